// The paste box as pure data: the error text typed or pasted into it, the text last sent to be
// explained, and how far its answer is scrolled. Opened with `e`; while open, it takes every key.
import type { NavAction, NavState } from './navigation.js';

/** The most characters the box holds; a longer paste is cut there. */
export const PASTE_LIMIT = 2000;

/** Rows of the box's answer on screen, and rows it has in all; reported by the UI. */
export interface PasteSize {
  readonly rows: number;
  readonly contentRows: number;
}

/** The box's line, the text Enter last explained (absent until then, or after an edit), the scroll. */
export interface PasteBox {
  readonly text: string;
  readonly explained?: string;
  /** The first row of the answer on view; absent means 0. */
  readonly scroll?: number;
  readonly size?: PasteSize;
}

/** Keys of the paste box (characters typed or pasted, Backspace, Ctrl+U to clear) and its size. */
export type PasteAction =
  | { readonly type: 'explain' | 'paste-delete' | 'paste-clear' }
  | { readonly type: 'paste-text'; readonly text: string }
  | { readonly type: 'paste-layout'; readonly size: PasteSize };

// CSI (colours, cursor keys, bracketed-paste markers), OSC (titles, links) and two-byte escapes.
const ESCAPES = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|\u001B[@-_]?/g;
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;

/**
 * A paste as one line of text: escape sequences dropped, line breaks and tabs made spaces,
 * other control characters removed.
 */
export function cleanPaste(raw: string): string {
  return raw.replace(ESCAPES, '').replace(/[\r\n\t]+/g, ' ').replace(CONTROLS, '');
}

/** `text` with `added` appended, cleaned and cut at PASTE_LIMIT characters (code points). */
export function appendPaste(text: string, added: string): string {
  const clean = cleanPaste(added);
  const joined = text === '' ? clean.trimStart() : text + clean;
  const chars = [...joined];
  return chars.length > PASTE_LIMIT ? chars.slice(0, PASTE_LIMIT).join('') : joined;
}

/** Opens an empty box over the lesson list, a lesson or the drills screen; elsewhere nothing. */
export function openPasteBox(state: NavState): NavState {
  if (state.screen === 'drill') return state;
  return { ...state, paste: { text: '' } };
}

const clamp = (n: number, low: number, high: number): number => Math.max(low, Math.min(high, n));

function scrolled(box: PasteBox, delta: number, size = box.size): PasteBox {
  const end = size ? Math.max(0, size.contentRows - size.rows) : 0;
  return { ...box, size, scroll: clamp((box.scroll ?? 0) + delta, 0, end) };
}

/** The box's answer to an action: edit, explain (Enter), scroll, or close (Esc); nothing else acts. */
export function onPasteBox(state: NavState, action: NavAction): NavState {
  const box = state.paste;
  if (!box) return state;
  const edit = (text: string): NavState => (text === box.text ? state : { ...state, paste: { text, size: box.size } });
  const page = Math.max(1, (box.size?.rows ?? 1) - 1);
  switch (action.type) {
    case 'up': case 'down': return { ...state, paste: scrolled(box, action.type === 'up' ? -1 : 1) };
    case 'page-up': case 'page-down': return { ...state, paste: scrolled(box, action.type === 'page-up' ? -page : page) };
    case 'paste-layout': {
      const { rows, contentRows } = action.size;
      return rows === box.size?.rows && contentRows === box.size.contentRows ? state : { ...state, paste: scrolled(box, 0, action.size) };
    }
    case 'paste-text': return edit(appendPaste(box.text, action.text));
    case 'paste-delete': return edit([...box.text].slice(0, -1).join(''));
    case 'paste-clear': return edit('');
    case 'activate': {
      const text = box.text.trim();
      return text === '' || text === box.explained ? state : { ...state, paste: { ...box, explained: text, scroll: 0 } };
    }
    case 'back': return { ...state, paste: undefined };
    default: return state;
  }
}

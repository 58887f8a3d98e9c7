// The paste box as pure data: the error text typed or pasted into it, and the text last sent
// to be explained. Opened with `e`; while it is open every key is text for it.
import type { NavAction, NavState } from './navigation.js';

/** The most characters the box holds; a longer paste is cut there. */
export const PASTE_LIMIT = 2000;

/** The box's line, and the text Enter last explained (absent until then, or after an edit). */
export interface PasteBox {
  readonly text: string;
  readonly explained?: string;
}

/** Keys of the paste box: characters typed or pasted, Backspace, and Ctrl+U to clear. */
export type PasteAction =
  | { readonly type: 'explain' | 'paste-delete' | 'paste-clear' }
  | { readonly type: 'paste-text'; readonly text: string };

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

/** The box's answer to an action: edit, explain (Enter), or close (Esc); nothing else acts. */
export function onPasteBox(state: NavState, action: NavAction): NavState {
  const box = state.paste;
  if (!box) return state;
  const edit = (text: string): NavState => (text === box.text ? state : { ...state, paste: { text } });
  switch (action.type) {
    case 'paste-text': return edit(appendPaste(box.text, action.text));
    case 'paste-delete': return edit([...box.text].slice(0, -1).join(''));
    case 'paste-clear': return edit('');
    case 'activate': {
      const text = box.text.trim();
      return text === '' || text === box.explained ? state : { ...state, paste: { ...box, explained: text } };
    }
    case 'back': return { ...state, paste: undefined };
    default: return state;
  }
}

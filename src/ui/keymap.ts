// Every key binding of the TUI in one table: it turns Ink's (input, key) into an action,
// and the help overlay lists it, so the two never disagree.
import type { Key } from 'ink';
import type { NavAction, PanelId } from '../core/navigation.js';

/** The answer to a step that asks before it changes something (live AWS). */
export interface ConfirmAction {
  readonly type: 'confirm';
  readonly isYes: boolean;
}

export type KeyAction = NavAction | ConfirmAction;

export interface Binding {
  /** The keys as the help overlay shows them. */
  readonly keys: string;
  readonly description: string;
  readonly matches: (input: string, key: Key) => boolean;
  readonly action: KeyAction | ((input: string) => KeyAction);
}

// A plain character, not Alt or Ctrl with it (Esc sets `meta` in ink 6, so check it first).
const char = (...chars: string[]) => (input: string, key: Key): boolean =>
  !key.ctrl && !key.meta && chars.includes(input);

/** The keys that open (and close) each inspector panel. */
export const PANEL_KEYS: Readonly<Record<string, PanelId>> = { i: 'whoami', r: 'registry', w: 'wire' };

/** The bindings, in the order the help overlay lists them. */
export const BINDINGS: readonly Binding[] = [
  { keys: '→ l', description: 'next page (in the list: open the lesson)',
    matches: (i, k) => k.rightArrow || char('l')(i, k), action: { type: 'next' } },
  { keys: '← h', description: 'previous page',
    matches: (i, k) => k.leftArrow || char('h')(i, k), action: { type: 'prev' } },
  { keys: '↑ k', description: 'scroll up (on a focused question: previous choice)',
    matches: (i, k) => k.upArrow || char('k')(i, k), action: { type: 'up' } },
  { keys: '↓ j', description: 'scroll down (on a focused question: next choice)',
    matches: (i, k) => k.downArrow || char('j')(i, k), action: { type: 'down' } },
  { keys: 'PgUp b', description: 'scroll up one screen',
    matches: (i, k) => k.pageUp || char('b')(i, k), action: { type: 'page-up' } },
  { keys: 'PgDn Space', description: 'scroll down one screen',
    matches: (i, k) => k.pageDown || char(' ')(i, k), action: { type: 'page-down' } },
  { keys: 'Tab', description: 'focus the next question or step card',
    matches: (_i, k) => k.tab && !k.shift, action: { type: 'focus-next' } },
  { keys: 'Shift+Tab', description: 'focus the previous question or step card',
    matches: (_i, k) => k.tab && k.shift, action: { type: 'focus-prev' } },
  { keys: 'Enter', description: 'open the lesson / answer the question / run the step',
    matches: (_i, k) => k.return, action: { type: 'activate' } },
  { keys: '1-6', description: 'answer the focused question with that choice',
    matches: (i, k) => !k.ctrl && !k.meta && /^[1-9]$/.test(i), action: (i) => ({ type: 'choose', index: Number(i) - 1 }) },
  { keys: 'y n', description: 'go ahead with / cancel a step that asks first',
    matches: char('y', 'n'), action: (i) => ({ type: 'confirm', isYes: i === 'y' }) },
  { keys: 'Esc Backspace', description: 'back: close help or a panel, leave the focused block, or return to the list',
    matches: (_i, k) => k.escape || k.backspace || k.delete, action: { type: 'back' } },
  { keys: 'i r w', description: 'panels: who am I, registry, wire; the same key or Esc closes',
    matches: char(...Object.keys(PANEL_KEYS)), action: (i) => ({ type: 'panel', panel: PANEL_KEYS[i] ?? 'whoami' }) },
  { keys: '?', description: 'show or hide this help',
    matches: char('?'), action: { type: 'help' } },
  { keys: 'q', description: 'quit (progress is saved as you go)',
    matches: char('q'), action: { type: 'quit' } },
];

/** The action a key press stands for, or undefined when the key means nothing here. */
export function actionFor(input: string, key: Key): KeyAction | undefined {
  const binding = BINDINGS.find((b) => b.matches(input, key));
  if (!binding) return undefined;
  return typeof binding.action === 'function' ? binding.action(input) : binding.action;
}

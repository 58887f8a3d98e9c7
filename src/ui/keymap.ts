// Every key binding of the TUI in one table: it turns Ink's (input, key) into an action in the
// context on screen, and the help overlay lists the bindings of that context, so the two never
// disagree. A context's own bindings come first in the table, so they win over the general ones.
// The paste box has bindings of its own and no others: there every other key is text.
import type { Key } from 'ink';
import type { NavAction, NavState, PanelId } from '../core/navigation.js';
import { REVEAL_KEY } from '../core/quiz.js';

/** The answer to a step that asks before it changes something (live AWS). */
export interface ConfirmAction {
  readonly type: 'confirm';
  readonly isYes: boolean;
}

export type KeyAction = NavAction | ConfirmAction;

/** Where keys mean something different: lessons (and their panels), the fault panel, the drills, the paste box. */
export type KeyContext = 'main' | 'faults' | 'drills' | 'drill' | 'paste';

/** One binding: the keys, what they do, where they work, and the action they stand for. */
export interface Binding {
  /** The keys as the help overlay shows them. */
  readonly keys: string;
  readonly description: string;
  /** The contexts the binding works in. */
  readonly where: readonly KeyContext[];
  readonly matches: (input: string, key: Key) => boolean;
  readonly action: KeyAction | ((input: string, key: Key) => KeyAction);
}

// A plain character, not Alt or Ctrl with it (Esc sets `meta` in ink 6, so check it first).
const char = (...chars: string[]) => (input: string, key: Key): boolean =>
  !key.ctrl && !key.meta && chars.includes(input);

const up = (i: string, k: Key): boolean => k.upArrow || char('k')(i, k);
const down = (i: string, k: Key): boolean => k.downArrow || char('j')(i, k);

const ALL: readonly KeyContext[] = ['main', 'faults', 'drills', 'drill'];
const READING: readonly KeyContext[] = ['main', 'drill'];

const HOUR = 3_600_000;
/** Columns one press scrolls a wide diagram by. */
const SIDEWAYS = 8;

// Ink 6 splits a paste at each escape sequence and drops its ESC: `[31m` alone is what is left
// of a colour code, never something typed (a key press is one character). Alt+x is no text either.
const ESCAPE_REST = /^\[[0-?]*[ -/]*[@-~]$/;
const isText = (i: string, k: Key): boolean => i !== '' && !k.ctrl && !k.meta && !k.return && !ESCAPE_REST.test(i);

/** The keys that open (and close) each panel. */
export const PANEL_KEYS: Readonly<Record<string, PanelId>> = { i: 'whoami', r: 'registry', w: 'wire', f: 'faults' };

/** The bindings, in the order the help overlay lists them. */
export const BINDINGS: readonly Binding[] = [
  { keys: 'Enter', description: 'explain the error in the box', where: ['paste'], matches: (_i, k) => k.return, action: { type: 'activate' } },
  { keys: 'Backspace', description: 'delete the last character', where: ['paste'],
    matches: (_i, k) => k.backspace || k.delete, action: { type: 'paste-delete' } },
  { keys: 'Ctrl+U', description: 'clear the box', where: ['paste'], matches: (i, k) => k.ctrl && i === 'u', action: { type: 'paste-clear' } },
  { keys: '↑ ↓ PgUp PgDn', description: 'scroll the explanation', where: ['paste'],
    matches: (_i, k) => k.upArrow || k.downArrow || k.pageUp || k.pageDown,
    action: (_i, k) => ({ type: k.upArrow ? 'up' : k.downArrow ? 'down' : k.pageUp ? 'page-up' : 'page-down' }) },
  { keys: 'Esc', description: 'close the box', where: ['paste'], matches: (_i, k) => k.escape, action: { type: 'back' } },
  { keys: 'any other', description: 'typed or pasted into the box (line breaks become spaces)', where: ['paste'],
    matches: isText, action: (i) => ({ type: 'paste-text', text: i }) },
  { keys: '↑ ↓', description: 'choose', where: ['faults', 'drills'],
    matches: (i, k) => up(i, k) || down(i, k), action: (i, k) => ({ type: up(i, k) ? 'up' : 'down' }) },
  { keys: 'Enter Space', description: 'switch the fault under ❯ on or off', where: ['faults'],
    matches: (i, k) => k.return || char(' ')(i, k), action: { type: 'activate' } },
  { keys: 'x', description: 'switch every fault off', where: ['faults'], matches: char('x'), action: { type: 'faults-off' } },
  { keys: '+ T 0', description: "the local ECR's clock: 1 hour on, 13 hours on (past a token's 12), back to now",
    where: ['faults'], matches: char('+', 'T', '0'),
    action: (i) => (i === '0' ? { type: 'clock-reset' } : { type: 'clock', ms: (i === 'T' ? 13 : 1) * HOUR }) },
  { keys: 'Enter', description: 'play the drill under ❯', where: ['drills'], matches: (_i, k) => k.return, action: { type: 'activate' } },
  { keys: 'Enter', description: 'go on: set the scene, answer with the choice under ❯, run the fix step under ❯',
    where: ['drill'], matches: (_i, k) => k.return, action: { type: 'activate' } },
  { keys: 'h', description: 'the next hint (each costs 10 points)', where: ['drill'], matches: char('h'), action: { type: 'hint' } },
  { keys: 'c', description: 'check the fix: reads the state, not the text', where: ['drill'], matches: char('c'), action: { type: 'check' } },
  { keys: 'F', description: 'simulate the repair that happens on your machine, outside AWS', where: ['drill'],
    matches: char('F'), action: { type: 'simulate' } },
  // Before → l, which would take Shift+→ too.
  { keys: '< > Shift+← →', description: 'scroll a diagram wider than the window sideways', where: ['main'],
    matches: (i, k) => char('<', '>')(i, k) || (k.shift && (k.leftArrow || k.rightArrow)),
    action: (i, k) => ({ type: 'sideways', columns: i === '<' || k.leftArrow ? -SIDEWAYS : SIDEWAYS }) },
  { keys: '→ l', description: "next page; from a lesson's last page, the next lesson (in the list: open it)", where: ['main'],
    matches: (i, k) => k.rightArrow || char('l')(i, k), action: { type: 'next' } },
  { keys: '← h', description: "previous page; from a lesson's first page, the lesson before", where: ['main'],
    matches: (i, k) => k.leftArrow || char('h')(i, k), action: { type: 'prev' } },
  { keys: '↑ k', description: 'scroll up (on a question: previous choice)', where: READING, matches: up, action: { type: 'up' } },
  { keys: '↓ j', description: 'scroll down (on a question: next choice)', where: READING, matches: down, action: { type: 'down' } },
  { keys: 'PgUp b', description: 'scroll up one screen', where: READING,
    matches: (i, k) => k.pageUp || char('b')(i, k), action: { type: 'page-up' } },
  { keys: 'PgDn Space', description: 'scroll down one screen', where: READING,
    matches: (i, k) => k.pageDown || char(' ')(i, k), action: { type: 'page-down' } },
  { keys: 'Tab Shift+Tab', description: 'focus the next / previous question or step card', where: ['main'],
    matches: (_i, k) => k.tab, action: (_i, k) => ({ type: k.shift ? 'focus-prev' : 'focus-next' }) },
  { keys: 'Enter', description: 'open the lesson / answer the question / run the step', where: ['main'],
    matches: (_i, k) => k.return, action: { type: 'activate' } },
  // The reveal key shares the answers' row: the help overlay has no row to spare at 60x20.
  { keys: `1-6 ${REVEAL_KEY}`, description: `answer with that choice · ${REVEAL_KEY} reveals it after a wrong try`,
    where: ['main'], matches: (i, k) => !k.ctrl && !k.meta && (/^[1-9]$/.test(i) || i === REVEAL_KEY),
    action: (i) => (i === REVEAL_KEY ? { type: 'reveal' } : { type: 'choose', index: Number(i) - 1 }) },
  { keys: '1-6', description: 'answer with that choice', where: ['drill'],
    matches: (i, k) => !k.ctrl && !k.meta && /^[1-9]$/.test(i), action: (i) => ({ type: 'choose', index: Number(i) - 1 }) },
  { keys: 'y n', description: 'go ahead with / cancel a step that asks first', where: ['main'],
    matches: char('y', 'n'), action: (i) => ({ type: 'confirm', isYes: i === 'y' }) },
  { keys: 'Esc Backspace', description: 'back: close help or a panel, leave a block, a drill (its faults go off) or a screen',
    where: ALL, matches: (_i, k) => k.escape || k.backspace || k.delete, action: { type: 'back' } },
  { keys: 'i r w f', description: 'panels: who am I, registry, wire, faults; the same key or Esc closes', where: ALL,
    matches: char(...Object.keys(PANEL_KEYS)), action: (i) => ({ type: 'panel', panel: PANEL_KEYS[i] ?? 'whoami' }) },
  { keys: 'd', description: 'troubleshooting drills', where: ['main'], matches: char('d'), action: { type: 'drills' } },
  { keys: 'e', description: 'explain an error: paste it as docker or aws printed it', where: ['main', 'drills'],
    matches: char('e'), action: { type: 'explain' } },
  { keys: '?', description: 'show or hide this help', where: ALL, matches: char('?'), action: { type: 'help' } },
  { keys: 'q', description: 'quit (progress is saved as you go)', where: ALL, matches: char('q'), action: { type: 'quit' } },
];

/** The bindings that work in a context, in table order. */
export function bindingsFor(context: KeyContext): readonly Binding[] {
  return BINDINGS.filter((b) => b.where.includes(context));
}

/** The context of the screen on view: the paste box, the fault panel, the drills screen, a drill, or the lessons. */
export function keyContext(state: NavState): KeyContext {
  if (state.paste) return 'paste';
  if (state.panel === 'faults') return 'faults';
  if (state.panel) return 'main';
  return state.screen === 'drills' || state.screen === 'drill' ? state.screen : 'main';
}

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false,
  end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false,
  meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};

/**
 * The key presses in one chunk of input. Ink 6 hands a chunk over whole when keys arrive
 * faster than a frame (a held `j`, Tab and Enter typed together, a slow machine): `\t\r` then
 * means nothing to any binding. Outside the paste box each character is a key of its own;
 * in the paste box a chunk is text, as pasted.
 */
export function keyPresses(input: string, key: Key, context: KeyContext): ReadonlyArray<readonly [string, Key]> {
  const chars = [...input];
  if (context === 'paste' || chars.length < 2 || key.ctrl || key.meta) return [[input, key]];
  return chars.map((c): readonly [string, Key] => {
    if (c === '\r') return ['', { ...NO_KEY, return: true }];
    if (c === '\t') return ['', { ...NO_KEY, tab: true }];
    if (c === '\x7f') return ['', { ...NO_KEY, delete: true }];
    if (c === '\b') return ['', { ...NO_KEY, backspace: true }];
    return [c, { ...NO_KEY, shift: /[A-Z]/.test(c) }];
  });
}

/** The action a key press stands for in `context`, or undefined when the key means nothing there. */
export function actionFor(input: string, key: Key, context: KeyContext = 'main'): KeyAction | undefined {
  const binding = bindingsFor(context).find((b) => b.matches(input, key));
  if (!binding) return undefined;
  return typeof binding.action === 'function' ? binding.action(input, key) : binding.action;
}

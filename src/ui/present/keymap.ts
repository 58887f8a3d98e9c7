// Every key of the presenter in one table: it turns Ink's (input, key) into a presenter action
// in the context on screen, and the help overlay lists the same table, so the two never disagree.
import type { Key } from 'ink';
import type { PresenterAction, PresenterState } from '../../core/presenter.js';
import { REVEAL_KEY } from '../../core/quiz.js';
import type { ConfirmAction } from '../keymap.js';

export type PresenterKeyAction = PresenterAction | ConfirmAction;

/** Where keys mean something different: the slides, typing a jump, the fault panel, help. */
export type PresenterKeyContext = 'slide' | 'jump' | 'faults' | 'help';

/** One binding; `action` gets the time of the key press for the actions that move the clock. */
export interface PresenterBinding {
  readonly keys: string;
  readonly description: string;
  readonly where: readonly PresenterKeyContext[];
  readonly matches: (input: string, key: Key) => boolean;
  readonly action: (input: string, key: Key, at: number) => PresenterKeyAction;
}

// A plain character, not Alt or Ctrl with it (Esc sets `meta` in ink 6, so check it first).
const char = (...chars: string[]) => (input: string, key: Key): boolean => !key.ctrl && !key.meta && chars.includes(input);
const is = (action: PresenterKeyAction) => (): PresenterKeyAction => action;
const esc = (_i: string, k: Key): boolean => k.escape;
const erase = (_i: string, k: Key): boolean => k.backspace || k.delete;

const HOUR = 3_600_000;
const ANYWHERE: readonly PresenterKeyContext[] = ['slide', 'faults', 'help'];

/** The bindings, in the order the help overlay lists them. */
export const PRESENTER_BINDINGS: readonly PresenterBinding[] = [
  // First, so that it wins everywhere (also over the jump's "any other key"): Ink's own Ctrl+C
  // exit is off, so that a rehearsal ended this way still reports.
  { keys: 'Ctrl+C', description: 'quit, as q does', where: ['slide', 'jump', 'faults', 'help'], matches: (i, k) => k.ctrl && i === 'c',
    action: (_i, _k, at) => ({ type: 'quit', at }) },
  { keys: '0-9', description: 'the slide number', where: ['jump'], matches: (i, k) => !k.ctrl && !k.meta && /^\d$/.test(i),
    action: (i) => ({ type: 'jump-digit', digit: i }) },
  { keys: 'Enter', description: 'go to that slide', where: ['jump'], matches: (_i, k) => k.return, action: (_i, _k, at) => ({ type: 'jump-go', at }) },
  { keys: 'Backspace', description: 'delete a digit', where: ['jump'], matches: erase, action: is({ type: 'jump-delete' }) },
  { keys: 'Esc', description: 'cancel (any other key too)', where: ['jump'], matches: () => true, action: is({ type: 'jump-cancel' }) },
  { keys: '↑ ↓', description: 'choose a fault', where: ['faults'], matches: (_i, k) => k.upArrow || k.downArrow,
    action: (_i, k) => ({ type: k.upArrow ? 'up' : 'down' }) },
  { keys: 'Enter Space', description: 'switch the fault under ❯', where: ['faults'],
    matches: (i, k) => k.return || char(' ')(i, k), action: is({ type: 'activate' }) },
  { keys: 'x', description: 'all faults off', where: ['faults'], matches: char('x'), action: is({ type: 'faults-off' }) },
  { keys: '+ T 0', description: 'clock +1h, +13h, now', where: ['faults'],
    matches: char('+', 'T', '0'), action: (i) => (i === '0' ? { type: 'clock-reset' } : { type: 'clock', ms: (i === 'T' ? 13 : 1) * HOUR }) },
  { keys: 'f Esc', description: 'close the panel', where: ['faults'], matches: (i, k) => char('f')(i, k) || esc(i, k), action: is({ type: 'faults' }) },
  { keys: '→ Space PgDn l', description: 'next slide', where: ['slide'],
    matches: (i, k) => k.rightArrow || k.pageDown || char(' ', 'l')(i, k), action: (_i, _k, at) => ({ type: 'next', at }) },
  { keys: '← PgUp h', description: 'previous slide', where: ['slide'],
    matches: (i, k) => k.leftArrow || k.pageUp || char('h')(i, k), action: (_i, _k, at) => ({ type: 'prev', at }) },
  { keys: 'Home End', description: 'first / last slide', where: ['slide'], matches: (_i, k) => k.home || k.end,
    action: (_i, k, at) => ({ type: k.home ? 'first' : 'last', at }) },
  { keys: 'g', description: 'jump: g, number, Enter', where: ['slide'], matches: char('g'), action: is({ type: 'jump-start' }) },
  { keys: 'b', description: 'blank / unblank', where: ['slide'], matches: char('b'), action: is({ type: 'blank' }) },
  { keys: 'f', description: 'fault panel (local ECR)', where: ['slide'], matches: char('f'), action: is({ type: 'faults' }) },
  { keys: 'Tab Shift+Tab', description: 'focus a question or step', where: ['slide'],
    matches: (_i, k) => k.tab, action: (_i, k) => ({ type: k.shift ? 'focus-prev' : 'focus-next' }) },
  { keys: '↑ ↓', description: 'choice on a question', where: ['slide'], matches: (_i, k) => k.upArrow || k.downArrow,
    action: (_i, k) => ({ type: k.upArrow ? 'up' : 'down' }) },
  { keys: 'Enter', description: 'answer / run the step', where: ['slide'], matches: (_i, k) => k.return, action: is({ type: 'activate' }) },
  // The reveal key shares the answers' row: the help overlay has no row to spare at 80x24.
  { keys: `1-6 ${REVEAL_KEY}`, description: `answer · ${REVEAL_KEY} reveals it`, where: ['slide'],
    matches: (i, k) => !k.ctrl && !k.meta && (/^[1-6]$/.test(i) || i === REVEAL_KEY),
    action: (i) => (i === REVEAL_KEY ? { type: 'reveal' } : { type: 'choose', index: Number(i) - 1 }) },
  { keys: 'y n', description: 'yes / no to a live step', where: ['slide'], matches: char('y', 'n'),
    action: (i) => ({ type: 'confirm', isYes: i === 'y' }) },
  { keys: 'L', description: 'rerun on the local ECR', where: ['slide'],
    matches: char('L'), action: is({ type: 'fallback' }) },
  { keys: 'Esc', description: 'back (unblank, unfocus)', where: ['slide', 'help'], matches: esc, action: is({ type: 'back' }) },
  { keys: '?', description: 'this help', where: ANYWHERE, matches: char('?'), action: is({ type: 'help' }) },
  { keys: 'q', description: 'quit (rehearse: report)', where: ANYWHERE, matches: char('q'),
    action: (_i, _k, at) => ({ type: 'quit', at }) },
];

/** The context of what is on screen. */
export function presenterKeyContext(state: PresenterState): PresenterKeyContext {
  if (state.jump !== undefined) return 'jump';
  if (state.isHelpOpen) return 'help';
  return state.isFaultPanelOpen ? 'faults' : 'slide';
}

/** The bindings that work in a context, in table order. */
export function presenterBindingsFor(context: PresenterKeyContext): readonly PresenterBinding[] {
  return PRESENTER_BINDINGS.filter((b) => b.where.includes(context));
}

/** The action a key press stands for in `context` at time `at`, or undefined. */
export function presenterActionFor(input: string, key: Key, context: PresenterKeyContext, at: number): PresenterKeyAction | undefined {
  return presenterBindingsFor(context).find((b) => b.matches(input, key))?.action(input, key, at);
}

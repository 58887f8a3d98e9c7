// The keys of `ecr-lab notes` as data (the footer hint is made from the same table), and the
// pure reducer that scrolls the notes window.
import type { Key } from 'ink';

/** What a key asks of the notes screen. */
export type NotesAction =
  | { readonly type: 'line'; readonly by: 1 | -1 }
  | { readonly type: 'page'; readonly by: 1 | -1 }
  | { readonly type: 'top' }
  | { readonly type: 'bottom' }
  | { readonly type: 'quit' };

interface NotesBinding {
  /** The keys as the footer shows them; empty for bindings the footer leaves out. */
  readonly keys: string;
  readonly description: string;
  readonly matches: (input: string, key: Key) => boolean;
  readonly action: NotesAction;
}

const char = (c: string) => (input: string, key: Key): boolean => !key.ctrl && !key.meta && input === c;

/** Every binding, in the order the footer lists them. */
export const NOTES_BINDINGS: readonly NotesBinding[] = [
  { keys: '↑↓', description: 'scroll', matches: (_i, k) => k.upArrow, action: { type: 'line', by: -1 } },
  { keys: '', description: 'scroll down', matches: (_i, k) => k.downArrow, action: { type: 'line', by: 1 } },
  { keys: 'PgUp PgDn', description: 'page', matches: (_i, k) => k.pageUp, action: { type: 'page', by: -1 } },
  { keys: '', description: 'page down', matches: (_i, k) => k.pageDown, action: { type: 'page', by: 1 } },
  { keys: '', description: 'top', matches: (_i, k) => k.home, action: { type: 'top' } },
  { keys: '', description: 'bottom', matches: (_i, k) => k.end, action: { type: 'bottom' } },
  { keys: 'q', description: 'quit', matches: char('q'), action: { type: 'quit' } },
];

/** The action for a key press, if it has one. */
export function notesAction(input: string, key: Key): NotesAction | undefined {
  return NOTES_BINDINGS.find((b) => b.matches(input, key))?.action;
}

/** `↑↓ scroll · PgUp PgDn page · q quit`. */
export function notesHint(): string {
  return NOTES_BINDINGS.filter((b) => b.keys !== '').map((b) => `${b.keys} ${b.description}`).join(' · ');
}

/** The notes window: how many rows it shows and how many the notes take. */
export interface NotesWindow {
  readonly height: number;
  readonly contentHeight: number;
}

/** The first row shown after `action`, kept within the notes (0 when they fit). */
export function scrollNotes(offset: number, action: NotesAction, view: NotesWindow): number {
  const last = Math.max(0, view.contentHeight - view.height);
  const page = Math.max(1, view.height - 1);
  let next = offset;
  if (action.type === 'line') next = offset + action.by;
  else if (action.type === 'page') next = offset + action.by * page;
  else if (action.type === 'top') next = 0;
  else if (action.type === 'bottom') next = last;
  return Math.min(last, Math.max(0, next));
}

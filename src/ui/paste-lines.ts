// The paste box as styled lines at a width: the prompt, the one-line input with its end in
// view, and what Enter found (what it means, the fix, the lesson, the fault and drills that
// reproduce it) or that nothing matched. Pure, so tested without Ink.
import type { Drill } from '../core/drill.js';
import { type PastedErrorExplanation, explainPasted } from '../core/explain.js';
import type { Lesson } from '../core/lesson.js';
import type { PasteBox } from '../core/paste-box.js';
import { wrapped } from '../markdown/blocks.js';
import { type StyledLine, line } from '../markdown/styled.js';
import stringWidth from './string-width-fast.js';

/** The box's prompt, above its input line. */
export const PASTE_PROMPT = 'Paste an error as docker or aws printed it';
/** Said when the catalogue has no entry for the text. */
export const NOT_RECOGNISED = 'ecr-lab does not recognise this error: paste the whole line as docker or aws printed it.';
const KEYS = 'Enter explains · Backspace deletes · Ctrl+U clears';
const CURSOR = '█';
const MARK = '❯ ';

/** What the box shows, with the names the learner sees in the lists behind it. */
export interface PasteView {
  readonly text: string;
  /** What Enter found: undefined before Enter (or after an edit), null when nothing matched. */
  readonly found?: PastedErrorExplanation | null;
  readonly drillTitles: ReadonlyMap<string, string>;
  /** "9. Troubleshooting" by lesson id, as the lesson list numbers them. */
  readonly lessonNames: ReadonlyMap<string, string>;
  /** Opened over the drills screen, where `d` means nothing: the drills are right behind. */
  readonly isOnDrills: boolean;
}

/** Explains the box's last explained text against the drills loaded so far (none is fine). */
export function pasteView(box: PasteBox, drills: readonly Drill[], lessons: readonly Lesson[], isOnDrills: boolean): PasteView {
  const found = box.explained === undefined
    ? undefined : explainPasted(box.explained, new Map(drills.map((d) => [d.id, d.faults]))) ?? null;
  return {
    text: box.text, found, isOnDrills,
    drillTitles: new Map(drills.map((d) => [d.id, d.title])),
    lessonNames: new Map(lessons.map((l, i) => [l.id, `${i + 1}. ${l.title}`])),
  };
}

/** The end of `text` that fits `width` columns, `…` in front when the start is cut. */
export function inputTail(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  const chars = [...text];
  let tail = '';
  let used = 1;
  for (let i = chars.length - 1; i >= 0; i -= 1) {
    const char = chars[i] ?? '';
    used += stringWidth(char);
    if (used > width) break;
    tail = char + tail;
  }
  return `…${tail}`;
}

function explanationLines(found: PastedErrorExplanation, view: PasteView, width: number): StyledLine[] {
  const { explanation, faults, drills } = found;
  const lesson = view.lessonNames.get(explanation.lesson);
  const out = [
    ...wrapped(`what it means: ${explanation.cause}`, width),
    ...wrapped(`fix: ${explanation.fix}`, width),
    ...wrapped(`lesson: ${explanation.lesson}${lesson ? ` (${lesson})` : ''}`, width, 'accent'),
  ];
  const keys: string[] = [];
  if (faults.length > 0) {
    const label = faults.length > 1 ? 'faults that reproduce it' : 'fault that reproduces it';
    out.push(...wrapped(`${label}: ${faults.map((f) => f.name).join(', ')}`, width, 'accent'));
    keys.push('f opens the fault panel');
  }
  if (drills.length > 0) {
    const label = drills.length > 1 ? 'drills that practise it' : 'drill that practises it';
    out.push(...wrapped(`${label}: ${drills.map((d) => view.drillTitles.get(d) ?? d).join('; ')}`, width, 'accent'));
    if (!view.isOnDrills) keys.push('d opens the drills');
  }
  if (keys.length > 0) out.push(...wrapped(`Esc, then ${keys.join(', ')}`, width, 'dim'));
  return out;
}

/** The box's lines: the head (prompt, input) stays in view; the body (keys, or what Enter found) scrolls. */
export function pasteLines(view: PasteView, width: number): { head: StyledLine[]; body: StyledLine[] } {
  const input = line(`${MARK}${inputTail(view.text, Math.max(1, width - MARK.length - 1))}${CURSOR}`, 'focus');
  const head = [...wrapped(PASTE_PROMPT, width, 'dim'), input, line('')];
  if (view.found === undefined) return { head, body: wrapped(KEYS, width, 'dim') };
  if (view.found === null) return { head, body: wrapped(NOT_RECOGNISED, width, 'bad') };
  return { head, body: explanationLines(view.found, view, width) };
}

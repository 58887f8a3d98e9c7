// Terminal renderings of the blocks that are not prose: a diagram (verbatim, never re-wrapped),
// a quiz question, and a step card with the exact equivalent commands.
import type { DiagramBlock, QuizBlock, StepBlock } from '../core/lesson.js';
import { equivalentCommands } from '../core/commands.js';
import { type QuizPhase, REVEAL_KEY, quizPhase } from '../core/quiz.js';
import { type TargetContext, stepDefinition } from '../core/steps.js';
import { type StyledLine, frame, line } from './styled.js';
import { commandLines } from './command-lines.js';
import { truncateLine, visibleLength, wrapLine } from './wrap.js';

/** Space the sides of a frame take. */
export const FRAME_SIDES = 4;

function expandTabs(text: string): string {
  return text.replace(/[^\n\t]*\t/g, (run) => {
    const head = run.slice(0, -1);
    return head + ' '.repeat(8 - (head.length % 8));
  });
}

/**
 * How a diagram wider than its frame is shown: scrolled sideways from `offset` columns, with
 * the bottom edge saying which columns are on view (the TUI), or with each long line folded
 * onto rows marked `↪` (plain renderings, which cannot scroll). Never cut without a word.
 */
export interface DiagramView {
  readonly offset?: number;
}

// Diagrams are drawn in single-column characters (ASCII and box drawing), so a code point is a column.
const columns = (text: string, from: number, count: number): string => [...text].slice(from, from + count).join('');

/** How many columns a diagram is wider than its frame at `width` (0 when it fits). */
export function diagramOverflow(block: DiagramBlock, width: number): number {
  const widest = Math.max(0, ...diagramRows(block).map((l) => [...l].length));
  return Math.max(0, widest - Math.max(1, width - FRAME_SIDES));
}

function diagramRows(block: DiagramBlock): string[] {
  return expandTabs(block.text).replace(/\n+$/, '').split('\n').map((l) => l.trimEnd());
}

/** A diagram in a frame titled with its title; its lines are kept exactly, never re-wrapped. */
export function diagramLines(block: DiagramBlock, width: number, view: DiagramView = {}): StyledLine[] {
  const rows = diagramRows(block);
  const title = block.title || 'Diagram';
  const over = diagramOverflow(block, width);
  if (over === 0) return frame(title, rows.map((l) => line(l)), width, 'dim', true);
  const inner = Math.max(1, width - FRAME_SIDES);
  if (view.offset === undefined) {
    const room = Math.max(1, inner - 2);
    const folded = rows.flatMap((l) => {
      const chars = [...l];
      const out = [line(chars.slice(0, inner).join(''))];
      for (let at = inner; at < chars.length; at += room) out.push(line(`↪ ${chars.slice(at, at + room).join('')}`, 'dim'));
      return out;
    });
    return frame(title, folded, width, 'dim');
  }
  const from = Math.max(0, Math.min(view.offset, over));
  const widest = inner + over;
  // The top edge says the diagram scrolls when the hint fits beside the title; the bottom edge always does.
  const hinted = [`${title} · < > sideways`, `${title} · < >`].find((t) => visibleLength(t) + 6 <= width) ?? title;
  const drawn = frame(hinted, rows.map((l) => line(columns(l, from, inner))), width, 'dim');
  const arrows = `${from > 0 ? '◂ <' : '  <'} ${from < over ? '> ▸' : '>  '}`;
  const hint = truncateLine(` ${arrows} columns ${from + 1}-${from + inner} of ${widest} `, Math.max(1, width - 3));
  drawn[drawn.length - 1] = line(`╰─${hint}${'─'.repeat(Math.max(0, width - 3 - visibleLength(hint)))}╯`, 'dim');
  return drawn;
}

/** Wraps text at `width`, every line in one tone. */
export function wrapped(text: string, width: number, tone: StyledLine['tone'] = 'plain', indent = ''): StyledLine[] {
  return text.split('\n').flatMap((l) => wrapLine(indent + l, width)).map((l) => line(l, tone));
}

/** How a quiz is shown: the choice under the cursor, the choices tried (first first), and focus. */
export interface QuizView {
  readonly selected: number;
  readonly tries: readonly number[];
  /** The learner asked to see the answer after a wrong try. */
  readonly isRevealed: boolean;
  readonly isFocused: boolean;
  /** False where no score is kept (a presenter's slide): the lines then say nothing of one. */
  readonly isScored?: boolean;
}

function choiceMark(index: number, block: QuizBlock, view: QuizView, phase: QuizPhase): string {
  if (index === block.answer) return phase === 'right' || phase === 'revealed' ? '✔ ' : '  ';
  return view.tries.includes(index) ? '✘ ' : '  ';
}

/** One choice: its marks and number, and its text wrapped under itself (a hanging indent). */
function choiceLines(text: string, head: string, inner: number, tone: StyledLine['tone']): StyledLine[] {
  const body = wrapped(text, Math.max(1, inner - head.length));
  return body.map((l, i) => line(`${i === 0 ? head : ' '.repeat(head.length)}${l.text}`, tone));
}

/** What follows the choices: the verdict and, once it cannot give the answer away, the explanation. */
function verdictLines(block: QuizBlock, view: QuizView, phase: QuizPhase, inner: number): StyledLine[] {
  switch (phase) {
    case 'open':
      // The number keys this question takes: as many as it has choices.
      return view.isFocused ? [line(''), line(`↑↓ choose · Enter answers · 1-${Math.min(block.choices.length, 6)} pick`, 'dim')] : [];
    case 'retry':
      return [line(''), ...wrapped(`✘ Not quite. ${block.hint ?? 'Think it over.'}`, inner, 'bad'),
        ...wrapped(`Try again, or ${REVEAL_KEY} shows the answer.${view.isScored === false ? '' : ' Your first answer is the one scored.'}`, inner, 'dim')];
    case 'revealed':
      return [line(''), ...wrapped(`The answer is ${block.answer + 1}. ${block.explain}`, inner, 'accent'),
        ...wrapped(`Choose ${block.answer + 1} to finish the question.`, inner, 'dim')];
    case 'right': {
      const scored = view.isScored === false ? '' : '; your first answer is the one scored';
      const note = view.tries.length === 1 ? '' : ` (at try ${view.tries.length}${scored})`;
      return [line(''), ...wrapped(`✔ Right${note}. ${block.explain}`, inner, 'good')];
    }
  }
}

/**
 * A quiz question: the question, numbered choices, and after a try, right or "not quite";
 * the explanation shows only once the answer is right or was asked for.
 */
export function quizLines(block: QuizBlock, width: number, view: QuizView): StyledLine[] {
  const inner = width - FRAME_SIDES;
  const phase = quizPhase(block, view.tries, view.isRevealed);
  const body: StyledLine[] = [...wrapped(block.question, inner, 'title'), line('')];
  block.choices.forEach((choice, i) => {
    const isUnder = view.isFocused && i === view.selected;
    const head = `${isUnder ? '❯ ' : '  '}${choiceMark(i, block, view, phase)}${i + 1}. `;
    body.push(...choiceLines(choice, head, inner, isUnder ? 'focus' : 'plain'));
  });
  body.push(...verdictLines(block, view, phase, inner));
  const title = `${view.isFocused ? '▶ ' : ''}Question`;
  return frame(title, body, width, view.isFocused ? 'focus' : 'accent');
}

/**
 * A step card: its title and summary, the exact equivalent commands for this target, then
 * `status` (what the UI knows about running it), all in a frame.
 */
export function stepCardLines(
  block: StepBlock, context: TargetContext, width: number, isFocused: boolean, status: readonly StyledLine[],
): StyledLine[] {
  const inner = width - FRAME_SIDES;
  const def = stepDefinition(block.stepId);
  const commands = equivalentCommands(block.stepId, block.params, context);
  const body: StyledLine[] = [
    ...wrapped(def?.summary ?? '', inner, 'plain'),
    line(''),
    ...commands.flatMap((c) => commandLines(c, inner).map((l) => line(l, 'command'))),
  ];
  if (status.length > 0) body.push(line(''), ...status);
  const title = `${isFocused ? '▶ ' : ''}Step: ${def?.title ?? block.stepId}`;
  return frame(title, body, width, isFocused ? 'focus' : 'accent');
}

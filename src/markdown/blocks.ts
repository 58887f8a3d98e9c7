// Terminal renderings of the blocks that are not prose: a diagram (verbatim, never re-wrapped),
// a quiz question, and a step card with the exact equivalent commands.
import type { DiagramBlock, QuizBlock, StepBlock } from '../core/lesson.js';
import { equivalentCommands } from '../core/commands.js';
import { type TargetContext, stepDefinition } from '../core/steps.js';
import { type StyledLine, frame, line } from './styled.js';
import { commandLines } from './command-lines.js';
import { wrapLine } from './wrap.js';

/** Space the sides of a frame take. */
export const FRAME_SIDES = 4;

function expandTabs(text: string): string {
  return text.replace(/[^\n\t]*\t/g, (run) => {
    const head = run.slice(0, -1);
    return head + ' '.repeat(8 - (head.length % 8));
  });
}

/** A diagram in a frame titled with its title; its lines are kept exactly, and cut if too wide. */
export function diagramLines(block: DiagramBlock, width: number): StyledLine[] {
  const body = expandTabs(block.text).replace(/\n+$/, '').split('\n').map((l) => line(l.trimEnd()));
  return frame(block.title || 'Diagram', body, width, 'dim', true);
}

/** Wraps text at `width`, every line in one tone. */
export function wrapped(text: string, width: number, tone: StyledLine['tone'] = 'plain', indent = ''): StyledLine[] {
  return text.split('\n').flatMap((l) => wrapLine(indent + l, width)).map((l) => line(l, tone));
}

/** How a quiz is shown: the choice under the cursor, the recorded answer, and focus. */
export interface QuizView {
  readonly selected: number;
  readonly answered?: number;
  readonly isFocused: boolean;
}

function choiceMark(index: number, block: QuizBlock, view: QuizView): string {
  if (view.answered === undefined) return '  ';
  if (index === block.answer) return '✔ ';
  return index === view.answered ? '✘ ' : '  ';
}

/** A quiz question: the question, numbered choices, and after an answer, right or wrong and why. */
export function quizLines(block: QuizBlock, width: number, view: QuizView): StyledLine[] {
  const inner = width - FRAME_SIDES;
  const body: StyledLine[] = [...wrapped(block.question, inner, 'title'), line('')];
  block.choices.forEach((choice, i) => {
    const pointer = view.isFocused && i === view.selected ? '❯ ' : '  ';
    const tone = view.isFocused && i === view.selected ? 'focus' : 'plain';
    body.push(...wrapped(`${pointer}${choiceMark(i, block, view)}${i + 1}. ${choice}`, inner, tone));
  });
  if (view.answered !== undefined) {
    const isRight = view.answered === block.answer;
    const verdict = isRight ? '✔ Right.' : `✘ Not quite: the answer is ${block.answer + 1}.`;
    body.push(line(''), ...wrapped(`${verdict} ${block.explain}`, inner, isRight ? 'good' : 'bad'));
  } else if (view.isFocused) {
    body.push(line(''), line('↑↓ choose · Enter answers · 1-6 pick', 'dim'));
  }
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

// Lays out one lesson page as styled lines at a width: prose through marked-terminal
// (memoised per block, width and colour), diagrams verbatim, quizzes and step cards.
import type { Block, MarkdownBlock, Page, QuizBlock, StepBlock } from '../core/lesson.js';
import type { TargetContext } from '../core/steps.js';
import { type QuizView, diagramLines, diagramOverflow, quizLines, stepCardLines } from './blocks.js';
import { isMarkdownLoaded, renderMarkdown } from './render.js';
import { type StyledLine, line } from './styled.js';

/** What the page shows besides its text: target, focus, quiz state and step status. */
export interface PageView {
  readonly color: boolean;
  readonly context: TargetContext;
  /** Index into `page.blocks` of the focused block, if any. */
  readonly focusedBlock?: number;
  readonly quiz: (block: QuizBlock, index: number) => Omit<QuizView, 'isFocused'>;
  readonly stepStatus: (block: StepBlock, index: number) => readonly StyledLine[];
  /** Where one step card ran, when not on `context` (a presenter's fallback to the local ECR). */
  readonly stepContext?: (block: StepBlock, index: number) => TargetContext | undefined;
  /** Columns a wide diagram is scrolled sideways by; without it, wide diagrams fold their lines. */
  readonly diagramOffset?: number;
  /** False draws each prose block as `…` (the renderer has not arrived); default: whether it has. */
  readonly isProseReady?: boolean;
}

/** A laid-out page: its lines and the first line of each block. */
export interface PageLayout {
  readonly lines: readonly StyledLine[];
  readonly blockTops: readonly number[];
  /** How many columns the widest diagram is wider than the page (0 when all fit). */
  readonly wideBy?: number;
}

const prose = new WeakMap<MarkdownBlock, Map<string, StyledLine[]>>();

/** Rendered prose for a block, computed once per width and colour. */
export function proseLines(block: MarkdownBlock, width: number, color: boolean, isReady = isMarkdownLoaded()): StyledLine[] {
  // For the moment between the first frame and the renderer's arrival; not cached.
  if (!isReady) return [line('…', 'dim')];
  let byWidth = prose.get(block);
  if (!byWidth) {
    byWidth = new Map();
    prose.set(block, byWidth);
  }
  const key = `${width}:${color}`;
  let lines = byWidth.get(key);
  if (!lines) {
    const text = renderMarkdown(block.text, width, { color });
    lines = text === '' ? [] : text.split('\n').map((l) => line(l));
    byWidth.set(key, lines);
  }
  return lines;
}

/** Whether the prose of `block` at `width` and `color` is rendered already (a page turn to it renders nothing). */
export function hasProseLines(block: MarkdownBlock, width: number, color: boolean): boolean {
  return prose.get(block)?.has(`${width}:${color}`) ?? false;
}

function blockLines(block: Block, index: number, width: number, view: PageView): StyledLine[] {
  const isFocused = view.focusedBlock === index;
  switch (block.kind) {
    case 'markdown': return proseLines(block, width, view.color, view.isProseReady);
    case 'diagram': return diagramLines(block, width, { offset: view.diagramOffset });
    case 'quiz': return quizLines(block, width, { ...view.quiz(block, index), isFocused });
    case 'step': {
      const context = view.stepContext?.(block, index) ?? view.context;
      return stepCardLines(block, context, width, isFocused, view.stepStatus(block, index));
    }
  }
}

/** Lays out a page at `width`, one blank line between blocks. */
export function layoutPage(page: Page, width: number, view: PageView): PageLayout {
  const lines: StyledLine[] = [];
  const blockTops: number[] = [];
  let wideBy = 0;
  page.blocks.forEach((block, index) => {
    if (block.kind === 'diagram') wideBy = Math.max(wideBy, diagramOverflow(block, width));
    const body = blockLines(block, index, width, view);
    if (lines.length > 0 && body.length > 0) lines.push(line(''));
    blockTops.push(lines.length);
    lines.push(...body);
  });
  return { lines, blockTops, wideBy };
}

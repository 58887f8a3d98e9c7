// Lays out one slide for a screen of columns x rows: a large title, then the body (the
// lesson layout at a readable width) centred; live step output is cut to its newest lines.
import type { Deck, Slide } from '../core/deck.js';
import type { Block, ContentError, StepBlock } from '../core/lesson.js';
import { defaultContext } from '../core/steps.js';
import { diagramLines } from './blocks.js';
import { pickHeading } from './big-heading.js';
import { type PageLayout, type PageView, layoutPage } from './page.js';
import { isMarkdownLoaded } from './render.js';
import { FRAME_LEFT, FRAME_RIGHT, type StyledLine, line } from './styled.js';
import { visibleLength } from './wrap.js';

/**
 * Rows the presenter keeps under the slide: its status line (n/m, the timer), and the
 * terminal's last row, which stays empty because Ink clears the whole screen, scrollback
 * included, on every render of a frame as tall as the terminal.
 */
export const PRESENTER_STATUS_ROWS = 2;

/** The widest the body is set, so lines stay readable on a wide screen. */
export const READABLE_WIDTH = 76;

/** Status lines a step keeps at least when its output is cut: the "earlier" line and the newest. */
const MIN_STATUS_LINES = 2;

/**
 * Rows a slide with a step keeps free of the heading for the step's output: a large title
 * must not leave a failed demo only its last two lines (the error's explanation needs ~10).
 */
const OUTPUT_ROOM = 10;

/**
 * One slide, laid out. `lines` are exactly the rows above the status line, none wider than
 * the screen. Lines without a frame carry their left margin in their text; a framed line's
 * sides are drawn by the renderer, so it is drawn `bodyLeft` columns in (see slideRowText).
 */
export interface SlideLayout {
  readonly lines: StyledLine[];
  /** Index into `lines` of each block's first row, in `slide.blocks` order. */
  readonly blockTops: number[];
  /** Rows and columns the slide's own content lacks at this size; 0 when it fits. */
  readonly overflowRows: number;
  readonly overflowColumns: number;
  /** The body's left margin in columns. */
  readonly bodyLeft: number;
}

/** The width the body is set at: readable, wider for a diagram that needs it, never past the screen. */
function bodyWidth(blocks: readonly Block[], columns: number): { width: number; widest: number } {
  const readable = Math.min(READABLE_WIDTH, Math.max(20, columns - 4));
  const widest = Math.max(0, ...blocks.map((b) => (b.kind === 'diagram' ? visibleLength(diagramLines(b, 10_000)[0]!.text) : 0)));
  return { width: Math.min(columns, Math.max(readable, widest)), widest };
}

/**
 * The width a slide's body is set at on a screen `columns` wide (a step card's frame is this
 * wide; its inside is FRAME_SIDES narrower), for wrapping step output to the card.
 */
export function slideBodyWidth(slide: Slide, columns: number): number {
  return bodyWidth(slide.blocks, columns).width;
}

/** A step's status cut to its last `keep` lines, the first of them saying how many were left out. */
export function fitStatus(status: readonly StyledLine[], keep: number): StyledLine[] {
  if (status.length <= keep) return [...status];
  const shown = Math.max(1, keep - 1);
  const hidden = status.length - shown;
  return [line(`… ${hidden} earlier line${hidden === 1 ? '' : 's'}`, 'dim'), ...status.slice(-shown)];
}

/** Lays the body out with each step's status as given by `statusOf`. */
function layoutBody(slide: Slide, width: number, view: PageView, statusOf: (i: number) => readonly StyledLine[]): PageLayout {
  return layoutPage({ title: slide.title, blocks: slide.blocks, line: slide.line }, width, { ...view, stepStatus: (_b, i) => statusOf(i) });
}

/**
 * Cuts step outputs until `excess` rows are saved (or none can shrink more): first the cards
 * that are not focused, longest first, then the focused one, so the card the presenter just
 * ran keeps the most of its output on a slide with two.
 */
function fitOutputs(statuses: Map<number, readonly StyledLine[]>, excess: number, focused?: number): void {
  let left = excess;
  while (left > 0) {
    const shrinkable = [...statuses].filter(([, lines]) => lines.length > MIN_STATUS_LINES);
    const others = shrinkable.filter(([i]) => i !== focused);
    const pool = others.length > 0 ? others : shrinkable;
    if (pool.length === 0) return;
    const [index, longest] = pool.reduce((a, b) => (b[1].length > a[1].length ? b : a));
    const keep = Math.max(MIN_STATUS_LINES, longest.length - left);
    left -= longest.length - keep;
    statuses.set(index, fitStatus(longest, keep));
  }
}

/** The statuses of the slide's steps, by block index, as the view gives them. */
function stepStatuses(slide: Slide, view: PageView): Map<number, readonly StyledLine[]> {
  const statuses = new Map<number, readonly StyledLine[]>();
  slide.blocks.forEach((b, i) => {
    if (b.kind === 'step') statuses.set(i, view.stepStatus(b as StepBlock, i));
  });
  return statuses;
}

/** The body with step outputs cut to their newest lines where it would pass `budget` rows. */
function fittedBody(slide: Slide, width: number, view: PageView, statuses: Map<number, readonly StyledLine[]>, budget: number): PageLayout {
  const body = layoutBody(slide, width, view, (i) => statuses.get(i) ?? []);
  if (body.lines.length <= budget) return body;
  fitOutputs(statuses, body.lines.length - budget, view.focusedBlock);
  return layoutBody(slide, width, view, (i) => statuses.get(i) ?? []);
}

const blank = (n: number): StyledLine[] => Array.from({ length: Math.max(0, n) }, () => line(''));

/** Lays out `slide` for a screen of `size`; see SlideLayout for what the lines hold. */
export function layoutSlide(slide: Slide, size: { columns: number; rows: number }, view: PageView): SlideLayout {
  const area = Math.max(1, size.rows - PRESENTER_STATUS_ROWS);
  const { width, widest } = bodyWidth(slide.blocks, size.columns);
  const bodyLeft = Math.floor((size.columns - width) / 2);
  const statuses = stepStatuses(slide, view);
  // The slide's own content: each step with at most the lines a cut output keeps, so the
  // heading chosen does not shrink as output arrives.
  const own = layoutBody(slide, width, view, (i) => fitStatus(statuses.get(i) ?? [], MIN_STATUS_LINES));
  const reserve = statuses.size > 0 ? OUTPUT_ROOM - MIN_STATUS_LINES : 0;
  const heading = pickHeading(slide.title, size.columns, area - 1 - own.lines.length - reserve);
  const body = fittedBody(slide, width, view, statuses, area - heading.length - 1);
  const free = area - heading.length - 1 - body.lines.length;
  // A title alone (a section divider) sits in the middle; otherwise the title stays at the top.
  const topMargin = slide.blocks.length === 0 ? Math.floor((area - heading.length) / 2) : free >= 2 && area >= 20 ? 1 : 0;
  const bodyTop = topMargin + heading.length + 1 + Math.max(0, Math.floor((free - topMargin) / 2));
  const pad = ' '.repeat(bodyLeft);
  const all = [
    ...blank(topMargin),
    ...heading,
    ...blank(bodyTop - topMargin - heading.length),
    ...body.lines.map((l) => (l.frame || l.text === '' ? l : { ...l, text: pad + l.text })),
  ];
  // Never a silent loss: below the size the decks are checked at, the last row says what is cut.
  const lines = all.length <= area ? all : [...all.slice(0, area - 1), cutMarker(all.length - area + 1, size.columns)];
  return {
    lines: [...lines, ...blank(area - lines.length)],
    blockTops: body.blockTops.map((t) => bodyTop + t),
    overflowRows: Math.max(0, heading.length + 1 + own.lines.length - area),
    overflowColumns: Math.max(0, widest - size.columns),
    bodyLeft,
  };
}

function cutMarker(hidden: number, columns: number): StyledLine {
  const text = `… ${hidden} more row${hidden === 1 ? '' : 's'} below: enlarge the window (decks are checked at 80x24)`;
  return line(text.length <= columns ? text : `${text.slice(0, Math.max(1, columns - 1))}…`, 'dim');
}

/** The whole text of one row as the screen shows it, margin and frame sides included. */
export function slideRowText(l: StyledLine, bodyLeft: number): string {
  return l.frame ? `${' '.repeat(bodyLeft)}${FRAME_LEFT}${l.text}${FRAME_RIGHT}` : l.text;
}

/** A laid-out slide as plain text, one row per line (for tests and plain renderings). */
export function slideText(layout: SlideLayout): string {
  return layout.lines.map((l) => slideRowText(l, layout.bodyLeft).trimEnd()).join('\n');
}

/** The smallest screen every slide must fit (a laptop's default terminal). */
export const SMALLEST_SCREEN = { columns: 80, rows: 24 } as const;

// How check-content sees a slide: every quiz answered wrongly, once with its hint and once
// with its answer shown (its two longest forms), and every step with as many status lines as
// a cut output keeps, so a slide that passes has room for its demo whatever the step prints.
const checkView = (isRevealed: boolean): PageView => ({
  color: false,
  context: defaultContext(),
  quiz: (block) => ({ selected: 0, tries: [block.answer === 0 ? 1 : 0], isRevealed }),
  stepStatus: () => Array.from({ length: MIN_STATUS_LINES }, (_, i) => line(`output line ${i + 1}`, 'dim')),
});
const CHECK_VIEWS = [checkView(false), checkView(true)];

/**
 * The slides of `deck` that do not fit a screen of `size`, as content errors at each slide's
 * line. The markdown renderer must be loaded (await loadMarkdown()) first.
 */
export function slideProblems(deck: Deck, size: { columns: number; rows: number } = SMALLEST_SCREEN): ContentError[] {
  if (!isMarkdownLoaded()) throw new Error('slideProblems needs the markdown renderer: await loadMarkdown() first');
  const at = `${size.columns}x${size.rows}`;
  const area = size.rows - PRESENTER_STATUS_ROWS;
  return deck.slides.flatMap((slide) => {
    const layout = CHECK_VIEWS.map((view) => layoutSlide(slide, size, view))
      .reduce((a, b) => (b.overflowRows > a.overflowRows ? b : a));
    const out: ContentError[] = [];
    if (layout.overflowRows > 0) {
      out.push({ file: deck.file, line: slide.line, message: `slide '${slide.title}' needs ${area + layout.overflowRows} rows at ${at}, ${area} fit`,
        fix: 'split it into two slides or cut text (what you will say goes in the notes block)' });
    }
    if (layout.overflowColumns > 0) {
      out.push({ file: deck.file, line: slide.line, message: `slide '${slide.title}' has a diagram ${size.columns + layout.overflowColumns} columns wide, ${size.columns} fit at ${at}`,
        fix: 'narrow the diagram (it is never re-wrapped)' });
    }
    return out;
  });
}

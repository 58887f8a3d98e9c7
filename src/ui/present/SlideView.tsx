// One slide on screen: the layout of src/markdown/slide.ts drawn row by row, with each quiz's
// cursor and answer and each step card's run (or fallback) under its commands.
import { Box } from 'ink';
import type { Slide } from '../../core/deck.js';
import { type PresenterState, blockKey, slideQuizSelection } from '../../core/presenter.js';
import type { TargetContext } from '../../core/steps.js';
import { FRAME_SIDES } from '../../markdown/blocks.js';
import { READABLE_WIDTH, layoutSlide } from '../../markdown/slide.js';
import { StyledRow } from '../StyledRow.js';
import type { SlideRuns } from './use-slide-runs.js';

export interface SlideViewProps {
  readonly slide: Slide;
  readonly state: PresenterState;
  /** Index into the slide's blocks of the focused one. */
  readonly focused?: number;
  readonly context: TargetContext;
  readonly runs: SlideRuns;
  readonly columns: number;
  readonly rows: number;
}

/** The width inside a step card's frame on a slide of `columns` (the slide's readable body width). */
const cardInner = (columns: number): number => Math.min(READABLE_WIDTH, Math.max(20, columns - 4)) - FRAME_SIDES;

/** The slide's rows; a framed row is drawn at the body's margin (its text carries none). */
export function SlideView({ slide, state, focused, context, runs, columns, rows }: SlideViewProps) {
  const { lines, bodyLeft } = layoutSlide(slide, { columns, rows }, {
    color: true, context, focusedBlock: focused,
    quiz: (_quiz, index) => ({ selected: slideQuizSelection(state, state.slide, index), answered: state.answers[blockKey(state.slide, index)] }),
    stepStatus: (_step, index) => runs.statusLines(state.slide, index, cardInner(columns), focused === index),
  });
  return (
    <Box flexDirection="column" width={columns} height={lines.length}>
      {lines.map((l, i) => (l.frame
        ? <Box key={i} paddingLeft={bodyLeft}><StyledRow line={l} /></Box>
        : <StyledRow key={i} line={l} />))}
    </Box>
  );
}

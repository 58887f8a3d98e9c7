// One slide on screen: the layout of src/markdown/slide.ts drawn row by row, with each quiz's
// cursor and tries and each step card's run (or fallback) under its commands.
import { Box } from 'ink';
import type { Slide } from '../../core/deck.js';
import { type PresenterState, blockKey, slideQuizSelection } from '../../core/presenter.js';
import type { TargetContext } from '../../core/steps.js';
import { FRAME_SIDES } from '../../markdown/blocks.js';
import { layoutSlide, slideBodyWidth } from '../../markdown/slide.js';
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


/** The slide's rows; a framed row is drawn at the body's margin (its text carries none). */
export function SlideView({ slide, state, focused, context, runs, columns, rows }: SlideViewProps) {
  // Step output is wrapped to the inside of the card's frame, as wide as the slide's body.
  const inner = slideBodyWidth(slide, columns) - FRAME_SIDES;
  const { lines, bodyLeft } = layoutSlide(slide, { columns, rows }, {
    color: true, context, focusedBlock: focused,
    quiz: (_quiz, index) => {
      const key = blockKey(state.slide, index);
      return { selected: slideQuizSelection(state, state.slide, index), tries: state.tries[key] ?? [], isRevealed: state.revealed.includes(key), isScored: false };
    },
    stepStatus: (_step, index) => runs.statusLines(state.slide, index, inner, focused === index),
    stepContext: (_step, index) => runs.contextOf(state.slide, index),
  });
  return (
    <Box flexDirection="column" width={columns} height={lines.length}>
      {lines.map((l, i) => (l.frame
        ? <Box key={i} paddingLeft={bodyLeft}><StyledRow line={l} /></Box>
        : <StyledRow key={i} line={l} />))}
    </Box>
  );
}

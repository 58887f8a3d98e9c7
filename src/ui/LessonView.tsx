// The visible rows of a laid-out page: the window [scroll, scroll + height) of its lines.
import { Box } from 'ink';
import type { StyledLine } from '../markdown/styled.js';
import { StyledRow } from './StyledRow.js';

export interface LessonViewProps {
  readonly lines: readonly StyledLine[];
  readonly scroll: number;
  readonly height: number;
}

/** Draws only the rows in view, so long pages cost no more than short ones. */
export function LessonView({ lines, scroll, height }: LessonViewProps) {
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {lines.slice(scroll, scroll + height).map((line, i) => (
        // Rows are positions in the window, not identities: the index is the right key.
        <StyledRow key={i} line={line} />
      ))}
    </Box>
  );
}

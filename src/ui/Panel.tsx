// A titled, framed box of styled lines: the shape of every inspector panel.
import { Box, Text } from 'ink';
import { type StyledLine, line } from '../markdown/styled.js';
import { StyledRow } from './StyledRow.js';

export interface PanelProps {
  readonly title: string;
  readonly lines: readonly StyledLine[];
  readonly width: number;
  /** Outer height, frame included. */
  readonly height: number;
}

/** Shows the first lines that fit and says how many more there are. */
export function Panel({ title, lines, width, height }: PanelProps) {
  const rows = Math.max(0, height - 3);
  const shown = lines.length > rows
    ? [...lines.slice(0, Math.max(0, rows - 1)), line(`… ${lines.length - rows + 1} more lines`, 'dim')]
    : lines;
  return (
    <Box borderStyle="round" borderColor="gray" paddingX={1} width={width} height={height} flexDirection="column"
      overflow="hidden" flexShrink={0}>
      <Text bold color="cyan" wrap="truncate-end">{title}</Text>
      {shown.map((l, i) => (
        // Rows are positions in the panel, not identities: the index is the right key.
        <StyledRow key={i} line={l} />
      ))}
    </Box>
  );
}

// The bottom line: where the learner is, what the steps run against, and how to get help.
import { Box, Text } from 'ink';
import { truncateLine } from '../markdown/wrap.js';

export interface StatusBarProps {
  readonly width: number;
  /** The lesson title, or the app's name on the list. */
  readonly title: string;
  /** For example "page 2/5"; empty on the list. */
  readonly position: string;
  readonly targetLabel: string;
}

/** Right-hand parts stay whole; the title gives way when the line is short. */
export function StatusBar({ width, title, position, targetLabel }: StatusBarProps) {
  const right = [position, targetLabel, '? help'].filter((p) => p !== '').join(' · ');
  const room = Math.max(0, width - right.length - 3);
  const left = room >= 4 ? truncateLine(title, room) : '';
  const gap = Math.max(1, width - left.length - right.length);
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end">
        <Text bold>{left}</Text>
        {' '.repeat(gap)}
        <Text color="cyan">{right}</Text>
      </Text>
    </Box>
  );
}

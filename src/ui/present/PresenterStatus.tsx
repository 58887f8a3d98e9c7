// The presenter's one-line status bar: `n/m · 12:03 elapsed · 32:57 left`, a notice or the jump
// being typed, the target, and a dim `? help`. The counter and timer never give way.
import { Box, Text } from 'ink';
import { truncateLine } from '../../markdown/wrap.js';

export interface PresenterStatusProps {
  readonly width: number;
  /** `3/12 · 4:10 elapsed · 40:50 left`. */
  readonly position: string;
  readonly isOver: boolean;
  /** A jump being typed or a one-line notice, shown in the accent colour. */
  readonly message?: string;
  readonly target: string;
}

const SEP = ' · ';

/** The counter and timer first, then the message, then the target cut to what is left. */
export function PresenterStatus({ width, position, isOver, message, target }: PresenterStatusProps) {
  const help = '? help';
  const fixed = position.length + SEP.length + help.length + 1;
  const said = message ? truncateLine(message, Math.max(0, width - fixed - SEP.length)) : '';
  const room = width - fixed - (said ? said.length + SEP.length : 0) - SEP.length;
  const where = room >= 8 ? truncateLine(target, room) : '';
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end">
        <Text bold color={isOver ? 'red' : 'cyan'}>{position}</Text>
        {said ? <Text color="yellow" bold>{`${SEP}${said}`}</Text> : null}
        {where ? <Text color="cyan">{`${SEP}${where}`}</Text> : null}
        <Text dimColor>{`${SEP}${help}`}</Text>
      </Text>
    </Box>
  );
}

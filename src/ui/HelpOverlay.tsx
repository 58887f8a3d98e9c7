// The help overlay: every key binding, straight from the keymap table.
import { Box, Text } from 'ink';
import { wrapLine } from '../markdown/wrap.js';
import { BINDINGS } from './keymap.js';

export interface HelpOverlayProps {
  readonly width: number;
  readonly height: number;
}

const KEYS_WIDTH = Math.max(...BINDINGS.map((b) => b.keys.length)) + 2;

/** Lists the bindings; on a short terminal the descriptions are cut to one line. */
export function HelpOverlay({ width, height }: HelpOverlayProps) {
  const inner = Math.max(10, width - 4 - KEYS_WIDTH);
  const isRoomy = BINDINGS.reduce((n, b) => n + wrapLine(b.description, inner).length, 2) <= height;
  // The blank line under the heading is the first thing to go on a short terminal.
  const hasGap = BINDINGS.length + 2 <= height;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="yellow" paddingX={1} width={width} height={height + 2}>
      <Text bold>Keys</Text>
      {hasGap ? <Text> </Text> : null}
      {BINDINGS.map((b) => (
        <Box key={b.keys}>
          <Box width={KEYS_WIDTH} flexShrink={0}><Text color="cyan">{b.keys}</Text></Box>
          <Text wrap={isRoomy ? 'wrap' : 'truncate-end'}>{b.description}</Text>
        </Box>
      ))}
    </Box>
  );
}

// The help overlay: the key bindings of the context on screen, straight from the keymap table.
// Its heading sits in the top edge of the frame, so every row inside is a binding.
import { Box, Text } from 'ink';
import { truncateLine, visibleLength, wrapLine } from '../markdown/wrap.js';
import { type KeyContext, BINDINGS, bindingsFor } from './keymap.js';

export interface HelpOverlayProps {
  /** Whose keys to list: the lessons', the fault panel's, the drills screen's or a drill's. */
  readonly context?: KeyContext;
  readonly width: number;
  readonly height: number;
}

const KEYS_WIDTH = Math.max(...BINDINGS.map((b) => b.keys.length)) + 2;

const HEADINGS: Readonly<Record<KeyContext, string>> = {
  main: 'Keys', faults: 'Keys in the fault panel', drills: 'Keys on the drills screen', drill: 'Keys in a drill',
  paste: 'Keys in the paste box',
};

/** Lists the bindings; on a short terminal the descriptions are cut to one line. */
export function HelpOverlay({ context = 'main', width, height }: HelpOverlayProps) {
  const bindings = bindingsFor(context);
  const inner = Math.max(10, width - 4 - KEYS_WIDTH);
  const isRoomy = bindings.reduce((n, b) => n + wrapLine(b.description, inner).length, 1) <= height;
  // The blank line above the bindings is the first thing to go on a short terminal.
  const hasGap = bindings.length + 1 <= height;
  const heading = truncateLine(HEADINGS[context], Math.max(1, width - 6));
  const rule = '─'.repeat(Math.max(0, width - 5 - visibleLength(heading)));
  return (
    <Box flexDirection="column" width={width} height={height + 2}>
      <Text wrap="truncate-end"><Text color="yellow">╭─ </Text><Text bold>{heading}</Text><Text color="yellow">{` ${rule}╮`}</Text></Text>
      <Box flexDirection="column" borderStyle="round" borderTop={false} borderColor="yellow" paddingX={1} width={width} height={height + 1}>
        {hasGap ? <Text> </Text> : null}
        {bindings.map((b) => (
          <Box key={b.keys}>
            <Box width={KEYS_WIDTH} flexShrink={0}><Text color="cyan">{b.keys}</Text></Box>
            <Text wrap={isRoomy ? 'wrap' : 'truncate-end'}>{b.description}</Text>
          </Box>
        ))}
      </Box>
    </Box>
  );
}

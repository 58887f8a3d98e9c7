// The help overlay: the key bindings of the context on screen, straight from the keymap table.
import { Box, Text } from 'ink';
import { wrapLine } from '../markdown/wrap.js';
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
};

/** Lists the bindings; on a short terminal the descriptions are cut to one line. */
export function HelpOverlay({ context = 'main', width, height }: HelpOverlayProps) {
  const bindings = bindingsFor(context);
  const inner = Math.max(10, width - 4 - KEYS_WIDTH);
  const isRoomy = bindings.reduce((n, b) => n + wrapLine(b.description, inner).length, 2) <= height;
  // The blank line under the heading is the first thing to go on a short terminal.
  const hasGap = bindings.length + 2 <= height;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="yellow" paddingX={1} width={width} height={height + 2}>
      <Text bold>{HEADINGS[context]}</Text>
      {hasGap ? <Text> </Text> : null}
      {bindings.map((b) => (
        <Box key={b.keys}>
          <Box width={KEYS_WIDTH} flexShrink={0}><Text color="cyan">{b.keys}</Text></Box>
          <Text wrap={isRoomy ? 'wrap' : 'truncate-end'}>{b.description}</Text>
        </Box>
      ))}
    </Box>
  );
}

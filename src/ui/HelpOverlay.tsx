// The help overlay: the key bindings of the context on screen, straight from the keymap table.
// Its heading sits in the top edge of the frame, so every row inside is a binding. Rows that do
// not fit are scrolled to with ↑↓ (the heading says so), never cut or drawn over each other.
import { useLayoutEffect } from 'react';
import { Box, Text } from 'ink';
import type { NavAction } from '../core/navigation.js';
import { truncateLine, visibleLength, wrapLine } from '../markdown/wrap.js';
import { type Binding, type KeyContext, BINDINGS, bindingsFor } from './keymap.js';

export interface HelpOverlayProps {
  /** Whose keys to list: the lessons', the fault panel's, the drills screen's or a drill's. */
  readonly context?: KeyContext;
  readonly width: number;
  readonly height: number;
  /** The first row shown; clamped to the rows there are. */
  readonly scroll?: number;
  /** Told how far the rows can scroll, so that ↑ after the end moves at once. */
  readonly dispatch?: (action: NavAction) => void;
}

const KEYS_WIDTH = Math.max(...BINDINGS.map((b) => b.keys.length)) + 2;
/** Narrower than this, a description beside the keys would be a few words a row: it goes below them. */
const MIN_BESIDE = 28;

const HEADINGS: Readonly<Record<KeyContext, string>> = {
  main: 'Keys', faults: 'Keys in the fault panel', drills: 'Keys on the drills screen', drill: 'Keys in a drill',
  paste: 'Keys in the paste box',
};

/** One row of the overlay: keys (or blank on a continuation) and text. */
export interface HelpRow {
  readonly keys: string;
  readonly text: string;
}

/**
 * The bindings as rows `inner` columns wide: the keys in a column with the description wrapped
 * beside them under a hanging indent, or, when that column leaves too little room, the keys on
 * a row of their own and the description indented below.
 */
export function helpRows(bindings: readonly Binding[], inner: number): HelpRow[] {
  const beside = inner - KEYS_WIDTH;
  if (beside >= MIN_BESIDE) {
    return bindings.flatMap((b) => wrapLine(b.description, beside).map((text, i) => ({ keys: i === 0 ? b.keys : '', text })));
  }
  return bindings.flatMap((b) => [
    { keys: b.keys, text: '' },
    ...wrapLine(b.description, Math.max(1, inner - 2)).map((text) => ({ keys: '', text: `  ${text}` })),
  ]);
}

/** Lists the bindings; rows past the bottom are scrolled to. */
export function HelpOverlay({ context = 'main', width, height, scroll = 0, dispatch }: HelpOverlayProps) {
  const inner = Math.max(1, width - 4);
  const rows = helpRows(bindingsFor(context), inner);
  // The blank line above the bindings is the first thing to go on a short terminal.
  const hasGap = rows.length + 1 <= height;
  const maxScroll = Math.max(0, rows.length - height);
  const first = Math.min(Math.max(0, scroll), maxScroll);
  // In the commit that draws the rows, so a key pressed after the frame meets the new limit.
  useLayoutEffect(() => { dispatch?.({ type: 'help-layout', maxScroll }); }, [dispatch, maxScroll]);
  const shown = rows.slice(first, first + height);
  const where = maxScroll > 0 ? ` · ↑↓ ${first + 1}-${first + shown.length} of ${rows.length}` : '';
  const heading = truncateLine(`${HEADINGS[context]}${where}`, Math.max(1, width - 6));
  const rule = '─'.repeat(Math.max(0, width - 5 - visibleLength(heading)));
  const isBeside = inner - KEYS_WIDTH >= MIN_BESIDE;
  return (
    <Box flexDirection="column" width={width} height={height + 2}>
      <Text wrap="truncate-end"><Text color="yellow">╭─ </Text><Text bold>{heading}</Text><Text color="yellow">{` ${rule}╮`}</Text></Text>
      <Box flexDirection="column" borderStyle="round" borderTop={false} borderColor="yellow" paddingX={1} width={width} height={height + 1}>
        {hasGap ? <Text> </Text> : null}
        {shown.map((row, i) => (
          // Rows are positions in the window: the index is the right key.
          <Text key={i} wrap="truncate-end">
            <Text color="cyan">{isBeside ? row.keys.padEnd(KEYS_WIDTH) : row.keys}</Text>
            {row.text}
          </Text>
        ))}
      </Box>
    </Box>
  );
}

// The presenter's help: every binding of the keymap table, grouped by where it works; in one
// column when it fits, else the slide keys on the left and the others beside them.
import { Box, Text } from 'ink';
import { truncateLine } from '../../markdown/wrap.js';
import { PRESENTER_BINDINGS, type PresenterKeyContext } from './keymap.js';

export interface PresenterHelpProps {
  readonly width: number;
  readonly height: number;
}

const GROUPS: ReadonlyArray<readonly [PresenterKeyContext, string]> = [
  ['slide', 'On a slide'], ['jump', 'After g'], ['faults', 'In the fault panel'],
];

/** One row of the help: a group's heading, or a binding's keys and what they do. */
export type HelpRow = { readonly heading: string } | { readonly keys: string; readonly description: string };

/** The rows of each group (`?` and `q` once, with the slide keys), in table order. */
export function helpGroups(): HelpRow[][] {
  return GROUPS.map(([context, heading]) => [
    { heading },
    ...PRESENTER_BINDINGS.filter((b) => b.where[0] === context).map(({ keys, description }) => ({ keys, description })),
  ]);
}

const keysWidth = (rows: readonly HelpRow[]): number => Math.max(...rows.map((r) => ('keys' in r ? r.keys.length : 0))) + 1;

/** The columns a group needs to show every row whole. */
const columnWidth = (rows: readonly HelpRow[]): number =>
  keysWidth(rows) + Math.max(...rows.map((r) => ('keys' in r ? r.description.length : r.heading.length - keysWidth(rows)))) + 1;

function Column({ rows, width }: { readonly rows: readonly HelpRow[]; readonly width: number }) {
  const keys = keysWidth(rows);
  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      {rows.map((r, i) => ('heading' in r
        ? <Text key={i} bold>{truncateLine(r.heading, width - 1)}</Text>
        : (
          <Box key={i}>
            <Box width={keys} flexShrink={0}><Text color="cyan">{r.keys}</Text></Box>
            <Text>{truncateLine(r.description, Math.max(1, width - keys - 1))}</Text>
          </Box>
        )))}
    </Box>
  );
}

/** The help overlay, framed, in the whole slide area. */
export function PresenterHelp({ width, height }: PresenterHelpProps) {
  const groups = helpGroups();
  const inner = width - 4;
  const all = groups.flat();
  const [left, ...rest] = groups;
  const isOneColumn = all.length <= height - 2;
  // The slide keys get what they need to show whole; the others share what is left.
  const leftWidth = Math.min(columnWidth(left ?? []), Math.floor(inner * 0.6));
  return (
    <Box borderStyle="round" borderColor="yellow" paddingX={1} width={width} height={height}>
      {isOneColumn ? <Column rows={all} width={Math.min(inner, columnWidth(all))} /> : (
        <>
          <Column rows={left ?? []} width={leftWidth} />
          <Column rows={rest.flat()} width={inner - leftWidth} />
        </>
      )}
    </Box>
  );
}

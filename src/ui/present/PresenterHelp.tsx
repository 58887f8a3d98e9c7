// The presenter's help: every binding of the keymap table, grouped by where it works; in one
// column when it fits, else the slide keys on the left and the others beside them.
import { Box, Text } from 'ink';
import { truncateLine, wrapLine } from '../../markdown/wrap.js';
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

/** One drawn row of a column: a heading, or keys padded to the column's key width (blank on a wrapped row) and text. */
export interface HelpLine { readonly heading?: string; readonly keys?: string; readonly text?: string }

/** A column's rows `width` wide: descriptions wrapped under themselves, or cut when `isCut`. */
function columnLines(rows: readonly HelpRow[], width: number, isCut: boolean): HelpLine[] {
  const keys = keysWidth(rows);
  const room = Math.max(1, width - keys - 1);
  return rows.flatMap((r): HelpLine[] => {
    if ('heading' in r) return [{ heading: truncateLine(r.heading, width - 1) }];
    const texts = isCut ? [truncateLine(r.description, room)] : wrapLine(r.description, room);
    return texts.map((text, i) => ({ keys: (i === 0 ? r.keys : '').padEnd(keys), text }));
  });
}

/**
 * The two columns of the help in `rows` rows: wrapped when that fits, else cut; the slide keys
 * that do not fit on the left go on at the top of the right (rows never share a line).
 */
export function helpColumns(leftWidth: number, rightWidth: number, rows: number): readonly [HelpLine[], HelpLine[]] {
  const [left = [], ...rest] = helpGroups();
  let columns: readonly [HelpLine[], HelpLine[]] = [[], []];
  for (const isCut of [false, true]) {
    let moved = 0;
    do {
      columns = [columnLines(left.slice(0, left.length - moved), leftWidth, isCut),
        columnLines([...left.slice(left.length - moved), ...rest.flat()], rightWidth, isCut)];
      moved += 1;
    } while (columns[0].length > rows && moved < left.length);
    if (columns[0].length <= rows && columns[1].length <= rows) return columns;
  }
  return [columns[0].slice(0, rows), columns[1].slice(0, rows)];
}

function Column({ lines, width }: { readonly lines: readonly HelpLine[]; readonly width: number }) {
  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      {lines.map((l, i) => (l.heading !== undefined
        ? <Text key={i} bold>{l.heading}</Text>
        : (
          <Text key={i}><Text color="cyan">{l.keys}</Text>{l.text}</Text>
        )))}
    </Box>
  );
}

/** The help overlay, framed, in the whole slide area. */
export function PresenterHelp({ width, height }: PresenterHelpProps) {
  const groups = helpGroups();
  const inner = width - 4;
  const all = groups.flat();
  const isOneColumn = all.length <= height - 2;
  // The slide keys get what they need to show whole; the others share what is left.
  const leftWidth = Math.min(columnWidth(groups[0] ?? []), Math.floor(inner * 0.6));
  const [left, right] = helpColumns(leftWidth, inner - leftWidth, height - 2);
  return (
    <Box borderStyle="round" borderColor="yellow" paddingX={1} width={width} height={height}>
      {isOneColumn ? <Column lines={columnLines(all, Math.min(inner, columnWidth(all)), true)} width={Math.min(inner, columnWidth(all))} /> : (
        <>
          <Column lines={left} width={leftWidth} />
          <Column lines={right} width={inner - leftWidth} />
        </>
      )}
    </Box>
  );
}

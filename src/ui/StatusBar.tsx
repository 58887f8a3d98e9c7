// The bottom line: where the learner is, which faults are on and how far the local clock is
// ahead, what the steps run against, and how to get help.
import { Box, Text } from 'ink';
import { truncateLine, truncateParts, visibleLength } from '../markdown/wrap.js';
import { offsetText } from './fault-lines.js';

export interface StatusBarProps {
  readonly width: number;
  /** The lesson title, or the app's name on the list. */
  readonly title: string;
  /** For example "page 2/5"; empty on the list. */
  readonly position: string;
  readonly targetLabel: string;
  /** The names of the faults that are on. */
  readonly faults?: readonly string[];
  /** The local ECR's clock offset in ms; 0 is not shown. */
  readonly clockOffset?: number;
  /** Count the faults without naming them or the clock (a drill's diagnosis is under way). */
  readonly isSecret?: boolean;
  /** The title is a lesson's: it keeps a share of the bar (the app's name on the list gives way). */
  readonly isTitleKept?: boolean;
}

/** `faults: a, b` (or `2 faults on` when short or secret), then `clock +13h` when moved. */
export function troubleText(faults: readonly string[], clockOffset: number, isShort: boolean): string {
  const n = faults.length;
  const named = n === 0 ? '' : isShort ? `${n} fault${n === 1 ? '' : 's'} on` : `faults: ${faults.join(', ')}`;
  return [named, clockOffset !== 0 ? `clock ${offsetText(clockOffset)}` : ''].filter((p) => p !== '').join(' · ');
}

const SEP = ' · ';
/** A target label cut shorter than this says too little: the names of the faults give way first. */
const MIN_LABEL = 16;
/** The part of the bar the lesson title keeps before the target label is cut for it. */
const TITLE_SHARE = 0.3;

const join = (parts: readonly string[]): string => parts.filter((p) => p !== '').join(SEP);

/** The fault part and the target label that fit `width` with the position and `? help`. */
function fit(width: number, position: string, label: string, trouble: (isShort: boolean) => string, isSecret: boolean) {
  for (const isShort of isSecret ? [true] : [false, true]) {
    const text = trouble(isShort);
    const room = width - 1 - join([position, text, '? help']).length - SEP.length;
    if (room >= label.length) return { trouble: text, label };
    if (room >= MIN_LABEL || isShort) return { trouble: text, label: room >= 8 ? truncateParts(label, room, SEP) : '' };
  }
  return { trouble: trouble(true), label: '' };
}

/**
 * Right-hand parts stay whole; the title keeps up to 30% of the bar while the target label
 * can be cut to 16 columns for it, then gives way; then the label is cut, then the fault
 * names become a count.
 */
export function StatusBar({
  width, title, position, targetLabel, faults = [], clockOffset = 0, isSecret = false, isTitleKept = false,
}: StatusBarProps) {
  // A moved clock would give a drill's answer away as plainly as the fault's name.
  const offset = isSecret ? 0 : clockOffset;
  const troubleFor = (isShort: boolean) => troubleText(faults, offset, isShort);
  // The title keeps a share of the bar as long as the target label can still say enough.
  const titleShare = isTitleKept ? Math.min(visibleLength(title), Math.floor(width * TITLE_SHARE)) : 0;
  // The 3 columns are the least gap between the title and the rest, as below.
  const shared = titleShare > 0 ? fit(width - titleShare - 3, position, targetLabel, troubleFor, isSecret) : undefined;
  const { trouble, label } = shared && shared.label.length >= Math.min(MIN_LABEL, targetLabel.length)
    ? shared : fit(width, position, targetLabel, troubleFor, isSecret);
  const before = join([position, trouble]);
  const after = join([label, '? help']);
  const right = join([before, after]);
  const room = Math.max(0, width - right.length - 3);
  const left = room >= 4 ? truncateLine(title, room) : '';
  const gap = Math.max(1, width - left.length - right.length);
  const troubleStart = before.length - trouble.length;
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end">
        <Text bold>{left}</Text>
        {' '.repeat(gap)}
        <Text color="cyan">{before.slice(0, troubleStart)}</Text>
        <Text color="yellow" bold>{trouble}</Text>
        <Text color="cyan">{before === '' ? after : `${SEP}${after}`}</Text>
      </Text>
    </Box>
  );
}

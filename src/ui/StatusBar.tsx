// The bottom line: where the learner is, which faults are on and how far the local clock is
// ahead, what the steps run against, and how to get help. Which parts fit is status-bar-parts'.
import { Box, Text } from 'ink';
import { visibleLength } from '../markdown/wrap.js';
import { SEP, barLayout } from './status-bar-parts.js';

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

/**
 * The title on the left, the other parts on the right; at a narrow width parts give way whole,
 * the registry address last (see barLayout for the order).
 */
export function StatusBar({
  width, title, position, targetLabel, faults = [], clockOffset = 0, isSecret = false, isTitleKept = false,
}: StatusBarProps) {
  // A moved clock would give a drill's answer away as plainly as the fault's name.
  const offset = isSecret ? 0 : clockOffset;
  const layout = barLayout({ width, title, position, targetLabel, faults, clockOffset: offset, isSecret, isTitleKept });
  const right = layout.parts.map((p) => p.text).join(SEP);
  const gap = Math.max(layout.title === '' ? 0 : 1, width - visibleLength(layout.title) - visibleLength(right));
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end">
        <Text bold>{layout.title}</Text>
        {' '.repeat(gap)}
        {layout.parts.map((p, i) => (
          <Text key={i}>
            <Text color="cyan">{i === 0 ? '' : SEP}</Text>
            <Text color={p.isTrouble ? 'yellow' : 'cyan'} bold={p.isTrouble}>{p.text}</Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}

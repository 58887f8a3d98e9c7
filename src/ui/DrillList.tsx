// The drills screen: each troubleshooting drill with its minutes and best score, the totals,
// and the keys that matter here. Drills switch faults on, so they play on the local ECR only.
import { Box, Text } from 'ink';
import type { Drill } from '../core/drill.js';
import type { Lesson } from '../core/lesson.js';
import type { Progress } from '../core/progress.js';
import { truncateLine, truncateParts } from '../markdown/wrap.js';

export interface DrillListProps {
  readonly drills: readonly Drill[];
  /** The course, to name the lesson a drill belongs to (its id would give the answer away). */
  readonly lessons: readonly Lesson[];
  readonly progress: Progress;
  readonly selected: number;
  readonly isLive: boolean;
  readonly width: number;
  readonly height: number;
}

/** "3/13 done, best total 240": how many drills have a score, and the sum of the best ones. */
export function drillSummary(drills: readonly Drill[], progress: Progress): string {
  const records = drills.map((d) => progress.drills?.[d.id]).filter((r) => r !== undefined);
  const best = records.reduce((sum, r) => sum + r.best, 0);
  return `${records.length}/${drills.length} done, best total ${best}`;
}

function row(drill: Drill, progress: Progress, width: number): string {
  const best = progress.drills?.[drill.id]?.best;
  const right = `${String(drill.minutes).padStart(2)} min  ${best === undefined ? '   -   ' : `${String(best).padStart(3)}/100`}`;
  const title = truncateLine(drill.title, Math.max(1, width - right.length - 1));
  return `${title}${' '.repeat(Math.max(1, width - title.length - right.length))}${right}`;
}

function lessonTitle(lessons: readonly Lesson[], drill: Drill | undefined): string {
  const index = lessons.findIndex((l) => l.id === drill?.lesson);
  return index < 0 ? drill?.lesson ?? '' : `${index + 1}. ${lessons[index]?.title ?? ''}`;
}

/** The list, scrolled so that the selected drill stays in view. */
export function DrillList({ drills, lessons, progress, selected, isLive, width, height }: DrillListProps) {
  if (drills.length === 0) return <Text dimColor>No drills found (or still loading).</Text>;
  const note = isLive ? 'Live AWS: drills play on the local ECR only (no --live).' : '';
  const listRows = Math.max(1, Math.min(drills.length, height - (note ? 6 : 5)));
  const first = Math.max(0, Math.min(selected - Math.floor(listRows / 2), drills.length - listRows));
  return (
    <Box flexDirection="column">
      {/* A list cut to the window says which drills it shows, as the lesson list does. */}
      <Text bold color="cyan" wrap="truncate-end">{truncateParts(['Drills', ...(listRows < drills.length ? [`${first + 1}-${first + listRows} of ${drills.length}`] : []), drillSummary(drills, progress)].join(' · '), width)}</Text>
      <Text> </Text>
      {drills.slice(first, first + listRows).map((drill, i) => {
        const isSelected = first + i === selected;
        return (
          <Text key={drill.id} wrap="truncate-end" color={isSelected ? 'yellow' : undefined} bold={isSelected}>
            {`${isSelected ? '❯' : ' '} ${row(drill, progress, width - 2)}`}
          </Text>
        );
      })}
      <Text> </Text>
      {note ? <Text color="red" wrap="truncate-end">{truncateLine(note, width)}</Text> : null}
      <Text dimColor wrap="truncate-end">{truncateLine(`goes with: ${lessonTitle(lessons, drills[selected])}`, width)}</Text>
      <Text dimColor wrap="truncate-end">↑↓ choose · Enter play · Esc back · f faults · ? help</Text>
    </Box>
  );
}

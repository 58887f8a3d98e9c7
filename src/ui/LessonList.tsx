// The lesson list: title, quiz score, minutes and a done marker per lesson, the objectives of
// the one under the cursor, the course's quiz score, the drills' totals, and the keys that matter here.
import { Box, Text } from 'ink';
import type { Drill } from '../core/drill.js';
import type { Lesson } from '../core/lesson.js';
import { type Progress, courseScore, isLessonDone, lessonProgress, lessonScore, quizSummary } from '../core/progress.js';
import { truncateLine, truncateParts, wrapLine } from '../markdown/wrap.js';
import { drillSummary } from './DrillList.js';

export interface LessonListProps {
  readonly lessons: readonly Lesson[];
  readonly progress: Progress;
  readonly selected: number;
  /** The drills, for their totals; none (or still loading): no drills line. */
  readonly drills?: readonly Drill[];
  readonly width: number;
  readonly height: number;
}

/** ✔ done, • started, blank when not begun. */
export function lessonMarker(progress: Progress, lesson: Lesson): string {
  if (isLessonDone(progress, lesson)) return '✔';
  return lessonProgress(progress, lesson.id).pagesSeen.length > 0 ? '•' : ' ';
}

/** The right-hand cells of a row: the quiz score once a question is answered, then the minutes. */
function rowTail(lesson: Lesson, progress: Progress): string {
  const score = lessonScore(progress, lesson);
  return `${score.answered > 0 ? `${score.right}/${score.total}  ` : ''}${String(lesson.minutes).padStart(2)} min`;
}

function row(lesson: Lesson, index: number, marker: string, width: number, progress: Progress): string {
  const minutes = rowTail(lesson, progress);
  const head = `${marker} ${String(index + 1).padStart(2)}. `;
  const title = truncateLine(lesson.title, Math.max(1, width - head.length - minutes.length - 1));
  return `${head}${title}${' '.repeat(Math.max(1, width - head.length - title.length - minutes.length))}${minutes}`;
}

/** The objectives as rows `width` wide, each wrapped under a hanging indent after its dash. */
export function objectiveRows(objectives: readonly string[], width: number): string[] {
  return objectives.flatMap((o) => wrapLine(o, Math.max(1, width - 4)).map((l, i) => `${i === 0 ? '  - ' : '    '}${l}`));
}

/** Fewer lessons than this in view, and the objectives are cut instead (with a count of the rest). */
const MIN_LIST_ROWS = 5;

/** The list, scrolled so that the selected lesson stays in view, and the objectives whole when they fit. */
export function LessonList({ lessons, progress, selected, drills = [], width, height }: LessonListProps) {
  const drillRows = drills.length > 0 ? 1 : 0;
  const score = courseScore(progress, lessons);
  const current = lessons[selected];
  const wanted = current ? objectiveRows(current.objectives, width) : [];
  // Heading, help line and drills line; a blank line around the objectives and under the heading.
  const fixed = 2 + drillRows + (wanted.length > 0 ? 2 : 1);
  const isTight = lessons.length + wanted.length + fixed + 1 > height;
  const room = Math.max(1, height - fixed - (isTight ? 0 : 1));
  // The list keeps a few rows; two are left for the objectives, if only to say there are more.
  const fewest = Math.max(1, Math.min(lessons.length, MIN_LIST_ROWS, room - Math.min(2, wanted.length)));
  const listRows = Math.min(lessons.length, Math.max(fewest, room - wanted.length));
  const first = Math.max(0, Math.min(selected - Math.floor(listRows / 2), lessons.length - listRows));
  const objectiveRoom = Math.max(0, room - listRows);
  let objectives = wanted;
  if (wanted.length > objectiveRoom) {
    objectives = objectiveRoom === 0 ? []
      : [...wanted.slice(0, objectiveRoom - 1), `    … ${wanted.length - objectiveRoom + 1} more rows${width >= 50 ? ' (a taller window shows them)' : ''}`];
  }
  if (lessons.length === 0) return <Text>No lessons found.</Text>;
  // A list cut to the window says which of its lessons it shows: lesson 12 was out of sight at
  // 80x24 with nothing to say it was there.
  const shown = listRows < lessons.length ? [`${first + 1}-${first + listRows} of ${lessons.length}`] : [];
  const heading = truncateParts(['Lessons', ...shown, ...(score.total > 0 ? [quizSummary(score)] : [])].join(' · '), width);
  return (
    <Box flexDirection="column">
      {/* The course's score shares the title's row: the objectives need every row below. */}
      <Text wrap="truncate-end"><Text bold color="cyan">Lessons</Text>{heading.length > 'Lessons'.length ? <Text dimColor>{heading.slice('Lessons'.length)}</Text> : null}</Text>
      {isTight ? null : <Text> </Text>}
      {lessons.slice(first, first + listRows).map((lesson, i) => {
        const index = first + i;
        const isSelected = index === selected;
        return (
          <Text key={lesson.id} wrap="truncate-end" color={isSelected ? 'yellow' : undefined} bold={isSelected}>
            {`${isSelected ? '❯' : ' '} ${row(lesson, index, lessonMarker(progress, lesson), width - 2, progress)}`}
          </Text>
        );
      })}
      {objectives.length > 0 ? <Text> </Text> : null}
      {objectives.map((o, i) => <Text key={i} dimColor wrap="truncate-end">{o}</Text>)}
      <Text> </Text>
      {drillRows > 0 ? <Text wrap="truncate-end">{truncateParts(`drills: ${drillSummary(drills, progress)} · d plays them`, width)}</Text> : null}
      <Text dimColor wrap="truncate-end">{truncateParts('↑↓ choose · Enter open · ✔ done · d drills · ? help', width)}</Text>
    </Box>
  );
}

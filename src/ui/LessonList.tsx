// The lesson list: title, quiz score, minutes and a done marker per lesson, the objectives of
// the one under the cursor, the course's quiz score, the drills' totals, and the keys that matter here.
import { Box, Text } from 'ink';
import type { Drill } from '../core/drill.js';
import type { Lesson } from '../core/lesson.js';
import { type Progress, courseScore, isLessonDone, lessonProgress, lessonScore, quizSummary } from '../core/progress.js';
import { truncateLine } from '../markdown/wrap.js';
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

/** The list, scrolled so that the selected lesson stays in view. */
export function LessonList({ lessons, progress, selected, drills = [], width, height }: LessonListProps) {
  const drillRows = drills.length > 0 ? 1 : 0;
  const score = courseScore(progress, lessons);
  const listRows = Math.max(1, Math.min(lessons.length, height - 4 - drillRows));
  const first = Math.max(0, Math.min(selected - Math.floor(listRows / 2), lessons.length - listRows));
  const current = lessons[selected];
  const objectives = current ? current.objectives.slice(0, Math.max(0, height - listRows - 5 - drillRows)) : [];
  if (lessons.length === 0) return <Text>No lessons found.</Text>;
  return (
    <Box flexDirection="column">
      {/* The course's score shares the title's row: the objectives need every row below. */}
      <Text wrap="truncate-end"><Text bold color="cyan">Lessons</Text>{score.total > 0 ? <Text dimColor>{` · ${quizSummary(score)}`}</Text> : null}</Text>
      <Text> </Text>
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
      {objectives.map((o) => <Text key={o} dimColor wrap="truncate-end">{`  - ${o}`}</Text>)}
      <Text> </Text>
      {drillRows > 0 ? <Text wrap="truncate-end">{truncateLine(`drills: ${drillSummary(drills, progress)} · d plays them`, width)}</Text> : null}
      <Text dimColor wrap="truncate-end">↑↓ choose · Enter open · ✔ done · d drills · ? help</Text>
    </Box>
  );
}

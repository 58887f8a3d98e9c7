// `ecr-lab lessons` and `ecr-lab progress`: one line per lesson, starting with its id.
import type { Lesson } from '../../core/lesson.js';
import { isLessonDone, lessonScore, type Progress } from '../../core/progress.js';

/** The quiz column: `quiz 3/4` (right at the first answer, of the questions) once one is answered. */
function quizCell(progress: Progress, lesson: Lesson): string {
  const score = lessonScore(progress, lesson);
  return score.answered > 0 ? `quiz ${score.right}/${score.total}` : '';
}

/** The listing lines: id, title, minutes, the quiz score once answered, and `done` when finished. */
export function lessonLines(lessons: readonly Lesson[], progress: Progress): string[] {
  const idWidth = Math.max(...lessons.map((l) => l.id.length));
  const titleWidth = Math.max(...lessons.map((l) => l.title.length));
  const cells = lessons.map((l) => quizCell(progress, l));
  const quizWidth = Math.max(...cells.map((c) => c.length));
  return lessons.map((l, i) => [
    l.id.padEnd(idWidth),
    l.title.padEnd(titleWidth),
    `${String(l.minutes).padStart(2)} min`,
    ...(quizWidth > 0 ? [(cells[i] ?? '').padEnd(quizWidth)] : []),
    isLessonDone(progress, l) ? 'done' : '',
  ].join('  ').trimEnd());
}

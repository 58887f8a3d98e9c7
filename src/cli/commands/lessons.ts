// `ecr-lab lessons`: one line per lesson, starting with its id.
import type { Lesson } from '../../core/lesson.js';
import { isLessonDone, type Progress } from '../../core/progress.js';

/** The listing lines: id, title, minutes, and `done` when finished. */
export function lessonLines(lessons: readonly Lesson[], progress: Progress): string[] {
  const idWidth = Math.max(...lessons.map((l) => l.id.length));
  const titleWidth = Math.max(...lessons.map((l) => l.title.length));
  return lessons.map((l) => [
    l.id.padEnd(idWidth),
    l.title.padEnd(titleWidth),
    `${String(l.minutes).padStart(2)} min`,
    isLessonDone(progress, l) ? 'done' : '',
  ].join('  ').trimEnd());
}

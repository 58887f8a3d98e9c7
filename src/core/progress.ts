// The learner's progress as pure data, and the pure changes made to it.
import type { Lesson } from './lesson.js';
import { quizzesOf } from './lesson.js';

export interface LessonProgress {
  /** Page indexes seen (0-based). */
  readonly pagesSeen: readonly number[];
  /** Quiz id -> chosen index. */
  readonly answers: Readonly<Record<string, number>>;
}

export interface Progress {
  readonly version: 1;
  readonly lessons: Readonly<Record<string, LessonProgress>>;
  readonly last?: { readonly lessonId: string; readonly page: number };
}

export const EMPTY_PROGRESS: Progress = { version: 1, lessons: {} };

const NONE: LessonProgress = { pagesSeen: [], answers: {} };

export function lessonProgress(progress: Progress, lessonId: string): LessonProgress {
  return progress.lessons[lessonId] ?? NONE;
}

function withLesson(progress: Progress, lessonId: string, change: (p: LessonProgress) => LessonProgress): Progress {
  return { ...progress, lessons: { ...progress.lessons, [lessonId]: change(lessonProgress(progress, lessonId)) } };
}

/** Records that a page was seen and that it is where the learner is now. */
export function markPageSeen(progress: Progress, lessonId: string, page: number): Progress {
  const next = withLesson(progress, lessonId, (p) =>
    p.pagesSeen.includes(page) ? p : { ...p, pagesSeen: [...p.pagesSeen, page].sort((a, b) => a - b) });
  return { ...next, last: { lessonId, page } };
}

/** Records the learner's answer to a quiz question. */
export function recordAnswer(progress: Progress, lessonId: string, quizId: string, choice: number): Progress {
  return withLesson(progress, lessonId, (p) => ({ ...p, answers: { ...p.answers, [quizId]: choice } }));
}

/** A lesson is done when every page was seen and every question answered. */
export function isLessonDone(progress: Progress, lesson: Lesson): boolean {
  const p = lessonProgress(progress, lesson.id);
  const allPages = lesson.pages.every((_, i) => p.pagesSeen.includes(i));
  return allPages && quizzesOf(lesson).every((q) => q.id in p.answers);
}

/** Checks that parsed JSON has the shape of progress; returns a reason when it does not. */
export function progressProblem(data: unknown): string | undefined {
  if (data === null || typeof data !== 'object') return 'not an object';
  const d = data as Record<string, unknown>;
  if (d.version !== 1) return `unknown version ${JSON.stringify(d.version)}`;
  if (d.lessons === null || typeof d.lessons !== 'object') return 'no lessons map';
  for (const [id, value] of Object.entries(d.lessons as object)) {
    const lp = value as Record<string, unknown>;
    if (!Array.isArray(lp?.pagesSeen) || typeof lp?.answers !== 'object' || lp.answers === null) {
      return `lesson '${id}' has no pagesSeen/answers`;
    }
  }
  return undefined;
}

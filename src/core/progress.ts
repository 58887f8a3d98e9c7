// The learner's progress as pure data, and the pure changes made to it.
import type { Lesson } from './lesson.js';
import { quizzesOf } from './lesson.js';

export interface LessonProgress {
  /** Page indexes seen (0-based). */
  readonly pagesSeen: readonly number[];
  /** Quiz id -> chosen index. */
  readonly answers: Readonly<Record<string, number>>;
}

/** One finished drill: its score and how it was reached. */
export interface DrillResult {
  readonly points: number;
  readonly isFirstTry: boolean;
  readonly hintsUsed: number;
  readonly seconds: number;
  /** ISO time it was finished. */
  readonly at: string;
}

/** A drill's results: the best, and every run (latest last, at most 20 kept). */
export interface DrillRecord {
  readonly best: number;
  readonly runs: readonly DrillResult[];
}

export interface Progress {
  readonly version: 1;
  readonly lessons: Readonly<Record<string, LessonProgress>>;
  /** Drill id -> results; absent until a drill is finished. */
  readonly drills?: Readonly<Record<string, DrillRecord>>;
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

/** Records a finished drill's result. */
export function recordDrill(progress: Progress, drillId: string, result: DrillResult): Progress {
  const old = progress.drills?.[drillId];
  const record: DrillRecord = { best: Math.max(old?.best ?? 0, result.points), runs: [...(old?.runs ?? []), result].slice(-20) };
  return { ...progress, drills: { ...progress.drills, [drillId]: record } };
}

/** One line about the drills played: how many, and the sum of the best scores. */
export function drillSummary(progress: Progress, drillCount: number): string {
  const records = Object.values(progress.drills ?? {});
  if (records.length === 0) return `drills: none played yet of ${drillCount} (ecr-lab drill --list)`;
  const total = records.reduce((n, r) => n + r.best, 0);
  return `drills: ${records.length}/${drillCount} played, best scores total ${total}/${drillCount * 100} (ecr-lab drill --list)`;
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
  if (d.drills !== undefined) {
    if (d.drills === null || typeof d.drills !== 'object') return 'drills is not a map';
    for (const [id, value] of Object.entries(d.drills as object)) {
      const r = value as Partial<DrillRecord> | null;
      if (typeof r?.best !== 'number' || !Array.isArray(r.runs)) return `drill '${id}' has no best/runs`;
    }
  }
  return undefined;
}

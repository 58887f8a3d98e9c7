// The learner's progress as pure data, and the pure changes made to it.
import type { Lesson, QuizBlock } from './lesson.js';
import { quizzesOf } from './lesson.js';
import { type QuizScore, addScores, canReveal, quizPhase, withTry } from './quiz.js';

export interface LessonProgress {
  /** Page indexes seen (0-based). */
  readonly pagesSeen: readonly number[];
  /** Quiz id -> the first choice made: the answer the score counts. */
  readonly answers: Readonly<Record<string, number>>;
  /**
   * Quiz id -> the choices tried after the first, in order. Absent in files written before
   * questions could be tried again: such a file loads as it is (its answers are first answers).
   */
  readonly retries?: Readonly<Record<string, readonly number[]>>;
  /** Quiz ids whose answer the learner asked to see after a wrong try. */
  readonly revealed?: readonly string[];
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

/** Every choice tried on a question, the first answer first. */
export function quizTries(p: LessonProgress, quizId: string): readonly number[] {
  const first = p.answers[quizId];
  return first === undefined ? [] : [first, ...(p.retries?.[quizId] ?? [])];
}

/** Whether the learner asked to see a question's answer. */
export function isRevealed(p: LessonProgress, quizId: string): boolean {
  return p.revealed?.includes(quizId) ?? false;
}

/**
 * Records a choice made on a quiz question: the first is kept as the answer the score
 * counts, later ones as retries; nothing changes once the question was answered right.
 */
export function recordAnswer(progress: Progress, lessonId: string, quiz: QuizBlock, choice: number): Progress {
  const p = lessonProgress(progress, lessonId);
  const tries = quizTries(p, quiz.id);
  const next = withTry(quiz, tries, choice);
  if (next === tries) return progress;
  return withLesson(progress, lessonId, (lp) => (tries.length === 0
    ? { ...lp, answers: { ...lp.answers, [quiz.id]: choice } }
    : { ...lp, retries: { ...lp.retries, [quiz.id]: next.slice(1) } }));
}

/** Records that the learner asked to see the answer (only after a wrong try, never before). */
export function revealAnswer(progress: Progress, lessonId: string, quiz: QuizBlock): Progress {
  const p = lessonProgress(progress, lessonId);
  if (!canReveal(quiz, quizTries(p, quiz.id)) || isRevealed(p, quiz.id)) return progress;
  return withLesson(progress, lessonId, (lp) => ({ ...lp, revealed: [...(lp.revealed ?? []), quiz.id] }));
}

/** Whether a question was answered right at some try. */
export function isQuizRight(p: LessonProgress, quiz: QuizBlock): boolean {
  return quizPhase(quiz, quizTries(p, quiz.id), false) === 'right';
}

/** A lesson's quiz score: questions answered, and right at the first answer. */
export function lessonScore(progress: Progress, lesson: Lesson): QuizScore {
  const p = lessonProgress(progress, lesson.id);
  const quizzes = quizzesOf(lesson);
  const answered = quizzes.filter((q) => q.id in p.answers);
  return { right: answered.filter((q) => p.answers[q.id] === q.answer).length, answered: answered.length, total: quizzes.length };
}

/** The course's quiz score: every lesson's added up. */
export function courseScore(progress: Progress, lessons: readonly Lesson[]): QuizScore {
  return addScores(lessons.map((l) => lessonScore(progress, l)));
}

/** One line about the course's questions: the first answers right, and how many are still to answer. */
export function quizSummary(score: QuizScore): string {
  if (score.total === 0) return 'quiz: no questions';
  if (score.answered === 0) return `quiz: none answered yet of ${score.total}`;
  const left = score.total - score.answered;
  return `quiz: ${score.right}/${score.total} right at first answer${left > 0 ? `, ${left} to go` : ''}`;
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

/** A lesson is done when every page was seen and every question answered right at some try. */
export function isLessonDone(progress: Progress, lesson: Lesson): boolean {
  const p = lessonProgress(progress, lesson.id);
  const allPages = lesson.pages.every((_, i) => p.pagesSeen.includes(i));
  return allPages && quizzesOf(lesson).every((q) => isQuizRight(p, q));
}

const isChoiceList = (v: unknown): boolean => Array.isArray(v) && v.every((n) => Number.isInteger(n) && n >= 0);

/** Why a lesson's optional retries/revealed fields are malformed, or undefined. */
function triesProblem(id: string, lp: Record<string, unknown>): string | undefined {
  const { retries, revealed } = lp;
  if (retries !== undefined && (retries === null || typeof retries !== 'object' || !Object.values(retries).every(isChoiceList))) {
    return `lesson '${id}' has retries that are not lists of choices`;
  }
  if (revealed !== undefined && (!Array.isArray(revealed) || !revealed.every((q) => typeof q === 'string'))) {
    return `lesson '${id}' has revealed that is not a list of question ids`;
  }
  return undefined;
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
    const problem = triesProblem(id, lp);
    if (problem) return problem;
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

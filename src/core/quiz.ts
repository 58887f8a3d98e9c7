// A quiz question's life as pure data: the choices tried in order (the first is the one a
// score counts), whether the learner asked to see the answer, and the phase that follows.
// The lesson TUI keeps tries in the learner's progress, the presenter in its own state.
import type { QuizBlock } from './lesson.js';

/** The key that shows a question's answer after a wrong try (the TUI and the presenter bind it). */
export const REVEAL_KEY = 'a';

/**
 * Where a question stands: `open` (not tried), `retry` (tried, wrong, answer hidden),
 * `revealed` (wrong and the answer shown on request), `right` (the right choice tried).
 */
export type QuizPhase = 'open' | 'retry' | 'revealed' | 'right';

/** The phase of `quiz` after `tries` (choice indexes, in order). */
export function quizPhase(quiz: QuizBlock, tries: readonly number[], isRevealed: boolean): QuizPhase {
  if (tries.includes(quiz.answer)) return 'right';
  if (tries.length === 0) return 'open';
  return isRevealed ? 'revealed' : 'retry';
}

/**
 * The tries after choosing `choice`: unchanged once the question is right, or when that
 * choice was tried already (a second go at the same wrong choice teaches nothing new).
 */
export function withTry(quiz: QuizBlock, tries: readonly number[], choice: number): readonly number[] {
  if (choice < 0 || choice >= quiz.choices.length) return tries;
  if (tries.includes(quiz.answer) || tries.includes(choice)) return tries;
  return [...tries, choice];
}

/** Whether the answer may be shown: only after a wrong try, and not once it is right. */
export function canReveal(quiz: QuizBlock, tries: readonly number[]): boolean {
  return quizPhase(quiz, tries, false) === 'retry';
}

/** How many questions were answered, and how many right at the first answer. */
export interface QuizScore {
  readonly right: number;
  readonly answered: number;
  readonly total: number;
}

/** Adds scores up. */
export function addScores(scores: readonly QuizScore[]): QuizScore {
  return scores.reduce((a, s) => ({ right: a.right + s.right, answered: a.answered + s.answered, total: a.total + s.total }),
    { right: 0, answered: 0, total: 0 });
}

/** A score in a few columns: `3/4` right at the first answer out of the questions, `-/4` before any answer. */
export function scoreCell(score: QuizScore): string {
  if (score.total === 0) return '';
  return `${score.answered === 0 ? '-' : score.right}/${score.total}`;
}

// The learner's quiz record: first answers for the score, tries after them, answers shown on
// request, lessons done only when every question was right at some try, and the scores shown.
import { describe, expect, it } from 'vitest';
import type { Lesson, QuizBlock } from '../../src/core/lesson.js';
import {
  EMPTY_PROGRESS, type Progress, courseScore, isLessonDone, lessonScore, markPageSeen, progressProblem, quizSummary,
  quizTries, recordAnswer, revealAnswer,
} from '../../src/core/progress.js';
import { lessonLines } from '../../src/cli/commands/lessons.js';

const quiz = (id: string, answer: number): QuizBlock => ({
  kind: 'quiz', id, question: `${id}?`, choices: ['a', 'b', 'c', 'd'], answer, explain: 'why', line: 1,
});
const QUIZZES = [quiz('l#1', 0), quiz('l#2', 1), quiz('l#3', 2), quiz('l#4', 3)];
const LESSON: Lesson = {
  id: 'l', title: 'L', minutes: 5, objectives: [], file: 'l.md',
  pages: [{ title: 'p', line: 1, blocks: QUIZZES }],
};
const OTHER: Lesson = { ...LESSON, id: 'm', title: 'M', pages: [{ title: 'p', line: 1, blocks: [quiz('m#1', 0)] }] };

const answer = (p: Progress, ...choices: [number, number][]): Progress =>
  choices.reduce((s, [q, c]) => recordAnswer(s, 'l', QUIZZES[q] as QuizBlock, c), p);
const seen = markPageSeen(EMPTY_PROGRESS, 'l', 0);

describe('quiz progress', () => {
  it('keeps the first answer for the score and the later tries apart, in order', () => {
    const p = answer(seen, [0, 2], [0, 1], [0, 0]);
    expect(p.lessons.l).toMatchObject({ answers: { 'l#1': 2 }, retries: { 'l#1': [1, 0] } });
    expect(quizTries(p.lessons.l!, 'l#1')).toEqual([2, 1, 0]);
  });

  it('a lesson with 3 of 4 answers wrong is not done; it is once each was right at some try', () => {
    const firstGo = answer(seen, [0, 0], [1, 0], [2, 0], [3, 0]);
    expect(isLessonDone(firstGo, LESSON)).toBe(false);
    const fixed = answer(firstGo, [1, 1], [2, 2], [3, 3]);
    expect(isLessonDone(fixed, LESSON)).toBe(true);
    expect(lessonScore(fixed, LESSON)).toEqual({ right: 1, answered: 4, total: 4 });
  });

  it('a revealed answer still has to be chosen to count', () => {
    const wrong = answer(seen, [0, 0], [1, 0], [2, 2], [3, 3]);
    const revealed = revealAnswer(wrong, 'l', QUIZZES[1] as QuizBlock);
    expect(revealed.lessons.l?.revealed).toEqual(['l#2']);
    expect(isLessonDone(revealed, LESSON)).toBe(false);
    expect(isLessonDone(answer(revealed, [1, 1]), LESSON)).toBe(true);
  });

  it('the course score adds the lessons up, and says what is left', () => {
    const p = recordAnswer(answer(seen, [0, 0], [1, 0]), 'm', quiz('m#1', 0), 0);
    expect(courseScore(p, [LESSON, OTHER])).toEqual({ right: 2, answered: 3, total: 5 });
    expect(quizSummary(courseScore(p, [LESSON, OTHER]))).toBe('quiz: 2/5 right at first answer, 2 to go');
    expect(quizSummary(courseScore(EMPTY_PROGRESS, [LESSON]))).toBe('quiz: none answered yet of 4');
  });

  it('ecr-lab lessons and progress show a quiz column once a lesson has an answer', () => {
    expect(lessonLines([LESSON, OTHER], EMPTY_PROGRESS)).toEqual(['l  L   5 min', 'm  M   5 min']);
    const p = answer(seen, [0, 0], [1, 0], [2, 2], [3, 3], [1, 1]);
    expect(lessonLines([LESSON, OTHER], p)).toEqual(['l  L   5 min  quiz 3/4  done', 'm  M   5 min']);
  });
});

describe('progressProblem', () => {
  it.each([
    ['a file from before retries', { version: 1, lessons: { l: { pagesSeen: [0], answers: { 'l#1': 1 } } } }, undefined],
    ['retries and revealed', { version: 1, lessons: { l: { pagesSeen: [], answers: {}, retries: { 'l#1': [1] }, revealed: ['l#1'] } } }, undefined],
    ['retries not lists', { version: 1, lessons: { l: { pagesSeen: [], answers: {}, retries: { 'l#1': 1 } } } }, "lesson 'l' has retries that are not lists of choices"],
    ['revealed not a list', { version: 1, lessons: { l: { pagesSeen: [], answers: {}, revealed: 'l#1' } } }, "lesson 'l' has revealed that is not a list of question ids"],
  ])('%s', (_name, data, problem) => {
    expect(progressProblem(data)).toBe(problem);
  });
});

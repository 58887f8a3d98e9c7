// The course's questions as a learner meets them: each has a hint for a wrong try that does not
// quote the answer, and wrong choices that someone could believe (the ones a review found that
// nobody would pick are gone).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/cli/content.js';
import { quizzesOf, type Lesson, type QuizBlock } from '../../src/core/lesson.js';

let quizzes: readonly { lesson: string; quiz: QuizBlock }[];

beforeAll(async () => {
  const course = await loadCourse(undefined, true);
  expect(course.errors).toEqual([]);
  quizzes = course.lessons.flatMap((l: Lesson) => quizzesOf(l).map((quiz) => ({ lesson: l.id, quiz })));
});

const normal = (text: string): string => text.toLowerCase().replace(/\s+/g, ' ').trim();

describe('the lessons\' questions', () => {
  it('every question has a hint for a wrong try', () => {
    expect(quizzes.length).toBeGreaterThan(30);
    expect(quizzes.filter(({ quiz }) => !quiz.hint?.trim()).map(({ quiz }) => quiz.id)).toEqual([]);
  });

  it('no hint quotes the right choice', () => {
    const quoting = quizzes.filter(({ quiz }) => normal(quiz.hint ?? '').includes(normal(quiz.choices[quiz.answer] ?? '')));
    expect(quoting.map(({ quiz }) => quiz.id)).toEqual([]);
  });

  it.each([
    'ECR renames the old image to v1-old',
    "Use the ECR console's terminal",
    "Run aws configure with the AWS root user's access keys",
    'A docker registry token',
    'You must downgrade docker',
    'It creates the ECR registry if it does not exist',
    'Nothing: AES256 repositories are unencrypted, so KMS is simply added',
    'The image is stored in the default repository',
    'Your Linux password',
    'It disables authentication for that registry',
    'The URI encrypts the image',
    'ECR made a copy of the image',
    'The image must be pushed again from this instance',
    'Digests download faster',
    'ECR deletes latest images after 24 hours',
    'latest cannot be pulled from ECR',
    'The repository becomes public',
    'Digests are shorter',
  ])('no question offers "%s", a choice nobody would pick', (choice) => {
    expect(quizzes.filter(({ quiz }) => quiz.choices.includes(choice)).map(({ quiz }) => quiz.id)).toEqual([]);
  });
});

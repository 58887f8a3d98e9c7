// The reading estimate: which words count, how steps and quizzes add up, and when the
// frontmatter minutes draw a warning.
import { describe, expect, it } from 'vitest';
import type { Block, Lesson } from '../../src/core/lesson.js';
import { MINUTES_PER_QUIZ, MINUTES_PER_STEP, WORDS_PER_MINUTE, minutesWarning, proseWords, readingTime } from '../../src/core/reading-time.js';

const words = (n: number): string => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
const prose = (text: string): Block => ({ kind: 'markdown', text });
const step: Block = { kind: 'step', stepId: 'whoami', params: {}, line: 1 };
const quiz: Block = { kind: 'quiz', id: 'l#1', question: words(40), choices: ['a', 'b'], answer: 0, explain: words(40), line: 1 };
const diagram: Block = { kind: 'diagram', title: 'flow', text: words(500), line: 1 };

function lesson(minutes: number, ...blocks: Block[]): Lesson {
  return { id: 'l', title: 'L', minutes, objectives: ['o'], file: 'lessons/01-l.md', pages: [{ title: 'P', blocks, line: 1 }] };
}

describe('proseWords', () => {
  it.each([
    ['plain words', 'An image is built from a Dockerfile.', 7],
    ['inline code counts as the words it holds', 'Run `aws sts get-caller-identity` first.', 5],
    ['list markers, table bars and emphasis marks are not words', '- one\n- **two**\n\n| a | b |\n| --- | --- |\n\n* * *', 4],
    ['a fenced code sample is left out', 'Before.\n\n```bash\naws ecr describe-repositories --region eu-west-1\n```\n\nAfter.', 2],
    ['a tilde fence, and a longer closing fence', 'One.\n~~~\nskipped words here\n~~~~\nTwo three.', 3],
    ['a shorter or different fence does not close a longer one', '````text\n```\nstill code\n~~~~\n````\nout', 1],
    ['an unclosed fence hides the rest', 'Seen.\n```\nnever counted', 1],
    ['numbers are words, punctuation alone is not', 'Exit 253 - no credentials , at all', 6],
    ['empty text', '', 0],
  ])('%s', (_name, text, expected) => {
    expect(proseWords(text)).toBe(expected);
  });
});

describe('readingTime', () => {
  it.each([
    ['prose only, an exact minute', [prose(words(WORDS_PER_MINUTE))], { words: 200, steps: 0, quizzes: 0, minutes: 1 }],
    ['one word over a minute rounds up', [prose(words(WORDS_PER_MINUTE + 1))], { words: 201, steps: 0, quizzes: 0, minutes: 2 }],
    ['steps and quizzes add their allowance', [prose(words(400)), step, step, quiz], { words: 400, steps: 2, quizzes: 1, minutes: 2 + 2 * MINUTES_PER_STEP + MINUTES_PER_QUIZ }],
    ['diagrams and quiz text are not prose', [diagram, quiz], { words: 0, steps: 0, quizzes: 1, minutes: Math.ceil(MINUTES_PER_QUIZ) }],
    ['nothing at all', [], { words: 0, steps: 0, quizzes: 0, minutes: 0 }],
  ])('%s', (_name, blocks, expected) => {
    expect(readingTime(lesson(5, ...(blocks as Block[])))).toEqual(expected);
  });

  it('sums every page of the lesson', () => {
    const two: Lesson = { ...lesson(5), pages: [{ title: 'A', blocks: [prose(words(300))], line: 1 }, { title: 'B', blocks: [prose(words(300)), step], line: 9 }] };
    expect(readingTime(two)).toEqual({ words: 600, steps: 1, quizzes: 0, minutes: 3 + MINUTES_PER_STEP });
  });
});

describe('minutesWarning', () => {
  const body = [prose(words(1000)), step, quiz, quiz];
  const estimate = 5 + MINUTES_PER_STEP + 2 * MINUTES_PER_QUIZ;

  it.each([
    ['below the estimate', estimate - 1, true],
    ['far below', 1, true],
    ['exactly the estimate', estimate, false],
    ['above it', estimate + 5, false],
  ])('minutes %s: warned %s', (_name, minutes, warned) => {
    expect(minutesWarning(lesson(minutes as number, ...body)) !== undefined).toBe(warned);
  });

  it('names the file, the stated minutes, the estimate and what it is made of', () => {
    expect(minutesWarning(lesson(3, ...body))).toEqual({
      file: 'lessons/01-l.md',
      line: 1,
      message: `minutes: 3 is below the reading estimate of ${estimate} (1000 words at 200 a minute, 1 step at ${MINUTES_PER_STEP} min, 2 questions at ${MINUTES_PER_QUIZ} min)`,
      fix: `set "minutes: ${estimate}" or tighten the text`,
    });
  });
});

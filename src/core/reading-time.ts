// How long a lesson takes: its prose read at a plain rate for technical text, plus a fixed
// allowance for each live step and quiz question. check-content compares it with `minutes:`.
import type { ContentError, Lesson } from './lesson.js';

/** A plain reading rate for technical prose (well below the ~250 of light reading). */
export const WORDS_PER_MINUTE = 200;
/** Reading a step card, running it and reading what it printed. */
export const MINUTES_PER_STEP = 1;
/**
 * Reading a question and its choices (about 75 words in this course), answering, maybe
 * trying again, and reading the explanation.
 */
export const MINUTES_PER_QUIZ = 1;

/** What a lesson's estimate is made of. */
export interface ReadingTime {
  readonly words: number;
  readonly steps: number;
  readonly quizzes: number;
  /** Whole minutes, rounded up: a learner never finishes in less. */
  readonly minutes: number;
}

/** A line that opens or closes a fenced code block, and its marker. */
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

/**
 * Counts the words of markdown prose, leaving out fenced code: a learner scans a command
 * sample rather than reading it word by word, so only the prose sets the pace. A word is
 * a run of non-space characters holding a letter or digit, so list markers, table bars
 * and emphasis marks do not count.
 */
export function proseWords(markdown: string): number {
  let count = 0;
  let marker: string | undefined;
  for (const line of markdown.split('\n')) {
    const fence = FENCE.exec(line);
    if (fence) {
      const m = fence[1]!;
      if (marker === undefined) marker = m;
      else if (m[0] === marker[0] && m.length >= marker.length && line.trim() === m) marker = undefined;
      continue;
    }
    if (marker !== undefined) continue;
    count += line.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
  }
  return count;
}

/** The reading estimate of a lesson: prose words only (no diagrams), steps and quizzes. */
export function readingTime(lesson: Pick<Lesson, 'pages'>): ReadingTime {
  let words = 0;
  let steps = 0;
  let quizzes = 0;
  for (const block of lesson.pages.flatMap((page) => page.blocks)) {
    if (block.kind === 'markdown') words += proseWords(block.text);
    else if (block.kind === 'step') steps += 1;
    else if (block.kind === 'quiz') quizzes += 1;
  }
  const exact = words / WORDS_PER_MINUTE + steps * MINUTES_PER_STEP + quizzes * MINUTES_PER_QUIZ;
  // Rounding first keeps an exact whole number (1.0000000002 from float sums) from gaining a minute.
  return { words, steps, quizzes, minutes: Math.ceil(Math.round(exact * 1000) / 1000) };
}

/**
 * A warning when a lesson's frontmatter `minutes:` is below its reading estimate, as a
 * content problem at the frontmatter (line 1); undefined when the minutes are honest.
 */
export function minutesWarning(lesson: Lesson): ContentError | undefined {
  const t = readingTime(lesson);
  if (lesson.minutes >= t.minutes) return undefined;
  return {
    file: lesson.file,
    line: 1,
    message: `minutes: ${lesson.minutes} is below the reading estimate of ${t.minutes} `
      + `(${t.words} words at ${WORDS_PER_MINUTE} a minute, ${plural(t.steps, 'step')} at ${MINUTES_PER_STEP} min, `
      + `${plural(t.quizzes, 'question')} at ${MINUTES_PER_QUIZ} min)`,
    fix: `set "minutes: ${t.minutes}" or tighten the text`,
  };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

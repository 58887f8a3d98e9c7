// The lesson model: what a parsed lesson file is, independent of how it is shown or run.

/** A problem in a content file, with where it is and how to fix it. */
export interface ContentError {
  readonly file: string;
  readonly line: number;
  readonly message: string;
  readonly fix: string;
}

/** One line for a content error: `file:line: message. Fix: fix`. */
export function formatContentError(error: ContentError): string {
  return `${error.file}:${error.line}: ${error.message}. Fix: ${error.fix}`;
}

/** Prose, rendered as markdown. */
export interface MarkdownBlock {
  readonly kind: 'markdown';
  readonly text: string;
}

/** A live step card: runs one step of the workflow with these parameters. */
export interface StepBlock {
  readonly kind: 'step';
  readonly stepId: string;
  readonly params: Readonly<Record<string, string | boolean>>;
  readonly line: number;
}

/** One multiple-choice question; `answer` is the index into `choices` (0-based). */
export interface QuizBlock {
  readonly kind: 'quiz';
  readonly id: string;
  readonly question: string;
  readonly choices: readonly string[];
  readonly answer: number;
  readonly explain: string;
  /** What a wrong try shows: a nudge that does not give the answer away (the explanation may). */
  readonly hint?: string;
  readonly line: number;
}

/** Text kept verbatim and shown in monospace (never re-wrapped). */
export interface DiagramBlock {
  readonly kind: 'diagram';
  readonly title: string;
  readonly text: string;
  readonly line: number;
}

export type Block = MarkdownBlock | StepBlock | QuizBlock | DiagramBlock;

export interface Page {
  readonly title: string;
  readonly blocks: readonly Block[];
  readonly line: number;
}

export interface Lesson {
  readonly id: string;
  readonly title: string;
  readonly minutes: number;
  readonly objectives: readonly string[];
  readonly pages: readonly Page[];
  readonly file: string;
}

/** Every quiz question of a lesson, in page order. */
export function quizzesOf(lesson: Lesson): QuizBlock[] {
  return lesson.pages.flatMap((page) => page.blocks.filter((b): b is QuizBlock => b.kind === 'quiz'));
}

/** Every step block of a lesson, in page order. */
export function stepsOf(lesson: Lesson): StepBlock[] {
  return lesson.pages.flatMap((page) => page.blocks.filter((b): b is StepBlock => b.kind === 'step'));
}

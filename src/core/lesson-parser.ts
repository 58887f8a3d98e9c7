// Parses a lesson file (YAML frontmatter + markdown body with step, quiz and diagram blocks)
// into the lesson model. Strict: every problem is reported with its file, line and fix.
import { parse as parseYaml } from 'yaml';
import type { Block, ContentError, Lesson, Page } from './lesson.js';
import { splitFrontmatter } from './frontmatter.js';
import { STEP_IDS, checkParam, stepDefinition } from './steps.js';

export interface ParseResult<T> {
  readonly value?: T;
  readonly errors: readonly ContentError[];
}

const LESSON_KEYS = ['id', 'title', 'minutes', 'objectives'] as const;
const QUIZ_KEYS = ['question', 'choices', 'answer', 'explain', 'hint'];
const SPECIAL = ['step', 'quiz', 'diagram'];

/** A fenced code block: its info string (after the backticks), body lines and opening line. */
export interface Fence {
  readonly info: string;
  readonly lines: readonly string[];
  readonly line: number;
}

/** Gathers the problems of one file, each with its line and fix. */
export class Collector {
  readonly errors: ContentError[] = [];
  constructor(readonly file: string) {}
  /** Records one problem at a 1-based line of the file. */
  add(line: number, message: string, fix: string): void {
    this.errors.push({ file: this.file, line, message, fix });
  }
}

function checkFrontmatter(data: Record<string, unknown>, c: Collector): Omit<Lesson, 'pages' | 'file'> | undefined {
  for (const key of Object.keys(data)) {
    if (!(LESSON_KEYS as readonly string[]).includes(key)) {
      c.add(1, `unknown frontmatter key '${key}'`, `use only ${LESSON_KEYS.join(', ')}`);
    }
  }
  const { id, title, minutes, objectives } = data;
  if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(id)) {
    c.add(1, 'frontmatter key id is missing or not lowercase-with-hyphens', 'add "id: my-lesson"');
  }
  if (typeof title !== 'string' || title.trim() === '') c.add(1, 'frontmatter key title is missing', 'add "title: ..."');
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes > 120) {
    c.add(1, 'frontmatter key minutes is missing or not a whole number from 1 to 120', 'add "minutes: 8"');
  }
  if (!Array.isArray(objectives) || objectives.length === 0 || !objectives.every((o) => typeof o === 'string')) {
    c.add(1, 'frontmatter key objectives is missing or not a list of text', 'add "objectives:" with "- ..." lines');
  }
  if (c.errors.length > 0) return undefined;
  return { id: id as string, title: title as string, minutes: minutes as number, objectives: objectives as string[] };
}

/** The `key: value` body of a block as data, or undefined (with the problem recorded). */
export function parseBlockYaml(fence: Fence, c: Collector): Record<string, unknown> | undefined {
  if (fence.lines.every((l) => l.trim() === '')) return {};
  try {
    const data = parseYaml(fence.lines.join('\n'), { uniqueKeys: true }) as unknown;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      c.add(fence.line, `the ${fence.info.split(' ')[0]} block must hold "key: value" lines`, 'write one key per line');
      return undefined;
    }
    return data as Record<string, unknown>;
  } catch (err) {
    c.add(fence.line, `the block is not valid YAML (${(err as Error).message.split('\n')[0]})`, 'correct the YAML inside the block');
    return undefined;
  }
}

/** A ```step <id>``` block checked against the step catalogue and its parameters. */
export function stepBlock(fence: Fence, c: Collector): Block | undefined {
  const stepId = fence.info.split(/\s+/)[1] ?? '';
  const def = stepDefinition(stepId);
  if (!def) {
    c.add(fence.line, stepId ? `unknown step id '${stepId}'` : 'step block without a step id',
      `write \`\`\`step <id> with one of: ${STEP_IDS.join(', ')}`);
    return undefined;
  }
  const data = parseBlockYaml(fence, c);
  if (!data) return undefined;
  const params: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(data)) {
    const spec = def.params[key];
    if (!spec) {
      const known = Object.keys(def.params);
      c.add(fence.line, `unknown parameter '${key}' for step '${stepId}'`,
        known.length ? `use only ${known.join(', ')}` : 'this step takes no parameters: leave the block empty');
      continue;
    }
    const problem = checkParam(spec, value);
    if (problem) c.add(fence.line, `parameter '${key}' of step '${stepId}' ${problem}`, `set ${key} to a valid value`);
    else params[key] = value as string | boolean;
  }
  return { kind: 'step', stepId, params, line: fence.line };
}

/** A ```quiz``` block with every key checked; `id` is the question's stable id. */
export function quizBlock(fence: Fence, c: Collector, id: string): Block | undefined {
  const data = parseBlockYaml(fence, c);
  if (!data) return undefined;
  const before = c.errors.length;
  for (const key of Object.keys(data)) {
    if (!QUIZ_KEYS.includes(key)) c.add(fence.line, `unknown quiz key '${key}'`, `use only ${QUIZ_KEYS.join(', ')}`);
  }
  const { question, choices, answer, explain, hint } = data;
  if (typeof question !== 'string' || !question.trim()) c.add(fence.line, 'quiz without a question', 'add "question: ..."');
  const isList = Array.isArray(choices) && choices.length >= 2 && choices.length <= 6 && choices.every((x) => typeof x === 'string');
  if (!isList) c.add(fence.line, 'quiz choices must be a list of 2 to 6 texts', 'add "choices:" with "- ..." lines');
  const count = isList ? (choices as string[]).length : 0;
  if (!Number.isInteger(answer) || (answer as number) < 1 || (answer as number) > Math.max(count, 1)) {
    c.add(fence.line, 'quiz answer must be the number of the right choice, counting from 1', `set "answer:" to 1..${count || 'n'}`);
  }
  if (typeof explain !== 'string' || !explain.trim()) c.add(fence.line, 'quiz without an explanation', 'add "explain: ..."');
  if (hint !== undefined && (typeof hint !== 'string' || !hint.trim())) {
    c.add(fence.line, 'quiz hint must be a text', 'write "hint: ..." or leave the key out');
  }
  if (c.errors.length > before) return undefined;
  return {
    kind: 'quiz', id, question: question as string, choices: choices as string[],
    answer: (answer as number) - 1, explain: explain as string, ...(typeof hint === 'string' ? { hint } : {}), line: fence.line,
  };
}

/** A closing fence: the same character, at least as many, nothing after. */
function closesFence(line: string, marker: string): boolean {
  const m = /^(`{3,}|~{3,})\s*$/.exec(line);
  return m !== null && m[1]![0] === marker[0] && m[1]!.length >= marker.length;
}

/** One stretch of a body between `---` lines, split into blocks. */
export interface Section {
  /** The text of its first `#` or `##` heading, '' when it has none. */
  readonly title: string;
  readonly blocks: readonly Block[];
  /** The file line of its first line, and of the `---` (or end of body) that closed it. */
  readonly line: number;
  readonly endLine: number;
}

/** How a body's blocks are made: quiz ids, and fence kinds a format adds to the lesson ones. */
export interface SectionHooks {
  /** The id of the next quiz written in the body. */
  readonly quizId: () => string;
  /**
   * Takes a fence whose kind is not step, quiz or diagram: the blocks it stands for, or
   * undefined to keep it as prose (a code sample). `sectionLine` names the section it is in.
   */
  readonly fence?: (fence: Fence, sectionLine: number) => Block[] | undefined;
  /** Leaves each section's title heading out of its prose (a slide shows its title apart). */
  readonly dropTitle?: boolean;
}

/** Splits body lines into sections at `---` lines outside fences; each section into blocks. */
export function parseSections(lines: readonly string[], firstLine: number, c: Collector, hooks: SectionHooks): Section[] {
  const sections: Section[] = [];
  let blocks: Block[] = [];
  let prose: string[] = [];
  let sectionLine = firstLine;
  let title = '';
  const flushProse = () => {
    const text = prose.join('\n').trim();
    if (text) blocks.push({ kind: 'markdown', text });
    prose = [];
  };
  const flushSection = (line: number) => {
    flushProse();
    sections.push({ title, blocks, line: sectionLine, endLine: line });
    blocks = [];
    title = '';
    sectionLine = line + 1;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = firstLine + i;
    const open = /^(`{3,}|~{3,})\s*(.*)$/.exec(line);
    if (open) {
      const marker = open[1]!;
      const body: string[] = [];
      let j = i + 1;
      for (; j < lines.length && !closesFence(lines[j]!, marker); j++) body.push(lines[j]!);
      if (j >= lines.length) {
        c.add(lineNo, 'code block is not closed', `add a line ${marker} to close it`);
        break;
      }
      const fence = { info: open[2]!.trim(), lines: body, line: lineNo };
      const taken = fenceBlocks(fence, c, hooks, sectionLine);
      if (taken) {
        flushProse();
        blocks.push(...taken);
      } else {
        prose.push(...lines.slice(i, j + 1));
      }
      i = j;
      continue;
    }
    if (line.trim() === '---') {
      flushSection(lineNo);
      continue;
    }
    const heading = /^#{1,2}\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading && !title) {
      title = heading[1]!;
      if (hooks.dropTitle) continue;
    }
    prose.push(line);
  }
  flushSection(firstLine + lines.length);
  return sections;
}

/** The blocks a fence stands for; undefined when it is a plain code sample. */
function fenceBlocks(fence: Fence, c: Collector, hooks: SectionHooks, sectionLine: number): Block[] | undefined {
  const kind = fence.info.split(/\s+/)[0]!;
  if (!SPECIAL.includes(kind)) return hooks.fence?.(fence, sectionLine);
  const block = kind === 'step' ? stepBlock(fence, c)
    : kind === 'quiz' ? quizBlock(fence, c, hooks.quizId())
    : { kind: 'diagram' as const, title: fence.info.slice(kind.length).trim(), text: fence.lines.join('\n'), line: fence.line };
  return block ? [block] : [];
}

/** The pages of a lesson body; an empty page between `---` lines is an error. */
function parseBody(lines: readonly string[], firstLine: number, lessonId: string, c: Collector): Page[] {
  let quizCount = 0;
  const pages: Page[] = [];
  for (const s of parseSections(lines, firstLine, c, { quizId: () => `${lessonId}#${++quizCount}` })) {
    if (s.blocks.length > 0) pages.push({ title: s.title || `Page ${pages.length + 1}`, blocks: s.blocks, line: s.line });
    else if (s.endLine > firstLine) c.add(s.line, 'empty page', 'remove the extra "---" line or write the page');
  }
  return pages;
}

/** Parses one lesson file's text. `file` is used only in error messages. */
export function parseLesson(source: string, file: string): ParseResult<Lesson> {
  const c = new Collector(file);
  const split = splitFrontmatter(source, file);
  if ('message' in split) return { errors: [split] };
  const meta = checkFrontmatter(split.data, c);
  const pages = parseBody(split.body, split.bodyLine, meta?.id ?? 'lesson', c);
  if (pages.length === 0) c.add(split.bodyLine, 'the lesson has no pages', 'write at least one page of markdown');
  if (!meta || c.errors.length > 0) return { errors: c.errors };
  return { value: { ...meta, pages, file }, errors: [] };
}

// Resolves the references of a deck's ```include``` blocks (`page: auth-flow#2`) against the
// parsed lessons, so a slide carries the lesson's own blocks; a broken reference says what exists.
import type { IncludeKind, SlideSource } from './deck.js';
import type { Block, Lesson, MarkdownBlock } from './lesson.js';
import { quizzesOf, stepsOf } from './lesson.js';
import type { Collector, Fence } from './lesson-parser.js';

/** Every kind an include line may name, in the order the help lists them. */
export const INCLUDE_KINDS: readonly IncludeKind[] = ['page', 'diagram', 'quiz', 'step', 'objectives'];

/** What one include block gave a slide: its blocks, and where each came from. */
export interface Included {
  readonly blocks: Block[];
  readonly sources: SlideSource[];
  /** The title of the first page taken, for a slide that has none of its own. */
  readonly pageTitle?: string;
}

const REF = /^([a-z]+)\s*:\s*([a-z0-9][a-z0-9-]*)(?:#(\d+))?$/;

/** The numbered things of one kind a lesson holds, with a short label each, for error fixes. */
function choicesOf(kind: IncludeKind, lesson: Lesson): { blocks: Block[][]; labels: string[]; title?: string[] } {
  const short = (text: string) => (text.length > 30 ? `${text.slice(0, 29)}…` : text);
  switch (kind) {
    case 'page': return {
      blocks: lesson.pages.map((p) => [...p.blocks]),
      labels: lesson.pages.map((p) => short(p.title)),
      title: lesson.pages.map((p) => p.title),
    };
    case 'diagram': {
      const diagrams = lesson.pages.flatMap((p) => p.blocks.filter((b) => b.kind === 'diagram'));
      return { blocks: diagrams.map((d) => [d]), labels: diagrams.map((d) => short(d.title || 'untitled')) };
    }
    case 'quiz': {
      const quizzes = quizzesOf(lesson);
      return { blocks: quizzes.map((q) => [q]), labels: quizzes.map((q) => short(q.question)) };
    }
    case 'step': {
      const steps = stepsOf(lesson);
      return { blocks: steps.map((s) => [s]), labels: steps.map((s) => s.stepId) };
    }
    case 'objectives': return { blocks: [], labels: [] };
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : word.endsWith('z') ? 'zes' : 's'}`;
}

/** The objectives of a lesson as one list block. */
function objectivesBlock(lesson: Lesson): MarkdownBlock {
  return { kind: 'markdown', text: lesson.objectives.map((o) => `- ${o}`).join('\n') };
}

/** Resolves one reference line; records a problem and returns undefined when it is broken. */
function resolveRef(
  text: string, line: number, lessons: readonly Lesson[], c: Collector,
): { kind: IncludeKind; lesson: Lesson; blocks: Block[]; pageTitle?: string } | undefined {
  const m = REF.exec(text);
  const kind = m?.[1] as IncludeKind | undefined;
  if (!m || !kind || !INCLUDE_KINDS.includes(kind)) {
    c.add(line, `include line '${text}' is not a reference`, `write one "kind: <lesson id>#<number>" per line, kind one of ${INCLUDE_KINDS.join(', ')}`);
    return undefined;
  }
  const lesson = lessons.find((l) => l.id === m[2]);
  if (!lesson) {
    c.add(line, `include names unknown lesson '${m[2]}'`, `use one of: ${lessons.map((l) => l.id).join(', ') || '(no lessons loaded)'}`);
    return undefined;
  }
  if (kind === 'objectives') {
    if (m[3] !== undefined) c.add(line, `'objectives' takes a lesson id without a number`, `write "objectives: ${lesson.id}"`);
    return m[3] === undefined ? { kind, lesson, blocks: [objectivesBlock(lesson)] } : undefined;
  }
  const { blocks, labels, title } = choicesOf(kind, lesson);
  if (m[3] === undefined) {
    c.add(line, `'${kind}: ${lesson.id}' needs a number`, `write "${kind}: ${lesson.id}#1"${labels.length > 1 ? ` up to #${labels.length}` : ''}`);
    return undefined;
  }
  const n = Number(m[3]);
  if (n < 1 || n > blocks.length) {
    const exists = labels.map((l, i) => `#${i + 1} ${l}`).join('; ');
    c.add(line, `lesson '${lesson.id}' has ${plural(blocks.length, kind)}, no ${kind} #${n}`,
      blocks.length ? `use one of: ${exists}` : `include something else from '${lesson.id}' or write the ${kind} on the slide`);
    return undefined;
  }
  return { kind, lesson, blocks: blocks[n - 1]!, pageTitle: title?.[n - 1] };
}

/** The blocks of one ```include``` fence, one reference per non-blank line. */
export function resolveInclude(fence: Fence, lessons: readonly Lesson[], c: Collector): Included {
  const included: Included = { blocks: [], sources: [] };
  let pageTitle: string | undefined;
  fence.lines.forEach((raw, i) => {
    const text = raw.trim();
    if (text === '') return;
    const ref = resolveRef(text, fence.line + 1 + i, lessons, c);
    if (!ref) return;
    included.blocks.push(...ref.blocks);
    included.sources.push({ ref: text, kind: ref.kind, lessonId: ref.lesson.id, line: fence.line });
    pageTitle ??= ref.pageTitle;
  });
  if (included.sources.length === 0 && fence.lines.every((l) => l.trim() === '')) {
    c.add(fence.line, 'empty include block', 'write a reference such as "page: auth-flow#2" inside it, or remove it');
  }
  return { ...included, pageTitle };
}

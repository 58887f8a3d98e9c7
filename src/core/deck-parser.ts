// Parses a seminar deck (slides/*.md: YAML frontmatter, slides between `---` lines, with
// notes and include blocks) into the deck model. Strict: every problem has its line and fix.
import type { Deck, Slide, SlideSource } from './deck.js';
import { resolveInclude } from './deck-includes.js';
import { type SlideNotes, formatDuration, notesFence } from './deck-notes.js';
import { frontmatterLines } from './frontmatter-lines.js';
import { splitFrontmatter } from './frontmatter.js';
import type { Block, Lesson } from './lesson.js';
import { Collector, type ParseResult, type Section, parseSections } from './lesson-parser.js';

// Times as notes blocks write them; kept importable from here, where they began.
export { formatDuration, parseDuration } from './deck-notes.js';

const DECK_KEYS = ['id', 'title', 'minutes', 'description'] as const;

type DeckMeta = Omit<Deck, 'slides' | 'file'>;

/** What a slide holds besides its blocks, gathered while its fences are read. */
interface Extras extends SlideNotes {
  sources: SlideSource[];
  pageTitle?: string;
  hasInclude?: boolean;
  /** Included blocks and the deck line of the include that brought each. */
  includedAt: Map<Block, number>;
}

function checkFrontmatter(data: Record<string, unknown>, source: string, c: Collector): DeckMeta | undefined {
  const lineOf = frontmatterLines(source);
  const at = (key: string) => (key in data ? lineOf([key]) : 1);
  const before = c.errors.length;
  for (const key of Object.keys(data)) {
    if (!(DECK_KEYS as readonly string[]).includes(key)) c.add(at(key), `unknown frontmatter key '${key}'`, `use only ${DECK_KEYS.join(', ')}`);
  }
  const { id, title, minutes, description } = data;
  if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(id)) {
    c.add(at('id'), 'frontmatter key id is missing or not lowercase-with-hyphens', 'add "id: my-deck"');
  }
  if (typeof title !== 'string' || title.trim() === '') c.add(at('title'), 'frontmatter key title is missing', 'add "title: ..."');
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 5 || minutes > 240) {
    c.add(at('minutes'), 'frontmatter key minutes is missing or not a whole number from 5 to 240', 'add "minutes: 45", the planned length of the talk');
  }
  if (description !== undefined && (typeof description !== 'string' || description.trim() === '' || description.includes('\n'))) {
    c.add(at('description'), 'frontmatter key description must be one line of text', 'write "description: ..." on one line, or leave it out');
  }
  if (c.errors.length > before) return undefined;
  return { id: id as string, title: title as string, minutes: minutes as number, ...(description ? { description: description as string } : {}) };
}

/** The sections of a deck body, and what each one's notes and include blocks gave it. */
function readSections(lines: readonly string[], firstLine: number, deckId: string, lessons: readonly Lesson[], c: Collector) {
  const extras = new Map<number, Extras>();
  const extrasOf = (line: number): Extras => {
    let e = extras.get(line);
    if (!e) extras.set(line, (e = { sources: [], includedAt: new Map() }));
    return e;
  };
  let quizCount = 0;
  const sections = parseSections(lines, firstLine, c, {
    quizId: () => `${deckId}#${++quizCount}`,
    dropTitle: true,
    fence: (fence, sectionLine) => {
      const kind = fence.info.split(/\s+/)[0];
      if (kind === 'notes') {
        notesFence(fence, extrasOf(sectionLine), c);
        return [];
      }
      if (kind !== 'include') return undefined;
      const e = extrasOf(sectionLine);
      e.hasInclude = true;
      const included = resolveInclude(fence, lessons, c);
      e.sources.push(...included.sources);
      e.pageTitle ??= included.pageTitle;
      for (const b of included.blocks) e.includedAt.set(b, fence.line);
      return included.blocks;
    },
  });
  return { sections, extrasOf };
}

/** One section as a slide; undefined (with the problem recorded) when it cannot be one. */
function toSlide(s: Section, e: Extras, lines: readonly string[], firstLine: number, c: Collector): Slide | undefined {
  const title = s.title || e.pageTitle || '';
  // A slide may be its title alone (a section divider); one whose include broke is reported already.
  if (s.blocks.length === 0 && !title) {
    if (e.hasInclude) return undefined;
    if (e.notesLine !== undefined) c.add(s.line, 'the slide has notes but nothing to show', 'add a "# Title" line and some content, or move the notes to the slide before');
    else if (s.endLine > firstLine) c.add(s.line, 'empty slide', 'remove the extra "---" line or write the slide');
    return undefined;
  }
  if (!title) {
    c.add(s.line, 'slide without a title', 'start the slide with a "# Title" line (or include a page, which brings its own)');
    return undefined;
  }
  // Point at the slide's first written line, not the blank one after the `---`.
  let line = s.line;
  while (line < s.endLine && (lines[line - firstLine] ?? '').trim() === '') line++;
  return {
    title, blocks: s.title ? s.blocks : dropLeadingHeading(s.blocks, title), notes: e.notes ?? '', sources: e.sources, line,
    ...(e.plannedSeconds !== undefined ? { plannedSeconds: e.plannedSeconds } : {}),
  };
}

/** Reads the slides of a deck body, resolving includes against `lessons`. */
function parseSlides(lines: readonly string[], firstLine: number, deckId: string, lessons: readonly Lesson[], c: Collector): Slide[] {
  const { sections, extrasOf } = readSections(lines, firstLine, deckId, lessons, c);
  const slides: Slide[] = [];
  const seenQuizzes = new Map<string, number>();
  for (const s of sections) {
    const e = extrasOf(s.line);
    const slide = toSlide(s, e, lines, firstLine, c);
    if (!slide) continue;
    slides.push(slide);
    checkQuizIds(slides.length, slide.blocks, e.includedAt, c, seenQuizzes);
  }
  return slides;
}

/** Quiz ids are how answers are recorded: each may appear once in a deck. */
function checkQuizIds(slideNo: number, blocks: readonly Block[], includedAt: Map<Block, number>, c: Collector, seen: Map<string, number>): void {
  for (const b of blocks) {
    if (b.kind !== 'quiz') continue;
    const other = seen.get(b.id);
    if (other !== undefined) {
      c.add(includedAt.get(b) ?? b.line, `question '${b.id}' is already on slide ${other}`, 'ask each question once in a deck (its answers are recorded by that id)');
    } else {
      seen.set(b.id, slideNo);
    }
  }
}

/** An included page's blocks without its heading, which the slide shows as its title. */
function dropLeadingHeading(blocks: readonly Block[], title: string): Block[] {
  const [first, ...rest] = blocks;
  if (first?.kind !== 'markdown') return [...blocks];
  const [head, ...tail] = first.text.split('\n');
  if (/^#{1,2}\s+(.+?)\s*#*\s*$/.exec(head ?? '')?.[1] !== title) return [...blocks];
  const text = tail.join('\n').trim();
  return text ? [{ kind: 'markdown', text }, ...rest] : rest;
}

/** Planned slide times may not add up to more than the deck, nor leave untimed slides nothing. */
function checkPlan(meta: DeckMeta, slides: readonly Slide[], c: Collector, minutesLine: number): void {
  const total = meta.minutes * 60;
  const timed = slides.filter((s) => s.plannedSeconds !== undefined);
  const fixed = timed.reduce((n, s) => n + s.plannedSeconds!, 0);
  const open = slides.length - timed.length;
  if (fixed > total) {
    c.add(minutesLine, `the notes plan ${formatDuration(fixed)} over ${timed.length} slides, more than the deck's ${meta.minutes} minutes`,
      'shorten the times on the notes blocks or raise minutes');
  } else if (fixed === total && open > 0) {
    c.add(minutesLine, `the notes plan all ${meta.minutes} minutes, leaving nothing for the ${open} slides without a time`,
      'shorten some notes times, give every slide a time, or raise minutes');
  }
}

/**
 * Parses one deck file's text. Include references resolve against `lessons` (the parsed
 * course); `file` is used only in error messages.
 */
export function parseDeck(source: string, file: string, lessons: readonly Lesson[]): ParseResult<Deck> {
  const c = new Collector(file);
  const split = splitFrontmatter(source, file);
  if ('message' in split) return { errors: [split] };
  const meta = checkFrontmatter(split.data, source, c);
  const slides = parseSlides(split.body, split.bodyLine, meta?.id ?? 'deck', lessons, c);
  if (slides.length === 0 && c.errors.length === 0) c.add(split.bodyLine, 'the deck has no slides', 'write at least one slide: a "# Title" line and its content');
  if (meta) checkPlan(meta, slides, c, frontmatterLines(source)(['minutes']));
  if (!meta || c.errors.length > 0) return { errors: c.errors };
  return { value: { ...meta, slides, file }, errors: [] };
}

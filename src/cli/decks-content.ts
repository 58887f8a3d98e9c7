// Loads the seminar decks from slides/ (every file but README.md, in file-name order) with
// their lesson references resolved, and finds one by id, number, prefix or file path. The
// build leaves the parsed decks in dist/decks.json, keyed on the content of the deck and lesson
// files (not their paths, so an installed package finds it too); while they match, `present` starts without loading the YAML parser.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Deck } from '../core/deck.js';
import type { ContentError, Lesson } from '../core/lesson.js';
import { type FileStamp, fileStamps, lessonsDir, parseEach } from './content.js';
import { packageRoot } from './package-root.js';

/** The decks that parsed, and every problem found. */
export interface DeckSet {
  readonly decks: Deck[];
  readonly errors: ContentError[];
}

/** Where the installed package keeps its decks. */
export const decksDir = (): string => join(packageRoot(), 'slides');

/** True for a file in slides/ that is a deck (the README describes the format instead). */
const isDeckFile = (name: string): boolean => name.endsWith('.md') && name.toLowerCase() !== 'readme.md';

interface CachedDecks {
  readonly files: readonly FileStamp[];
  readonly lessonFiles: readonly FileStamp[];
  readonly decks: readonly Deck[];
}

export const deckCacheFile = (): string => join(packageRoot(), 'dist', 'decks.json');

/** Where the deck cache is and what it is keyed on; the package's own by default (tests choose). */
export interface DeckCacheOptions {
  /** Skip the cache (check-content). */
  readonly fresh?: boolean;
  readonly cacheFile?: string;
  readonly lessonDir?: string;
}

async function cacheKey(dir: string, lessonDir: string): Promise<Omit<CachedDecks, 'decks'>> {
  const [files, lessonFiles] = await Promise.all([fileStamps(dir, isDeckFile), fileStamps(lessonDir, () => true)]);
  return { files, lessonFiles };
}

async function fromCache(file: string, key: Omit<CachedDecks, 'decks'>): Promise<Deck[] | undefined> {
  try {
    const cached = JSON.parse(await readFile(file, 'utf8')) as CachedDecks;
    const same = JSON.stringify([cached.files, cached.lessonFiles]) === JSON.stringify([key.files, key.lessonFiles]);
    return same ? [...cached.decks] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads `slides/*.md`; include references resolve against `lessons` (the parsed course). The
 * build's cache is used while the deck and lesson files are the ones it was made from.
 */
export async function loadDecks(dir: string = decksDir(), lessons: readonly Lesson[] = [], options: DeckCacheOptions = {}): Promise<DeckSet> {
  if (!options.fresh) {
    const key = await cacheKey(dir, options.lessonDir ?? lessonsDir());
    const cached = await fromCache(options.cacheFile ?? deckCacheFile(), key);
    if (cached) return { decks: cached, errors: [] };
  }
  return parseDecks(dir, lessons);
}

/** Parses the decks in `dir` and, when none has an error, writes the cache start-up reads. */
export async function writeDeckCache(lessons: readonly Lesson[], dir = decksDir(), options: DeckCacheOptions = {}): Promise<DeckSet> {
  const key = await cacheKey(dir, options.lessonDir ?? lessonsDir());
  const set = await parseDecks(dir, lessons);
  if (set.errors.length === 0) {
    const { saveJson } = await import('../state/json-file.js');
    await saveJson(options.cacheFile ?? deckCacheFile(), { ...key, decks: set.decks } satisfies CachedDecks, 0o644);
  }
  return set;
}

async function parseDecks(dir: string, lessons: readonly Lesson[]): Promise<DeckSet> {
  const { parseDeck } = await import('../core/deck-parser.js');
  const names = (await readdir(dir).catch(() => [] as string[])).filter(isDeckFile).sort();
  const texts = await Promise.all(names.map((name) => readFile(join(dir, name), 'utf8')));
  const { values, errors } = parseEach('deck', dir, names, texts, (text, file) => parseDeck(text, file, lessons));
  return { decks: values, errors };
}

/** What findDeck found: a deck, or the problems of the file that was named. */
export type FoundDeck = { readonly deck: Deck } | { readonly errors: readonly ContentError[] } | undefined;

/**
 * Finds a deck by id, by number (1-based), by a unique id prefix, or, when `query` ends in
 * `.md`, by reading that file from anywhere (parsed the same way, against `lessons`).
 */
export async function findDeck(decks: readonly Deck[], query: string, lessons: readonly Lesson[]): Promise<FoundDeck> {
  if (query.toLowerCase().endsWith('.md')) {
    const path = resolve(query);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
      return { errors: [{ file: query, line: 1, message: `cannot read the deck (${why})`, fix: 'give the path of a deck file, or a deck id from ecr-lab present --list' }] };
    }
    const { parseDeck } = await import('../core/deck-parser.js');
    const result = parseDeck(text, relative(process.cwd(), path) || query, lessons);
    return result.value ? { deck: result.value } : { errors: result.errors };
  }
  if (/^\d+$/.test(query)) {
    const deck = decks[Number(query) - 1];
    return deck ? { deck } : undefined;
  }
  const exact = decks.find((d) => d.id === query);
  if (exact) return { deck: exact };
  const prefixed = decks.filter((d) => d.id.startsWith(query));
  return prefixed.length === 1 ? { deck: prefixed[0]! } : undefined;
}

// Loads the seminar decks from slides/ (every file but README.md, in file-name order) with
// their lesson references resolved, and finds one by id, number, prefix or file path.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Deck } from '../core/deck.js';
import type { ContentError, Lesson } from '../core/lesson.js';
import { parseEach } from './content.js';
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

/** Reads `slides/*.md`; include references resolve against `lessons` (the parsed course). */
export async function loadDecks(dir: string = decksDir(), lessons: readonly Lesson[] = []): Promise<DeckSet> {
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

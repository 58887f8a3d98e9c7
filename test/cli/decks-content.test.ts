import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lesson } from '../../src/core/lesson.js';
import { loadCourse } from '../../src/cli/content.js';
import { decksDir, findDeck, loadDecks, writeDeckCache } from '../../src/cli/decks-content.js';

const FIXTURES = join(import.meta.dirname, '../fixtures');
let dir: string;
let lessons: readonly Lesson[];

beforeAll(async () => {
  lessons = (await loadCourse(undefined, true)).lessons;
  dir = await mkdtemp(join(tmpdir(), 'ecr-lab-decks-'));
  await cp(join(FIXTURES, 'decks/tiny.md'), join(dir, 'b-tiny.md'));
  await cp(join(FIXTURES, 'decks-broken/too-tall.md'), join(dir, 'a-too-tall.md'));
  await cp(join(FIXTURES, 'decks-broken/broken-refs.md'), join(dir, 'c-broken.md'));
  await cp(join(import.meta.dirname, '../../slides/README.md'), join(dir, 'README.md'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the deck cache', () => {
  it('serves the parsed decks while the files are unchanged, and parses again when a deck changes', async () => {
    const own = await mkdtemp(join(tmpdir(), 'ecr-lab-deck-cache-'));
    const decks = join(own, 'slides');
    const cacheFile = join(own, 'decks.json');
    const options = { cacheFile, lessonDir: join(import.meta.dirname, '../../lessons') };
    await cp(join(FIXTURES, 'decks/tiny.md'), join(decks, 'tiny.md'), { recursive: true });
    const written = await writeDeckCache(lessons, decks, options);
    expect(written.decks.map((d) => d.id)).toEqual(['tiny']);
    // A cache that says something else proves it is read: same stamps, another title.
    const cache = JSON.parse(await readFile(cacheFile, 'utf8'));
    cache.decks[0].title = 'from the cache';
    await writeFile(cacheFile, JSON.stringify(cache));
    expect((await loadDecks(decks, lessons, options)).decks[0]!.title).toBe('from the cache');
    expect((await loadDecks(decks, lessons, { ...options, fresh: true })).decks[0]!.title).not.toBe('from the cache');
    const source = await readFile(join(decks, 'tiny.md'), 'utf8');
    await writeFile(join(decks, 'tiny.md'), `${source}\n`);
    expect((await loadDecks(decks, lessons, options)).decks[0]!.title).not.toBe('from the cache');
    await rm(own, { recursive: true, force: true });
  });
});

describe('loadDecks', () => {
  it('parses every deck but README.md in file-name order, leaving out one with errors', async () => {
    const set = await loadDecks(dir, lessons);
    expect(set.decks.map((d) => d.id)).toEqual(['too-tall', 'tiny']);
    expect(set.errors.map((e) => [e.file.split('/').pop(), e.line])).toEqual([['c-broken.md', 10], ['c-broken.md', 18]]);
    expect(set.errors[0]!.file).toBe(relative(process.cwd(), join(dir, 'c-broken.md')));
  });

  it('finds the packaged decks in slides/', () => {
    expect(decksDir()).toBe(join(import.meta.dirname, '../../slides'));
  });

  it('gives no decks and no errors for a missing folder', async () => {
    expect(await loadDecks(join(dir, 'nope'), lessons)).toEqual({ decks: [], errors: [] });
  });
});

describe('findDeck', () => {
  it.each([
    ['tiny', 'tiny'], ['2', 'tiny'], ['1', 'too-tall'], ['ti', 'tiny'], ['too', 'too-tall'],
  ])('finds %s', async (query, id) => {
    const { decks } = await loadDecks(dir, lessons);
    const found = await findDeck(decks, query, lessons);
    expect(found && 'deck' in found ? found.deck.id : found).toBe(id);
  });

  it.each([['t'], ['3'], ['0'], ['nothing']])('finds nothing for %s (unknown, out of range or ambiguous)', async (query) => {
    const { decks } = await loadDecks(dir, lessons);
    expect(await findDeck(decks, query, lessons)).toBeUndefined();
  });

  it('reads a deck file from anywhere, parsed against the lessons', async () => {
    const found = await findDeck([], join(FIXTURES, 'decks/tiny.md'), lessons);
    expect(found && 'deck' in found && found.deck.slides[3]!.blocks[0]).toMatchObject({ kind: 'step', stepId: 'login' });
  });

  it('gives the problems of a broken deck file, and of a missing one', async () => {
    const broken = await findDeck([], join(FIXTURES, 'decks-broken/broken-refs.md'), lessons);
    expect(broken && 'errors' in broken && broken.errors.map((e) => e.line)).toEqual([10, 18]);
    const missing = await findDeck([], 'no/such/deck.md', lessons);
    expect(missing).toEqual({ errors: [{ file: 'no/such/deck.md', line: 1, message: 'cannot read the deck (no such file)', fix: expect.stringMatching(/present --list/) }] });
  });
});

// The decks named the course "eleven lessons" after the twelfth was added (an instructor walk).
describe('what the decks and the README say of the course', () => {
  const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
  it.each(['slides/lightning.md', 'slides/seminar.md'])('%s counts the lessons there are', async (file) => {
    const text = await readFile(join(import.meta.dirname, '../..', file), 'utf8');
    const said = [...text.matchAll(new RegExp(`\\b(${WORDS.join('|')}|\\d+) lessons\\b`, 'gi'))].map((m) => m[1]!.toLowerCase());
    expect(said.length).toBeGreaterThan(0);
    for (const n of said) expect(/^\d+$/.test(n) ? Number(n) : WORDS.indexOf(n), `"${n} lessons" in ${file}`).toBe(lessons.length);
  });
});

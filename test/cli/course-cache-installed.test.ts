// The build's course and deck caches, from a copy of the package somewhere else with other
// mtimes (what `npm install` of the tarball gives): they are keyed on content, so they still
// match there, and a changed lesson is parsed again.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
let root: string;

async function cli(...args: string[]): Promise<string> {
  const env = { ...process.env, ECR_LAB_STATE_DIR: join(root, 'state'), NO_COLOR: '1' };
  return (await run(process.execPath, [join(root, 'bin/ecr-lab.js'), ...args], { cwd: tmpdir(), env })).stdout;
}

/** Rewrites a cache file in the copy so that what it says shows it was read. */
async function mark(file: string, edit: (cache: { lessons?: { title: string }[]; decks?: { title: string }[] }) => void): Promise<void> {
  const path = join(root, 'dist', file);
  const cache = JSON.parse(await readFile(path, 'utf8'));
  edit(cache);
  await writeFile(path, JSON.stringify(cache));
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ecr-lab-installed-'));
  for (const part of ['package.json', 'bin', 'dist', 'lessons', 'drills', 'slides']) await cp(join(ROOT, part), join(root, part), { recursive: true });
  await symlink(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  // npm gives installed files a fixed mtime (1985-10-26); any other than the build's will do.
  const old = new Date('1985-10-26T08:15:00Z');
  for (const dir of ['lessons', 'slides']) {
    for (const name of await readdir(join(root, dir))) await utimes(join(root, dir, name), old, old);
  }
  await mark('course.json', (c) => { c.lessons![0]!.title = 'Read from the cache'; });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the course cache in an installed copy', () => {
  it('is read although the path and the mtimes differ from the build', async () => {
    expect(await cli('lessons')).toContain('Read from the cache');
  });

  it('serves the decks from their cache there too', async () => {
    await mark('decks.json', (c) => { c.decks![0]!.title = 'Deck from the cache'; });
    expect(await cli('present', '--list')).toContain('Deck from the cache');
  });

  it('is not used once a lesson file says something else', async () => {
    const first = (await readdir(join(root, 'lessons'))).filter((n) => /^\d.*\.md$/.test(n)).sort()[0]!;
    const path = join(root, 'lessons', first);
    await writeFile(path, `${await readFile(path, 'utf8')}\n`);
    expect(await cli('lessons')).not.toContain('Read from the cache');
  });
});

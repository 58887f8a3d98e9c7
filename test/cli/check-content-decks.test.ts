// `ecr-lab check-content` with decks, through the built CLI: a copy of the package whose
// slides/ holds the fixture decks, so good and broken decks are checked as users' would be.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures');
let root: string;
let stateDir: string;

/** Fills the copy's slides/ with these fixture files, then runs check-content there. */
async function checkWith(...decks: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const slides = join(root, 'slides');
  await rm(slides, { recursive: true, force: true });
  await mkdir(slides);
  await cp(join(ROOT, 'slides/README.md'), join(slides, 'README.md'));
  for (const deck of decks) await cp(join(FIXTURES, deck), join(slides, deck.split('/').pop()!));
  const env = { ...process.env, ECR_LAB_STATE_DIR: stateDir, NO_COLOR: '1' };
  try {
    const r = await run(process.execPath, [join(root, 'bin/ecr-lab.js'), 'check-content'], { cwd: root, env });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ecr-lab-decks-'));
  stateDir = join(root, 'state');
  for (const part of ['package.json', 'bin', 'dist', 'lessons', 'drills']) await cp(join(ROOT, part), join(root, part), { recursive: true });
  // Packages the bundle leaves external are found through the original node_modules.
  await symlink(join(ROOT, 'node_modules'), join(root, 'node_modules'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('ecr-lab check-content with decks', () => {
  it('counts the decks and their slides when all is well, leaving README.md out', async () => {
    const r = await checkWith('decks/tiny.md');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^ok: 12 lessons, \d+ pages, \d+ drills, 1 decks \(5 slides\), no problems$/m);
    expect(r.code).toBe(0);
  });

  it('reports broken references and a slide too tall for 80x24, each at its file and line', async () => {
    const r = await checkWith('decks/tiny.md', 'decks-broken/broken-refs.md', 'decks-broken/too-tall.md');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^slides\/broken-refs\.md:10: include names unknown lesson 'no-such-lesson'\. Fix: use one of: what-is-ecr, identities, .*production, beyond-push-and-pull$/),
      expect.stringMatching(/^slides\/broken-refs\.md:18: lesson 'auth-flow' has 7 pages, no page #9\. Fix: use one of: #1 Two different credentials; .*#7 Quiz$/),
      "slides/too-tall.md:13: slide 'Too much' needs 31 rows at 80x24, 22 fit. Fix: split it into two slides or cut text (what you will say goes in the notes block)",
    ]);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});

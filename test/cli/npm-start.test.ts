// `npm start` in a copy of the checkout: an unchanged checkout starts without building, and
// a changed source or lesson is built first (scripts/start.cjs, scripts/build-stamp.cjs).
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, stat, symlink, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const PARTS = ['package.json', 'package-lock.json', 'tsconfig.json', 'bin', 'dist', 'scripts', 'src', 'lessons', 'slides', 'drills', 'assets'];
let root: string;

async function npmStart(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const env = { ...process.env, ECR_LAB_STATE_DIR: join(root, 'state'), NO_COLOR: '1' };
  return run('npm', ['start', '--silent', '--', ...args], { cwd: root, env, timeout: 60_000 });
}

/** Gives every file under `path` this mtime. */
async function age(path: string, when: Date): Promise<void> {
  if ((await stat(path)).isDirectory()) {
    for (const name of await readdir(path)) await age(join(path, name), when);
  }
  await utimes(path, when, when);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ecr-lab-start-'));
  for (const part of PARTS) await cp(join(ROOT, part), join(root, part), { recursive: true });
  await symlink(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  // A checkout last touched a day ago and built since.
  const yesterday = new Date(Date.now() - 86_400_000);
  for (const part of PARTS) await age(join(root, part), yesterday);
  const builtAt = new Date(Date.now() - 3_600_000);
  await utimes(join(root, 'dist/.built'), builtAt, builtAt);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('npm start', () => {
  it('starts an unchanged checkout without building', async () => {
    const before = (await stat(join(root, 'dist/main.js'))).mtimeMs;
    const r = await npmStart('lessons');
    expect(r.stdout).toMatch(/^ *\S+ +What Amazon ECR is/m);
    expect(r.stderr).toBe('');
    expect((await stat(join(root, 'dist/main.js'))).mtimeMs).toBe(before);
  });

  it('builds first when a lesson changed since the last build', async () => {
    const lesson = (await readdir(join(root, 'lessons'))).filter((n) => /^\d.*\.md$/.test(n)).sort()[0]!;
    await utimes(join(root, 'lessons', lesson), new Date(), new Date());
    const before = (await stat(join(root, 'dist/main.js'))).mtimeMs;
    const r = await npmStart('lessons');
    expect(r.stderr).toContain('ecr-lab: building (lessons changed since the last build)');
    expect(r.stdout).toMatch(/^ *\S+ +What Amazon ECR is/m);
    expect((await stat(join(root, 'dist/main.js'))).mtimeMs).toBeGreaterThan(before);
    // And the next start is immediate again.
    expect((await npmStart('lessons')).stderr).toBe('');
  });
});

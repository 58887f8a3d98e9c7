// `ecr-lab check-content` and honest minutes, through the built CLI: a copy of the package
// whose lesson claims too few minutes gets one warning line, and the exit stays 0.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const LESSON = 'lessons/08-pull.md';
let root: string;

async function checkContent(cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, ECR_LAB_STATE_DIR: join(root, 'state'), NO_COLOR: '1' };
  try {
    const r = await run(process.execPath, [join(cwd, 'bin/ecr-lab.js'), 'check-content'], { cwd, env });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Sets the `minutes:` of the copy's lesson; returns what it said before. */
async function setMinutes(minutes: number): Promise<number> {
  const file = join(root, LESSON);
  const text = await readFile(file, 'utf8');
  const before = Number(/^minutes: (\d+)$/m.exec(text)?.[1]);
  await writeFile(file, text.replace(/^minutes: \d+$/m, `minutes: ${minutes}`));
  return before;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ecr-lab-minutes-'));
  for (const part of ['package.json', 'bin', 'dist', 'lessons', 'drills', 'slides']) await cp(join(ROOT, part), join(root, part), { recursive: true });
  // Packages the bundle leaves external are found through the original node_modules.
  await symlink(join(ROOT, 'node_modules'), join(root, 'node_modules'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('ecr-lab check-content and the minutes a lesson states', () => {
  it('finds every shipped lesson honest: no warning at all', async () => {
    const r = await checkContent(ROOT);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^ok: 12 lessons, .*, no problems$/m);
    expect(r.code).toBe(0);
  });

  it('warns, on one line naming the file and its minutes, when a lesson claims too few; exit stays 0', async () => {
    const honest = await setMinutes(1);
    try {
      const r = await checkContent(root);
      expect(r.code).toBe(0);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(
        `^warning: ${LESSON}:1: minutes: 1 is below the reading estimate of (\\d+) \\(\\d+ words at 200 a minute, 2 steps at 1 min, 3 questions at 1 min\\)\\. Fix: set "minutes: \\1" or tighten the text$`,
      ));
      const estimate = Number(/estimate of (\d+)/.exec(lines[0]!)?.[1]);
      expect(estimate).toBeGreaterThan(1);
      expect(estimate).toBeLessThanOrEqual(honest);
      expect(r.stdout).toMatch(/^ok: 12 lessons, .*, no errors, 1 warning \(above\)$/m);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    } finally {
      await setMinutes(honest);
    }
  });

  it('is quiet again once the minutes reach the estimate', async () => {
    const r = await checkContent(root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

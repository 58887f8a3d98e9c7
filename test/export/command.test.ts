// `ecr-lab export` in-process: what it writes for each kind of target, and one clear line with
// the right exit code for every kind of bad input.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exportCommand } from '../../src/cli/commands/export.js';

let dir: string;
let saved: string | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-lab-export-'));
  saved = process.env.ECR_LAB_STATE_DIR;
  process.env.ECR_LAB_STATE_DIR = dir;
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(async () => {
  vi.restoreAllMocks();
  if (saved === undefined) delete process.env.ECR_LAB_STATE_DIR;
  else process.env.ECR_LAB_STATE_DIR = saved;
  await rm(dir, { recursive: true, force: true });
});

const written = (): string => String(vi.mocked(process.stdout.write).mock.calls.at(-1)?.[0]);

describe('exportCommand', () => {
  it.each([
    ['all', 'html', /^wrote .*\/out\.html \(\d+\.\d kB, 12 lessons\)\n$/, /<section class="unit" id="lesson--production">/],
    ['auth-flow', 'md', /^wrote .*\/out\.md \(\d+\.\d kB, lesson auth-flow\)\n$/, /^# The authentication flow\n/],
    ['5', 'md', /lesson auth-flow\)\n$/, /^# The authentication flow\n/],
    ['seminar', 'html', /deck seminar, \d+ slides\)\n$/, /<aside class="notes">/],
    ['light', 'md', /deck lightning, \d+ slides\)\n$/, /> \*\*Speaker notes\*\*/],
  ] as const)('exports %s as %s', async (what, kind, line, content) => {
    const file = join(dir, `out.${kind}`);
    expect(await exportCommand(what, { [kind]: file })).toBe(0);
    expect(written()).toMatch(line);
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(content);
    expect(written()).toContain(`${(Buffer.byteLength(text) / 1000).toFixed(1)} kB`);
    expect((await stat(file)).mode & 0o777).toBe(0o644);
  });

  it.each([
    ['no format', 'all', {}, 2, /^say where to write: --html FILE/],
    ['both formats', 'all', { html: 'a.html', md: 'b.md' }, 2, /^give --html FILE or --md FILE, not both/],
    ['nothing named', undefined, { html: 'a.html' }, 2, /^say what to export: a lesson id or number, a deck id, all/],
    ['--report with a name', 'all', { html: 'a.html', report: true }, 2, /^--report exports your own lab report; drop 'all'/],
    ['an unknown name', 'nope', { html: 'a.html' }, 2, /^no lesson or deck 'nope'; lessons: what-is-ecr, .*; decks: .*seminar.*; or all$/],
    ['a missing deck file', 'missing.md', { html: 'a.html' }, 1, /^missing\.md:1: cannot read the deck \(no such file\)/],
    ['a missing folder', 'all', { html: '/nonexistent-dir/a.html' }, 1, /^cannot write \/nonexistent-dir\/a\.html: its folder does not exist; choose a file/],
  ] as const)('refuses %s with one line', async (_name, what, opts, code, message) => {
    const err = await exportCommand(what, opts).then(() => undefined, (e: Error & { exitCode?: number }) => e);
    expect(err?.message).toMatch(message);
    expect(err?.message).not.toContain('\n');
    expect(err?.exitCode).toBe(code);
  });

  it('refuses a path that is a folder, and leaves no temp file behind', async () => {
    await expect(exportCommand('all', { html: dir })).rejects.toThrow(`cannot write ${dir}: it is a folder`);
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(join(dir, '..'))).filter((n) => n.startsWith(`${dir.split('/').at(-1)}.`))).toEqual([]);
  });
});

// `ecr-lab export` in-process: what it writes for each kind of target, and one clear line with
// the right exit code for every kind of bad input.
import { execFileSync } from 'node:child_process';
import { copyFile, lstat, mkdtemp, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
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

// Where the file goes: as a shell's `>` would put it. Found by a walk: a symbolic link, /dev/full
// and a FIFO were each replaced by a regular file, and the deck given was overwritten by its own
// handout.
describe('where an export lands', () => {
  it('follows a symbolic link to its file and keeps the link', async () => {
    await writeFile(join(dir, 'target.md'), 'old');
    await symlink('target.md', join(dir, 'link.md'));
    expect(await exportCommand('lightning', { md: join(dir, 'link.md') })).toBe(0);
    expect((await lstat(join(dir, 'link.md'))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(dir, 'link.md'))).toBe('target.md');
    expect(await readFile(join(dir, 'target.md'), 'utf8')).toMatch(/^# /);
  });

  it('writes through a FIFO, not over it, and says so on stderr', async () => {
    const fifo = join(dir, 'fifo.md');
    execFileSync('mkfifo', [fifo]);
    const reader = readFile(fifo, 'utf8');
    const said = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await exportCommand('lightning', { md: fifo })).toBe(0);
    expect(await reader).toMatch(/^# /);
    expect((await stat(fifo)).isFIFO()).toBe(true);
    expect(String(said.mock.calls.at(-1)?.[0])).toMatch(/^wrote .*fifo\.md \(/);
  });

  // A node of /dev/full's own device in the test's folder (root only): were it replaced, nothing
  // of the machine's would be.
  const full = (): string | undefined => {
    try {
      execFileSync('mknod', ['-m', '666', join(dir, 'full'), 'c', '1', '7'], { stdio: 'ignore' });
      return join(dir, 'full');
    } catch {
      return undefined;
    }
  };
  it('writes through a device and reports its error: a node of /dev/full stays a device', async (t) => {
    const device = full();
    if (!device) t.skip();
    await expect(exportCommand('lightning', { md: device! })).rejects.toThrow(`cannot write ${device}: the disk is full`);
    expect((await stat(device!)).isCharacterDevice()).toBe(true);
  });

  it('refuses the deck file being exported, by any path to it, and leaves it as it was', async () => {
    const deck = join(dir, 'my-deck.md');
    await copyFile(join(import.meta.dirname, '../../slides/lightning.md'), deck);
    const before = await readFile(deck, 'utf8');
    await symlink(deck, join(dir, 'alias.md'));
    for (const out of [deck, join(dir, '..', dir.split('/').at(-1)!, 'my-deck.md'), join(dir, 'alias.md')]) {
      await expect(exportCommand(deck, { md: out })).rejects.toThrow(/: it is the deck being exported; choose another file for the export$/);
    }
    expect(await readFile(deck, 'utf8')).toBe(before);
  });

  it("refuses to write into ecr-lab's own lessons, slides and drills", async () => {
    // New names: were the refusal gone, no lesson or deck would be overwritten.
    const lesson = join(import.meta.dirname, '../../lessons/zz-export-test.md');
    const slide = join(import.meta.dirname, '../../slides/zz-export-test.html');
    try {
      await expect(exportCommand('all', { md: lesson })).rejects.toThrow(/it is in ecr-lab's own lessons\/; choose another file/);
      await expect(exportCommand('seminar', { html: slide })).rejects.toThrow(/own slides\//);
    } finally {
      await Promise.all([rm(lesson, { force: true }), rm(slide, { force: true })]);
    }
  });

  it('a folder that takes no new files (/proc) is said as such, not as missing', async () => {
    await expect(exportCommand('lightning', { html: '/proc/x.html' })).rejects.toThrow('cannot write /proc/x.html: its folder does not take new files');
  });
});

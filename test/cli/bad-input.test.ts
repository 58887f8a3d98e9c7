// Bad places for ecr-lab's files, fed to the built CLI: each one is one line on stderr naming
// what, where and the fix, exit 1, never "unexpected error" and never a lost file.
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '../../bin/ecr-lab.js');
// Root ignores file permissions: the permission cases run as nobody, as a learner would meet them.
const AS_OTHER = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

interface Ran { readonly code: number; readonly stdout: string; readonly stderr: string }

async function cli(env: Record<string, string>, args: readonly string[], asOther = false): Promise<Ran> {
  const options = { env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 30_000, ...(asOther ? AS_OTHER : {}) };
  try {
    const r = await promisify(execFile)(process.execPath, [CLI, ...args], options);
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number | string; stdout: string; stderr: string };
    // Node itself could not be started as nobody (a runtime in a 0700 directory): say so.
    if (typeof e.code === 'string') throw new Error(`cannot run ${process.execPath}${asOther ? ' as uid 65534' : ''}: ${e.code}; put this Node where that user can run it`);
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A temp dir anyone may enter (so that nobody reaches the places made inside it). */
async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ecr-lab-bad-'));
  await chmod(dir, 0o777);
  return dir;
}

function expectOneLine(r: Ran, pattern: RegExp): void {
  expect(r.stderr).not.toMatch(/unexpected error|please report|\n\s+at /);
  expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.code).toBe(1);
}

describe('serve --data and --host that cannot be used', () => {
  it('--data naming a file, or a path under a file', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'afile'), 'mine');
    const state = { ECR_LAB_STATE_DIR: join(dir, 'state') };
    for (const data of [join(dir, 'afile'), join(dir, 'afile', 'sub')]) {
      expectOneLine(await cli(state, ['serve', '--port', '0', '--data', data]),
        new RegExp(`^ecr-lab: --data ${data} cannot be used: ${join(dir, 'afile')} is a file, not a directory; give --data a directory you can write`));
    }
    expect(await readFile(join(dir, 'afile'), 'utf8')).toBe('mine');
  });

  it('--data that is read-only', async () => {
    const dir = await scratch();
    const data = join(dir, 'ro');
    await mkdir(data, { mode: 0o555 });
    await chmod(data, 0o555);
    const r = await cli({ ECR_LAB_STATE_DIR: join(dir, 'state') }, ['serve', '--port', '0', '--data', data], true);
    expectOneLine(r, new RegExp(`^ecr-lab: cannot \\w+ ${data}/\\S+: permission denied; make ${data} writable for you, or give --data a directory you can write`));
  });

  it('--data holding a directory named catalog.json', async () => {
    const dir = await scratch();
    await mkdir(join(dir, 'data', 'catalog.json'), { recursive: true });
    const r = await cli({ ECR_LAB_STATE_DIR: join(dir, 'state') }, ['serve', '--port', '0', '--data', join(dir, 'data')]);
    expectOneLine(r, /^ecr-lab: cannot read \S+\/data\/catalog\.json: it is a directory, where a file belongs; move that directory away, or give --data/);
  });

  it('--host with a name that does not resolve', async () => {
    const r = await cli({ ECR_LAB_STATE_DIR: join(await scratch(), 'state') }, ['serve', '--port', '0', '--host', 'no-such-host.invalid']);
    expectOneLine(r, /^ecr-lab: cannot listen on no-such-host\.invalid: no host of that name is known here; give this machine's address, such as --host 127\.0\.0\.1$/m);
  });
});

describe('a state dir that cannot be used', () => {
  it.each([['progress'], ['progress', '--reset'], ['cleanup'], ['run', 'whoami', '--engine', 'builtin'], ['serve', '--port', '0']])(
    'ECR_LAB_STATE_DIR naming a file: %s', async (...args) => {
      const file = join(await scratch(), 'afile');
      await writeFile(file, 'mine');
      expectOneLine(await cli({ ECR_LAB_STATE_DIR: file }, args),
        new RegExp(`^ecr-lab: ECR_LAB_STATE_DIR \\(${file}\\) cannot be used: ${file} is a file, not a directory; set ECR_LAB_STATE_DIR to a directory you can write`));
      expect(await readFile(file, 'utf8')).toBe('mine');
    });

  it.each([['progress.json', ['progress']], ['progress.json', ['progress', '--reset']], ['progress.json', ['lessons']], ['ledger.json', ['cleanup']]])(
    '%s that is a directory: %s', async (name, args) => {
      const state = await scratch();
      await mkdir(join(state, name));
      expectOneLine(await cli({ ECR_LAB_STATE_DIR: state }, args),
        new RegExp(`^ecr-lab: cannot (read|remove) ${join(state, name)}: it is a directory, where a file belongs; move that directory away, or set ECR_LAB_STATE_DIR`));
    });

  it.each([['progress.json', ['progress']], ['ledger.json', ['cleanup']]])('%s that cannot be read: %s', async (name, args) => {
    const state = await scratch();
    await mkdir(join(state, 'local-ecr'), { mode: 0o777 });
    await chmod(join(state, 'local-ecr'), 0o777);
    await writeFile(join(state, name), '{"version":1,"entries":[]}', { mode: 0o000 });
    expectOneLine(await cli({ ECR_LAB_STATE_DIR: state }, args, true),
      new RegExp(`^ecr-lab: cannot read ${join(state, name)}: permission denied; make ${join(state, name)} readable for you, or set ECR_LAB_STATE_DIR`));
  });

  it.each([['run', 'whoami', '--engine', 'builtin'], ['cleanup'], ['progress', '--reset']])('a read-only state dir: %s', async (...args) => {
    const state = join(await scratch(), 'ro');
    await mkdir(state);
    await writeFile(join(state, 'progress.json'), '{"version":1,"lessons":{}}', { mode: 0o644 });
    await chmod(state, 0o555);
    expectOneLine(await cli({ ECR_LAB_STATE_DIR: state }, args, true),
      new RegExp(`^ecr-lab: cannot (create|remove) ${state}/\\S+: permission denied; make ${state} writable for you, or set ECR_LAB_STATE_DIR`));
    expect(await readdir(state)).toContain('progress.json');
  });
});

describe('a corrupt file that cannot be moved aside', () => {
  it('progress in a read-only state dir: one line, and the file is left as it was', async () => {
    const state = join(await scratch(), 'ro');
    await mkdir(state);
    await writeFile(join(state, 'progress.json'), '{"version":1,"less', { mode: 0o644 });
    await chmod(state, 0o555);
    expectOneLine(await cli({ ECR_LAB_STATE_DIR: state }, ['progress'], true),
      new RegExp(`^ecr-lab: cannot move ${join(state, 'progress.json')}: permission denied; make ${state} writable for you, or set ECR_LAB_STATE_DIR`));
    expect(await readFile(join(state, 'progress.json'), 'utf8')).toBe('{"version":1,"less');
  });
});

describe('a truncated ledger', () => {
  it('cleanup says it was moved aside, keeps it, and then finds nothing to delete', async () => {
    const state = await scratch();
    await writeFile(join(state, 'ledger.json'), '{"version":1,"entr');
    const r = await cli({ ECR_LAB_STATE_DIR: state }, ['cleanup']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^warning: ${join(state, 'ledger.json')} was unreadable \\(.*\\); kept it as ${join(state, 'ledger.json')}\\.corrupt-\\S+ and started afresh\\n$`));
    expect(r.stdout).toMatch(/nothing to clean up/);
    const aside = (await readdir(state)).find((n) => n.startsWith('ledger.json.corrupt-'))!;
    expect(await readFile(join(state, aside), 'utf8')).toBe('{"version":1,"entr');
  });
});

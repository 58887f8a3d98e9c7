// `ecr-lab run` comes from dist/cli.cjs with V8's code cache kept after the run before
// (src/cli/code-cache.ts): written once, read back, refused when it is not whole, and never
// needed for the command to run.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir, chmod, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheKey, runWithCodeCache } from '../../src/cli/code-cache.js';

const exec = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-lab-code-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A bundle like dist/cli.cjs: CommonJS, `done` settles when its work has. */
async function bundle(body = ''): Promise<string> {
  const dist = join(dir, 'dist');
  await mkdir(dist, { recursive: true });
  const source = [
    'const seen = globalThis.__codeCacheTest ??= [];',
    'function work(n) { let t = 0; for (let i = 0; i < n; i++) t += i; return t; }',
    `exports.done = Promise.resolve().then(() => { seen.push({ sum: work(10), file: __filename, dir: __dirname, path: typeof require('node:path').join, self: module.exports === exports }); ${body} });`,
  ].join('\n');
  await writeFile(join(dist, 'cli.cjs'), source);
  await writeFile(join(dist, 'cli.cjs.json'), JSON.stringify({ file: 'cli.cjs', sha256: createHash('sha256').update(source).digest('hex'), encoding: 'latin1' }));
  return dist;
}

const seen = (): Record<string, unknown>[] => ((globalThis as { __codeCacheTest?: Record<string, unknown>[] }).__codeCacheTest ??= []);
const cacheFiles = async (cacheDir: string): Promise<string[]> => (await readdir(cacheDir).catch(() => [] as string[])).sort();

describe('runWithCodeCache', () => {
  it('runs the bundle as a CommonJS module, keeps a cache after it, and uses it the next time', async () => {
    const distDir = await bundle();
    const cacheDir = join(dir, 'cache');
    seen().length = 0;
    expect(await runWithCodeCache({ distDir, cacheDir, key: 'run' })).toEqual({ cache: 'none', written: true });
    expect(seen()[0]).toEqual({ sum: 45, file: join(distDir, 'cli.cjs'), dir: distDir, path: 'function', self: true });
    const [file, ...more] = await cacheFiles(cacheDir);
    expect(more).toEqual([]);
    expect(file).toMatch(new RegExp(`^cjs-run-${process.version.replaceAll('.', '\\.')}-${process.arch}-[0-9a-f]{8}-[0-9a-f]{16}-[0-9a-z]+-[0-9a-z]+\\.bin$`));
    expect((await readFile(join(cacheDir, file!))).subarray(0, 18).toString()).toBe('ecrlab-v8-cache-1\n');

    expect(await runWithCodeCache({ distDir, cacheDir, key: 'run' })).toEqual({ cache: 'used', written: false });
    expect(seen()).toHaveLength(2);
    // Another command keeps its own.
    expect(await runWithCodeCache({ distDir, cacheDir, key: 'run-all' })).toEqual({ cache: 'none', written: true });
    expect(await cacheFiles(cacheDir)).toHaveLength(2);
  });

  it('does not hand V8 a cache that is not whole, and writes a good one in its place', async () => {
    const distDir = await bundle();
    const cacheDir = join(dir, 'cache');
    await runWithCodeCache({ distDir, cacheDir, key: 'run' });
    const [file] = await cacheFiles(cacheDir);
    const bytes = await readFile(join(cacheDir, file!));
    bytes[bytes.length - 1] ^= 0xff;
    await writeFile(join(cacheDir, file!), bytes);
    expect(await runWithCodeCache({ distDir, cacheDir, key: 'run' })).toEqual({ cache: 'corrupt', written: true });
    expect(await runWithCodeCache({ distDir, cacheDir, key: 'run' })).toEqual({ cache: 'used', written: false });
    await writeFile(join(cacheDir, file!), bytes.subarray(0, 30));
    expect(await runWithCodeCache({ distDir, cacheDir, key: 'run' })).toEqual({ cache: 'corrupt', written: true });
  });

  it("replaces an older build's cache of the same command rather than keeping both", async () => {
    const cacheDir = join(dir, 'cache');
    await runWithCodeCache({ distDir: await bundle(), cacheDir, key: 'run' });
    const [before] = await cacheFiles(cacheDir);
    await runWithCodeCache({ distDir: await bundle('work(3);'), cacheDir, key: 'run' });
    const after = await cacheFiles(cacheDir);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);
  });

  it('keeps nothing with NODE_DISABLE_COMPILE_CACHE=1 or without a cache dir, and runs all the same', async () => {
    const distDir = await bundle();
    const cacheDir = join(dir, 'cache');
    process.env.NODE_DISABLE_COMPILE_CACHE = '1';
    try {
      expect(await runWithCodeCache({ distDir, cacheDir, key: 'run' })).toEqual({ cache: 'off', written: false });
    } finally {
      delete process.env.NODE_DISABLE_COMPILE_CACHE;
    }
    expect(await runWithCodeCache({ distDir, cacheDir: undefined, key: 'run' })).toEqual({ cache: 'off', written: false });
    expect(await cacheFiles(cacheDir)).toEqual([]);
  });

  // Root writes into a 0500 directory all the same (CI runs as root): the next test makes the
  // cache dir unwritable for root too, with a file where it should be.
  it.skipIf(process.getuid?.() === 0)('runs, and says it wrote nothing, when the cache dir cannot be written', async () => {
    const distDir = await bundle();
    const cacheDir = join(dir, 'read-only');
    await mkdir(cacheDir);
    await chmod(cacheDir, 0o500);
    expect(await runWithCodeCache({ distDir, cacheDir, key: 'run' })).toEqual({ cache: 'none', written: false });
  });

  it('cannot write where a file stands in for the cache dir, and the command still runs', async () => {
    const distDir = await bundle();
    const cacheDir = join(dir, 'not-a-dir');
    await writeFile(cacheDir, 'x');
    seen().length = 0;
    expect(await runWithCodeCache({ distDir, cacheDir, key: 'run' })).toEqual({ cache: 'none', written: false });
    expect(seen()).toHaveLength(1);
  });

  it('keeps nothing after a command that failed, whose run compiled only part of the command', async () => {
    const distDir = await bundle('process.exitCode = 1;');
    const cacheDir = join(dir, 'cache');
    try {
      expect(await runWithCodeCache({ distDir, cacheDir, key: 'run' })).toEqual({ cache: 'none', written: false });
    } finally {
      process.exitCode = undefined;
    }
    expect(await cacheFiles(cacheDir)).toEqual([]);
  });

  it('keeps nothing when the command did not run (its help, a usage error): only the argument parser compiled', async () => {
    const distDir = await bundle('return false;');
    const cacheDir = join(dir, 'cache');
    expect(await runWithCodeCache({ distDir, cacheDir, key: 'run-all' })).toEqual({ cache: 'none', written: false });
    expect(await cacheFiles(cacheDir)).toEqual([]);
  });

  it('leaves no part-written file behind when the cache cannot be written', async () => {
    const distDir = await bundle();
    const cacheDir = join(dir, 'cache');
    await runWithCodeCache({ distDir, cacheDir, key: 'run' });
    const [file] = await cacheFiles(cacheDir);
    await rm(join(cacheDir, file!));
    await mkdir(join(cacheDir, file!));
    // A directory where the file should be reads as no cache, and cannot be renamed over.
    expect(await runWithCodeCache({ distDir, cacheDir, key: 'run' })).toEqual({ cache: 'none', written: false });
    expect(await runWithCodeCache({ distDir, cacheDir, key: 'run' })).toEqual({ cache: 'none', written: false });
    expect(await cacheFiles(cacheDir)).toEqual([file]);
  });

  it('does not use the cache of a bundle edited in place, though V8 would take it (it checks the length only)', async () => {
    const distDir = await bundle();
    const cacheDir = join(dir, 'cache');
    await runWithCodeCache({ distDir, cacheDir, key: 'run' });
    const source = await readFile(join(distDir, 'cli.cjs'), 'utf8');
    await writeFile(join(distDir, 'cli.cjs'), source.replace('t += i', 't -= i'));
    await utimes(join(distDir, 'cli.cjs'), new Date(), new Date(Date.now() + 5000));
    seen().length = 0;
    expect(await runWithCodeCache({ distDir, cacheDir, key: 'run' })).toEqual({ cache: 'none', written: true });
    expect(seen()[0]).toMatchObject({ sum: -45 });
  });

  it('keeps at most 8 caches for one Node and its flags, the newest', async () => {
    const distDir = await bundle();
    const cacheDir = join(dir, 'cache');
    for (let i = 0; i < 11; i++) await runWithCodeCache({ distDir, cacheDir, key: `run-step${i}` });
    const kept = await cacheFiles(cacheDir);
    expect(kept).toHaveLength(8);
    expect(kept.some((f) => f.startsWith('cjs-run-step10-'))).toBe(true);
    expect(kept.some((f) => f.startsWith('cjs-run-step0-'))).toBe(false);
  });

  it('runs nothing when dist/ holds no CommonJS build (bin/ecr-lab.js then loads dist/main.js)', async () => {
    expect(await runWithCodeCache({ distDir: join(dir, 'nothing'), cacheDir: join(dir, 'cache'), key: 'run' })).toBeUndefined();
  });
});

describe('cacheKey', () => {
  it('names run all, and the steps asked for in any order; anything else is run', () => {
    expect(cacheKey(['all', '--engine', 'builtin'])).toBe('run-all');
    expect(cacheKey(['whoami'])).toBe('run-whoami');
    expect(cacheKey(['whoami', 'login', '--repo', 'x'])).toBe(cacheKey(['login', 'whoami']));
    expect(cacheKey(['login', 'whoami'])).toBe('run-login+whoami');
    expect(cacheKey(['--engine', 'builtin', 'whoami'])).toBe('run');
    expect(cacheKey([])).toBe('run');
    expect(cacheKey(['../x'])).toBe('run');
    expect(cacheKey(Array.from({ length: 12 }, (_, i) => `step-number-${i}`))).toMatch(/^run-[0-9a-f]{12}$/);
  });
});

describe('ecr-lab run, from the build in dist/', () => {
  it('keeps a code cache for run all at the first run and reads it at the next, with the same steps', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: join(dir, 'xdg'), NO_COLOR: '1' };
    delete env.NODE_DISABLE_COMPILE_CACHE;
    const once = async (): Promise<string[]> => {
      const r = await exec(process.execPath, [join(ROOT, 'bin/ecr-lab.js'), 'run', 'all', '--engine', 'builtin'], { env: { ...env, ECR_LAB_STATE_DIR: await mkdtemp(join(dir, 'state-')) } });
      return r.stdout.split('\n').filter((l) => /^[✓✗] /.test(l)).map((l) => l.replace(/ in \d+ ms:.*/, ''));
    };
    const first = await once();
    const v8 = join(dir, 'xdg', 'ecr-lab', 'v8');
    const kept = (await readdir(v8)).filter((f) => f.startsWith('cjs-run-all-'));
    expect(kept).toHaveLength(1);
    const { mtimeMs } = await import('node:fs').then((fs) => fs.statSync(join(v8, kept[0]!)));
    expect(first).toHaveLength(15);
    expect(first.every((l) => l.endsWith('succeeded'))).toBe(true);
    expect(await once()).toEqual(first);
    // Read, not written again: the same file, untouched.
    expect((await readdir(v8)).filter((f) => f.startsWith('cjs-run-all-'))).toEqual(kept);
    expect((await import('node:fs')).statSync(join(v8, kept[0]!)).mtimeMs).toBe(mtimeMs);
  }, 60_000);

  it('keeps no cache after run all --help or a usage error', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: join(dir, 'xdg'), ECR_LAB_STATE_DIR: join(dir, 'state'), NO_COLOR: '1' };
    delete env.NODE_DISABLE_COMPILE_CACHE;
    const help = await exec(process.execPath, [join(ROOT, 'bin/ecr-lab.js'), 'run', 'all', '--help'], { env });
    expect(help.stdout).toMatch(/^Usage: ecr-lab run/);
    await expect(exec(process.execPath, [join(ROOT, 'bin/ecr-lab.js'), 'run', 'all', '--frobnicate'], { env })).rejects.toMatchObject({ code: 2 });
    const v8 = join(dir, 'xdg', 'ecr-lab', 'v8');
    expect((await readdir(v8).catch(() => [] as string[])).filter((f) => f.startsWith('cjs-'))).toEqual([]);
  }, 30_000);
});

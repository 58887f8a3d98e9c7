// mkdir -p that always ends: Node's recursive mkdir spun forever on /proc/x and under a symbolic
// link to nowhere (`serve --data /proc/nope` hung, deaf to SIGTERM, found by a walk).
import { mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { asFileError } from '../../src/state/file-error.js';
import { makeDir } from '../../src/state/make-dir.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-lab-mkdir-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('makes every missing level, with the mode given, and is content with a folder already there', async () => {
  const deep = join(dir, 'a', 'b', 'c');
  await makeDir(deep, 0o700);
  expect((await stat(deep)).isDirectory()).toBe(true);
  expect((await stat(join(dir, 'a'))).mode & 0o777).toBe(0o700);
  await makeDir(deep);
  await makeDir(dir);
});

it.runIf(process.platform === 'linux')('under /proc, fails at once with a reason, where Node spins', { timeout: 5_000 }, async () => {
  const err = await makeDir('/proc/ecr-lab-nope/x').catch((e: unknown) => e);
  expect(asFileError(err)?.message).toBe('cannot create /proc/ecr-lab-nope: it cannot be made there (under /proc, or where a symbolic link leads nowhere)');
});

it('under a symbolic link to nowhere, says so', { timeout: 5_000 }, async () => {
  await symlink(join(dir, 'gone'), join(dir, 'link'));
  const err = await makeDir(join(dir, 'link', 'data')).catch((e: unknown) => e);
  expect(asFileError(err)?.message).toBe(`cannot create ${join(dir, 'link')}: it cannot be made there (under /proc, or where a symbolic link leads nowhere)`);
});

it('a file in the way is the error, as mkdir -p has it', async () => {
  await writeFile(join(dir, 'file'), 'x');
  await expect(makeDir(join(dir, 'file'))).rejects.toMatchObject({ code: 'EEXIST' });
  await expect(makeDir(join(dir, 'file', 'sub'))).rejects.toMatchObject({ code: 'ENOTDIR' });
});

// Node 22+ keeps V8's compiled code under the XDG cache dir (bin/ecr-lab.js), in one subdirectory
// per Node and flags. The IAM simulator's worker thread keeps its code in that same subdirectory:
// handed the subdirectory itself, Node made another one inside it, once per thread start.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
// Skipped on Node 20, which has no module.enableCompileCache and keeps nothing; CI runs it on Node 24.
const hasCompileCache = Number(process.versions.node.split('.')[0]) >= 22;
let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'ecr-lab-v8-'));
});

afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

it.skipIf(!hasCompileCache)('keeps the main thread and the simulator thread in one directory for this Node', async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: join(home, 'cache'), ECR_LAB_STATE_DIR: join(home, 'state') };
  delete env.NODE_DISABLE_COMPILE_CACHE;
  // create-repository asks the simulator a question, so the run waits for the thread, which keeps
  // its cache once it has loaded (simulator-thread.ts). whoami asks none: a run that quick could
  // end while the thread was still loading (70 files on one CI machine).
  await run(process.execPath, [join(ROOT, 'bin/ecr-lab.js'), 'run', 'create-repository', '--engine', 'builtin'], { env });
  const v8 = join(home, 'cache', 'ecr-lab', 'v8');
  // Beside it, as files, the code caches of dist/cli.cjs (src/cli/code-cache.ts).
  const dirs = (await readdir(v8, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  expect(dirs).toHaveLength(1);
  expect(dirs[0]).toMatch(new RegExp(`^v${process.versions.node.replaceAll('.', '\\.')}-`));
  const entries = await readdir(join(v8, dirs[0]), { withFileTypes: true });
  expect(entries.filter((e) => e.isDirectory()).map((e) => e.name)).toEqual([]);
  // The simulator's CommonJS files, 107 of them (`run` itself comes from dist/cli.cjs).
  expect(entries.filter((e) => e.isFile()).length).toBeGreaterThan(100);
}, 30_000);

// openTarget on the local ECR, with the IAM simulator's answers kept from an earlier run: the
// simulator's thread does not start (a process of its own: vitest runs each file in one), and
// the run's requests are still answered.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AnswerCache } from '../../src/local-ecr/iam/answer-cache.js';
import { isSimulatorStarted } from '../../src/local-ecr/iam/simulator-thread.js';

let dir: string;
const saved = { cache: process.env.XDG_CACHE_HOME, state: process.env.ECR_LAB_STATE_DIR };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-lab-target-answers-'));
  process.env.XDG_CACHE_HOME = join(dir, 'cache');
  process.env.ECR_LAB_STATE_DIR = join(dir, 'state');
});
afterAll(async () => {
  for (const [name, value] of [['XDG_CACHE_HOME', saved.cache], ['ECR_LAB_STATE_DIR', saved.state]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await rm(dir, { recursive: true, force: true });
});

it('does not start the simulator\'s thread when answers are kept, and starts it at the first question without one', async () => {
  (await AnswerCache.open(join(dir, 'cache', 'ecr-lab', 'iam-answers.json'))).set('a question of an earlier run', null);
  const { openTarget } = await import('../../src/cli/target.js');
  const target = await openTarget({ engine: 'builtin' });
  try {
    expect(isSimulatorStarted()).toBe(false);
    const outcome = await target.runner.run('whoami', {});
    expect(outcome.status).toBe('succeeded');
    const created = await target.runner.run('create-repository', {});
    expect(created.status, created.error?.message).toBe('succeeded');
    expect(isSimulatorStarted()).toBe(true);
  } finally {
    await target.close();
  }
});

// Faults and a moved clock stay in the local ECR's data directory from one session to the next:
// `run` says them as it starts, the TUI and the presenter as they quit (an instructor walk found a
// push failing on a token-expired left on by the last seminar, with nothing saying why).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { worldChanges } from '../../src/cli/target.js';
import { createLocalTarget, type LocalTarget } from '../../src/workflow/targets.js';

let target: LocalTarget | undefined;
let dir: string | undefined;
afterEach(async () => {
  await target?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('names the faults on and the clock moved, and nothing when the world is as it was', async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-lab-world-'));
  target = await createLocalTarget({ stateDir: dir, engine: 'builtin', dataDir: join(dir, 'local-ecr'), port: 0, dockerConfigDir: join(dir, 'docker') });
  expect(worldChanges(target)).toBeUndefined();
  await target.server.faults.on('repository-missing', { repository: 'ecr-lab/demo', tag: 'v1' });
  expect(worldChanges(target)).toBe('faults on: repository-missing');
  target.server.context.clock.advance(2 * 3_600_000);
  expect(worldChanges(target)).toBe('faults on: repository-missing · clock +2h');
  await target.server.faults.off('repository-missing');
  expect(worldChanges(target)).toBe('clock +2h');
});

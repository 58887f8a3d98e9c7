// One local ECR per data directory: a second process is refused with one line, a lock left
// by a process that is gone is taken over, and closing releases it.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLocalEcr } from '../../src/local-ecr/server.js';
import { createLocalTarget } from '../../src/workflow/targets.js';

describe('the data directory lock', () => {
  it('refuses a data dir held by another live process, takes over a stale lock, releases on close', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecr-lock-'));
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await writeFile(join(dir, 'lock'), String(holder.pid));
      await expect(startLocalEcr({ dataDir: dir })).rejects.toThrow(`is in use by another ecr-lab (process ${holder.pid})`);
      holder.kill();
      await new Promise((r) => holder.once('exit', r));
      const ecr = await startLocalEcr({ dataDir: dir });
      expect(await readFile(join(dir, 'lock'), 'utf8')).toBe(String(process.pid));
      await ecr.close();
      expect(existsSync(join(dir, 'lock'))).toBe(false);
    } finally {
      holder.kill();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the course\'s own data directory in use (the TUI open, ecr-lab run in a second terminal)', () => {
  it('names the way out that command has: a state dir of its own, not serve\'s --data', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'ecr-lock-state-'));
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await mkdir(join(stateDir, 'local-ecr'));
      await writeFile(join(stateDir, 'local-ecr', 'lock'), String(holder.pid));
      const err = await createLocalTarget({ stateDir }).then(() => undefined, (e: Error) => e);
      expect(err?.message).toBe(`the local ECR's data in ${join(stateDir, 'local-ecr')} is in use by another ecr-lab (process ${holder.pid}); `
        + 'close that one first, or give this one a state directory of its own (ECR_LAB_STATE_DIR=<dir>)');
    } finally {
      holder.kill();
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});

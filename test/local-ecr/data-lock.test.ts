// One local ECR per data directory: a second process is refused with one line, a lock left
// by a process that is gone is taken over, and closing releases it.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLocalEcr } from '../../src/local-ecr/server.js';

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

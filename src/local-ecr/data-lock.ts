// One local ECR per data directory: `<data>/lock` names the process that holds it.
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessAlive } from '../state/process-alive.js';

/** Another running local ECR holds the data directory. */
export class DataDirInUseError extends Error {
  readonly code = 'ECRLAB_DATA_IN_USE';
  /** `busy` says who holds what; `fix` the other way out, which depends on how the dir was chosen. */
  constructor(readonly busy: string, fix = 'use another --data directory') {
    super(`${busy}; close that one first, or ${fix}`);
  }
}

/**
 * Takes `<data>/lock` for this process: two local ECRs on one data dir would each rewrite the
 * catalog, the IAM and the faults from their own memory and lose the other's changes.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = join(dataDir, 'lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => unlink(file).catch(() => undefined);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(await readFile(file, 'utf8').catch(() => ''));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isProcessAlive(pid)) {
        throw new DataDirInUseError(`the local ECR's data in ${dataDir} is in use by another ecr-lab (process ${pid})`);
      }
      // A lock left by a process that is gone.
      await unlink(file).catch(() => undefined);
    }
  }
  throw new DataDirInUseError(`could not take the lock on ${dataDir}`);
}

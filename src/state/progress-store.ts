// The learner's progress on disk: <state dir>/progress.json, atomic, corrupt files kept aside.
import { rm } from 'node:fs/promises';
import { makeDir } from './make-dir.js';
import { join } from 'node:path';
import { EMPTY_PROGRESS, type Progress, progressProblem } from '../core/progress.js';
import { asFileError } from './file-error.js';
import { loadJson, saveJson, type Loaded } from './json-file.js';
import { WriteQueue } from './write-queue.js';

/** progress.json in one state dir: loads, saves in order, resets. */
export class ProgressStore {
  private readonly queue = new WriteQueue();

  constructor(readonly dir: string) {}

  get file(): string {
    return join(this.dir, 'progress.json');
  }

  /** The saved progress; a corrupt file is moved aside (with a warning), an unreadable one throws a FileAccessError. */
  load(): Promise<Loaded<Progress>> {
    return loadJson(this.file, EMPTY_PROGRESS, progressProblem);
  }

  /**
   * Saves in order: each save waits for the one before, so the newest state wins. A save that
   * fails (a full disk) rejects alone; the next one tries again.
   */
  save(progress: Progress): Promise<void> {
    return this.queue.run(async () => {
      await makeDir(this.dir).catch((err: unknown) => { throw asFileError(err) ?? err; });
      await saveJson(this.file, progress);
    });
  }

  /** Removes progress.json; true when there was one. Waits for saves already asked for. */
  async reset(): Promise<boolean> {
    return this.queue.run(async () => {
      try {
        await rm(this.file);
        return true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
        // rm's own EISDIR error names no syscall: say it in the same words as every other.
        throw asFileError(err, this.file, 'remove') ?? err;
      }
    });
  }
}

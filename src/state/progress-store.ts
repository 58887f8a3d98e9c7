// The learner's progress on disk: <state dir>/progress.json, atomic, corrupt files kept aside.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { EMPTY_PROGRESS, type Progress, progressProblem } from '../core/progress.js';
import { loadJson, saveJson, type Loaded } from './json-file.js';

export class ProgressStore {
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly dir: string) {}

  get file(): string {
    return join(this.dir, 'progress.json');
  }

  load(): Promise<Loaded<Progress>> {
    return loadJson(this.file, EMPTY_PROGRESS, progressProblem);
  }

  /** Saves in order: each save waits for the one before, so the newest state wins. */
  save(progress: Progress): Promise<void> {
    this.queue = this.queue.then(async () => {
      await mkdir(this.dir, { recursive: true });
      await saveJson(this.file, progress);
    });
    return this.queue;
  }

  async reset(): Promise<void> {
    await rm(this.file, { force: true });
  }
}

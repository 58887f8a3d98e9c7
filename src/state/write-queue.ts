// One write at a time for a store's file: each job starts when the one before has settled, and
// a failed job fails only its own caller, never the jobs queued after it.

/** Runs async jobs strictly one after another. */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `job` after every job queued before it, whether those succeeded or failed. */
  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job);
    // The queue itself never rejects: a full disk once must not fail every later save.
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when every job queued so far has settled. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}

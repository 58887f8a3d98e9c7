// Writes the metadata file atomically and coalesces bursts: while one write runs, every save
// asked for shares the single next write, which snapshots the state when it starts.
import writeFileAtomic from 'write-file-atomic';

export class Persister {
  private running: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;

  constructor(private readonly file: string, private readonly snapshot: () => unknown) {}

  /** Resolves once a write that includes every change made before this call is on disk. */
  save(): Promise<void> {
    if (this.queued) return this.queued;
    const next = this.running.then(() => {
      this.queued = undefined;
      return writeFileAtomic(this.file, JSON.stringify(this.snapshot()), { mode: 0o600 });
    });
    this.queued = next;
    this.running = next.catch(() => undefined);
    return next;
  }

  /** Resolves when every write asked for so far has finished (failed writes included). */
  idle(): Promise<void> {
    return (this.queued ?? this.running).catch(() => undefined);
  }
}

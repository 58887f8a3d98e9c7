// Atomic JSON files. GroupCommit (the local ECR's catalog): changes queue as functions, each
// batch is applied to a copy of the committed state, written atomically, and only then becomes
// what readers see; a failed write (a full disk) fails its batch and changes nothing. Persister
// (faults, IAM, replication): snapshots live state, coalescing bursts.
//
// Two strengths. writeFileDurably (progress, drill scores, the ledger, exports, the built-in
// engine's logins, the private signing key) flushes the file and its directory, so it survives
// a crash of the machine too. writeFileAtomic (sandboxes and records: the local ECR's own store
// and its clock's moves, the built-in engine's image index, the step journal; and what is
// derived or cheap to lose: the public key, the remembered port) writes every byte to a temp
// file and renames it, without fsync: a killed process (even kill -9) leaves the old file or the
// whole new one, since the page cache is the kernel's; only a crash of the machine could lose
// the last writes, and the local ECR can be rebuilt by running the steps again.
import { randomInt } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StoreWriteError } from './errors.js';

/** Fsyncs a directory, so that a rename in it survives a crash of the machine, not only of serve. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try { await handle.sync(); } finally { await handle.close(); }
}

/**
 * Writes `text` to `file` atomically: a temp file beside it (`<file>.<n>`), every byte written
 * (a full disk fails here instead of leaving a short file, which write-file-atomic's single
 * write() did), renamed over `file`. Survives a kill of the process at any moment, not a crash
 * of the machine (nothing is flushed): for the sandboxes and records listed above.
 */
export function writeFileAtomic(file: string, text: string, mode = 0o600): Promise<void> {
  return writeAtomically(file, text, mode, false);
}

/** As writeFileAtomic, and the file flushed before the rename and the rename flushed: survives a crash of the machine. */
export function writeFileDurably(file: string, text: string, mode = 0o600): Promise<void> {
  return writeAtomically(file, text, mode, true);
}

async function writeAtomically(file: string, text: string, mode: number, isDurable: boolean): Promise<void> {
  const temp = `${file}.${randomInt(2 ** 32)}`;
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(text);
      if (isDurable) await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    if (isDurable) await syncDirectory(dirname(file));
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw new StoreWriteError(file, err as NodeJS.ErrnoException);
  }
}

/**
 * Writes a snapshot of live state and coalesces bursts: while one write runs, every save asked
 * for shares the single next write, which snapshots the state when it starts.
 */
export class Persister {
  private running: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;

  constructor(private readonly file: string, private readonly snapshot: () => unknown) {}

  /** Resolves once a write that includes every change made before this call is in the file (atomically, not flushed). */
  save(): Promise<void> {
    if (this.queued) return this.queued;
    const next = this.running.then(() => {
      this.queued = undefined;
      return writeFileAtomic(this.file, JSON.stringify(this.snapshot()));
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

/** What a group commit needs of the state it keeps. */
export interface Committable<S> {
  /** A copy that changes may be applied to without touching the original. */
  clone(): S;
  /** True once a change was applied to this copy. */
  readonly isDirty: boolean;
}

interface Pending<S> {
  readonly change: (state: S) => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: unknown) => void;
}

export class GroupCommit<S extends Committable<S>> {
  private pending: Pending<S>[] = [];
  private running: Promise<void> | undefined;

  constructor(private state: S, private readonly write: (state: S) => Promise<void>) {}

  /** The state as last committed (what every read sees). */
  get committed(): S {
    return this.state;
  }

  /**
   * Runs `change` on the next batch and resolves with its result once that batch is written.
   * `change` checks and acts in one step (nothing else runs in between); it must check before
   * it changes anything, since a throw refuses this change only and keeps the rest of the batch.
   */
  apply<T>(change: (state: S) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ change, resolve: resolve as (value: unknown) => void, reject });
      // Started a tick later, so the changes asked for in this tick share one write.
      this.running ??= Promise.resolve().then(() => this.drain());
    });
  }

  /** Resolves when every change asked for so far is committed or failed. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      const next = this.state.clone();
      const done: { readonly item: Pending<S>; readonly value: unknown }[] = [];
      for (const item of batch) {
        try {
          done.push({ item, value: item.change(next) });
        } catch (err) {
          item.reject(err);
        }
      }
      try {
        if (next.isDirty) await this.write(next);
      } catch (err) {
        for (const { item } of done) item.reject(err);
        continue;
      }
      this.state = next;
      for (const { item, value } of done) item.resolve(value);
    }
    this.running = undefined;
  }
}

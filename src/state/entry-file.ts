// A versioned JSON file of entries (the ledger, the step journal): each change re-reads the
// file, applies the change and writes it atomically, one change at a time, so a kill at any
// moment leaves the old file or the new one, and a corrupt file is moved aside with a warning.
import { makeDir } from './make-dir.js';
import { dirname } from 'node:path';
import { asFileError } from './file-error.js';
import { loadJson, saveJson } from './json-file.js';
import { WriteQueue } from './write-queue.js';

interface EntriesFile<E> {
  readonly version: 1;
  readonly entries: readonly E[];
}

/** Checks one parsed entry; returns why it is malformed, or undefined. */
export type EntryProblem = (entry: unknown, index: number) => string | undefined;

export class EntryFile<E> {
  private readonly queue = new WriteQueue();
  private readonly warnings: string[] = [];

  /**
   * `what` names the file in the message of a malformed one ("a ledger"); `isDurable` false
   * writes it without flushing to disk (it still survives a kill: see saveJson).
   */
  constructor(
    readonly file: string, private readonly what: string, private readonly entryProblem: EntryProblem, private readonly isDurable = true,
  ) {}

  /** Warnings (a corrupt file moved aside) not yet shown; reading them clears them. */
  takeWarnings(): string[] {
    return this.warnings.splice(0);
  }

  /** Every entry, oldest first, read from disk. */
  entries(): Promise<readonly E[]> {
    return this.queue.run(async () => this.read());
  }

  /** Applies `fn` to the entries on disk and writes the result (nothing when it returns them unchanged). */
  change(fn: (entries: readonly E[]) => readonly E[]): Promise<void> {
    return this.queue.run(async () => {
      const current = await this.read();
      const next = fn(current);
      if (next === current) return;
      await makeDir(dirname(this.file)).catch((err: unknown) => { throw asFileError(err) ?? err; });
      await saveJson(this.file, { version: 1, entries: next } satisfies EntriesFile<E>, 0o600, this.isDurable);
    });
  }

  private async read(): Promise<readonly E[]> {
    const loaded = await loadJson<EntriesFile<E>>(this.file, { version: 1, entries: [] }, (data) => this.problem(data));
    if (loaded.warning) this.warnings.push(loaded.warning);
    return loaded.value.entries;
  }

  private problem(data: unknown): string | undefined {
    const d = data as Partial<EntriesFile<unknown>> | null;
    if (!d || typeof d !== 'object' || d.version !== 1 || !Array.isArray(d.entries)) return `not ${this.what} (version 1 with entries)`;
    for (const [index, entry] of d.entries.entries()) {
      const why = this.entryProblem(entry, index);
      if (why) return why;
    }
    return undefined;
  }
}

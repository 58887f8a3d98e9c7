// The live resource ledger: every resource ecr-lab creates, recorded atomically in
// <state dir>/ledger.json, so that cleanup deletes exactly those and nothing else.
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { loadJson, saveJson } from './json-file.js';

/** One resource ecr-lab created. */
export interface LedgerEntry {
  readonly kind: 'repository';
  readonly name: string;
  readonly region: string;
  readonly account: string;
  /** Which target it was created on. */
  readonly target: 'local' | 'live';
  /** ISO-8601 time of creation. */
  readonly createdAt: string;
}

interface LedgerFile {
  readonly version: 1;
  readonly entries: readonly LedgerEntry[];
}

const EMPTY: LedgerFile = { version: 1, entries: [] };

function problem(data: unknown): string | undefined {
  const d = data as Partial<LedgerFile> | null;
  if (!d || typeof d !== 'object' || d.version !== 1 || !Array.isArray(d.entries)) return 'not a ledger (version 1 with entries)';
  const bad = d.entries.find((e: Partial<LedgerEntry>) =>
    e?.kind !== 'repository' || typeof e.name !== 'string' || typeof e.region !== 'string'
    || typeof e.account !== 'string' || (e.target !== 'local' && e.target !== 'live'));
  return bad ? `entry ${JSON.stringify(bad)} is malformed` : undefined;
}

/** Same resource: kind, name, region, account and target. */
export function sameResource(a: LedgerEntry, b: Omit<LedgerEntry, 'createdAt'>): boolean {
  return a.kind === b.kind && a.name === b.name && a.region === b.region && a.account === b.account && a.target === b.target;
}

/**
 * The ledger file. Each change re-reads the file, applies the change and writes it atomically,
 * one change at a time, so a kill at any moment leaves the old ledger or the new one.
 */
export class Ledger {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly warnings: string[] = [];

  constructor(readonly file: string) {}

  /** The ledger in `dir` (the state dir). */
  static in(dir: string): Ledger {
    return new Ledger(join(dir, 'ledger.json'));
  }

  /** Warnings (a corrupt file moved aside) not yet shown; reading them clears them. */
  takeWarnings(): string[] {
    return this.warnings.splice(0);
  }

  /** All entries, read from disk. */
  async entries(): Promise<readonly LedgerEntry[]> {
    return this.serial(async () => (await this.read()).entries);
  }

  /** The entries created on one target: its kind, account and region. */
  async entriesOn(target: { readonly kind: 'local' | 'live'; readonly account: string; readonly region: string }): Promise<readonly LedgerEntry[]> {
    return (await this.entries()).filter((e) => e.target === target.kind && e.account === target.account && e.region === target.region);
  }

  /** Records a created resource (once: recording the same resource again keeps the first). */
  async record(entry: LedgerEntry): Promise<void> {
    await this.change((entries) => entries.some((e) => sameResource(e, entry)) ? entries : [...entries, entry]);
  }

  /** Removes a resource after it was deleted. */
  async remove(entry: Omit<LedgerEntry, 'createdAt'>): Promise<void> {
    await this.change((entries) => entries.filter((e) => !sameResource(e, entry)));
  }

  private async change(fn: (entries: readonly LedgerEntry[]) => readonly LedgerEntry[]): Promise<void> {
    await this.serial(async () => {
      const current = await this.read();
      const next = fn(current.entries);
      if (next === current.entries) return;
      await mkdir(join(this.file, '..'), { recursive: true });
      await saveJson(this.file, { version: 1, entries: next } satisfies LedgerFile);
    });
  }

  private async read(): Promise<LedgerFile> {
    const loaded = await loadJson<LedgerFile>(this.file, EMPTY, problem);
    if (loaded.warning) this.warnings.push(loaded.warning);
    return loaded.value;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

// The live resource ledger: every resource ecr-lab creates, recorded atomically in
// <state dir>/ledger.json, so that cleanup deletes exactly those and nothing else.
import { join } from 'node:path';
import { EntryFile } from './entry-file.js';

/** The kinds of resource ecr-lab creates: a repository, or a pull through cache rule (named by its prefix). */
export type LedgerKind = 'repository' | 'pull-through-cache-rule';

const KINDS: readonly string[] = ['repository', 'pull-through-cache-rule'] satisfies LedgerKind[];

/** One resource ecr-lab created. */
export interface LedgerEntry {
  readonly kind: LedgerKind;
  /** A repository's name, or a rule's repository prefix. */
  readonly name: string;
  readonly region: string;
  readonly account: string;
  /** Which target it was created on. */
  readonly target: 'local' | 'live';
  /** ISO-8601 time of creation. */
  readonly createdAt: string;
}

function problem(data: unknown): string | undefined {
  const e = data as Partial<LedgerEntry> | null;
  const isBad = !e || !KINDS.includes(String(e.kind)) || typeof e.name !== 'string' || typeof e.region !== 'string'
    || typeof e.account !== 'string' || (e.target !== 'local' && e.target !== 'live');
  return isBad ? `entry ${JSON.stringify(e)} is malformed` : undefined;
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
  private readonly store: EntryFile<LedgerEntry>;

  constructor(readonly file: string) {
    this.store = new EntryFile(file, 'a ledger', problem);
  }

  /** The ledger in `dir` (the state dir). */
  static in(dir: string): Ledger {
    return new Ledger(join(dir, 'ledger.json'));
  }

  /** Warnings (a corrupt file moved aside) not yet shown; reading them clears them. */
  takeWarnings(): string[] {
    return this.store.takeWarnings();
  }

  /** All entries, read from disk. */
  entries(): Promise<readonly LedgerEntry[]> {
    return this.store.entries();
  }

  /** The entries created on one target: its kind, account and region. */
  async entriesOn(target: { readonly kind: 'local' | 'live'; readonly account: string; readonly region: string }): Promise<readonly LedgerEntry[]> {
    return (await this.entries()).filter((e) => e.target === target.kind && e.account === target.account && e.region === target.region);
  }

  /**
   * Records a created resource (once: recording the same resource again keeps the first).
   * True when this call added it, false when the ledger held it already.
   */
  async record(entry: LedgerEntry): Promise<boolean> {
    let isAdded = false;
    await this.store.change((entries) => {
      isAdded = !entries.some((e) => sameResource(e, entry));
      return isAdded ? [...entries, entry] : entries;
    });
    return isAdded;
  }

  /** Removes a resource after it was deleted. */
  async remove(entry: Omit<LedgerEntry, 'createdAt'>): Promise<void> {
    await this.store.change((entries) => entries.filter((e) => !sameResource(e, entry)));
  }
}

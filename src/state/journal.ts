// The step journal: every step outcome the learner ran (TUI, `ecr-lab run`, drills, presenter),
// kept in <state dir>/journal.json for the lab report. Masked on the way in, capped, atomic.
import { join } from 'node:path';
import type { StepOutcome } from '../workflow/types.js';
import { EntryFile } from './entry-file.js';
import { maskDeep } from './mask-secrets.js';

/** One step as it ran; every string already masked. */
export interface JournalEntry {
  /** ISO-8601 time the outcome was recorded. */
  readonly at: string;
  readonly stepId: string;
  readonly target: 'local' | 'live';
  readonly status: StepOutcome['status'];
  readonly commands: readonly string[];
  readonly verified: readonly { readonly label: string; readonly value: string }[];
  readonly error?: {
    readonly code: string;
    readonly message: string;
    /** The error catalogue's id, e.g. `repository-not-found`. */
    readonly explanationId?: string;
    readonly cause?: string;
    readonly fix?: string;
  };
  readonly durationMs: number;
}

/** How many entries are kept: the newest. */
export const JOURNAL_LIMIT = 500;

const STATUSES = new Set(['succeeded', 'failed', 'cancelled']);

function problem(data: unknown, index: number): string | undefined {
  const e = data as Partial<JournalEntry> | null;
  const isBad = typeof e?.at !== 'string' || typeof e.stepId !== 'string' || (e.target !== 'local' && e.target !== 'live')
    || !STATUSES.has(e.status as string) || !Array.isArray(e.commands) || !Array.isArray(e.verified);
  return isBad ? `entry ${index + 1} is malformed` : undefined;
}

/** The journal entry for an outcome: only what the report needs, every string masked. */
export function toEntry(outcome: StepOutcome, target: 'local' | 'live', at: Date = new Date()): JournalEntry {
  const e = outcome.error;
  const entry: JournalEntry = {
    at: at.toISOString(), stepId: outcome.stepId, target, status: outcome.status,
    commands: [...outcome.commands],
    verified: outcome.verified.map((v) => ({ label: v.label, value: v.value })),
    durationMs: outcome.durationMs,
    ...(e ? {
      error: {
        code: e.code, message: e.message,
        ...(e.explanation?.id ? { explanationId: e.explanation.id } : {}),
        ...(e.explanation ? { cause: e.explanation.cause, fix: e.explanation.fix } : {}),
      },
    } : {}),
  };
  return maskDeep(entry);
}

/**
 * The journal file. Writes go through one queue: each re-reads the file, appends, keeps the
 * newest JOURNAL_LIMIT and writes atomically. Recording never throws: a step must not fail
 * because its journal could not be written; the reason waits in takeWarnings().
 */
const OPEN = new Map<string, Journal>();

export class Journal {
  private readonly store: EntryFile<JournalEntry>;
  private readonly failures: string[] = [];

  constructor(readonly file: string, private readonly limit = JOURNAL_LIMIT) {
    // A record for the lab report, not one of the files that must outlive a crash of the machine
    // (progress, scores, the ledger): atomic, so a kill leaves it whole, but not flushed, which
    // made each step of `run all` wait for two fsyncs.
    this.store = new EntryFile(file, 'a journal', problem, false);
  }

  /**
   * The journal in `dir` (the state dir): one instance per file in this process, so that two
   * targets (a presenter's live one and its local fallback) queue their writes together.
   */
  static in(dir: string): Journal {
    const file = join(dir, 'journal.json');
    let journal = OPEN.get(file);
    if (!journal) {
      journal = new Journal(file);
      OPEN.set(file, journal);
    }
    return journal;
  }

  /** Warnings (a corrupt file moved aside, a failed write) not yet shown; reading clears them. */
  takeWarnings(): string[] {
    return [...this.store.takeWarnings(), ...this.failures.splice(0)];
  }

  /** Every entry, oldest first. */
  entries(): Promise<readonly JournalEntry[]> {
    return this.store.entries();
  }

  /** Appends the outcome of one step run on `target`. */
  async record(outcome: StepOutcome, target: 'local' | 'live', at?: Date): Promise<void> {
    const entry = toEntry(outcome, target, at);
    await this.store.change((entries) => [...entries, entry].slice(-this.limit)).catch((err: Error) => {
      this.failures.push(`warning: could not write the step journal ${this.file} (${err.message}); the step itself is unaffected`);
    });
  }
}

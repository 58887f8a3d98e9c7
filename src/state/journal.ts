// The step journal: every step outcome the learner ran (TUI, `ecr-lab run`, drills, presenter),
// kept in <state dir>/journal.json for the lab report. Masked on the way in, capped, atomic.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { StepOutcome } from '../workflow/types.js';
import { loadJson, saveJson } from './json-file.js';
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

interface JournalFile {
  readonly version: 1;
  readonly entries: readonly JournalEntry[];
}

/** How many entries are kept: the newest. */
export const JOURNAL_LIMIT = 500;

const EMPTY: JournalFile = { version: 1, entries: [] };
const STATUSES = new Set(['succeeded', 'failed', 'cancelled']);

function problem(data: unknown): string | undefined {
  const d = data as Partial<JournalFile> | null;
  if (!d || typeof d !== 'object' || d.version !== 1 || !Array.isArray(d.entries)) return 'not a journal (version 1 with entries)';
  const bad = d.entries.findIndex((e: Partial<JournalEntry>) =>
    typeof e?.at !== 'string' || typeof e.stepId !== 'string' || (e.target !== 'local' && e.target !== 'live')
    || !STATUSES.has(e.status as string) || !Array.isArray(e.commands) || !Array.isArray(e.verified));
  return bad >= 0 ? `entry ${bad + 1} is malformed` : undefined;
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
export class Journal {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly warnings: string[] = [];

  constructor(readonly file: string, private readonly limit = JOURNAL_LIMIT) {}

  /** The journal in `dir` (the state dir). */
  static in(dir: string): Journal {
    return new Journal(join(dir, 'journal.json'));
  }

  /** Warnings (a corrupt file moved aside, a failed write) not yet shown; reading clears them. */
  takeWarnings(): string[] {
    return this.warnings.splice(0);
  }

  /** Every entry, oldest first. */
  async entries(): Promise<readonly JournalEntry[]> {
    return this.serial(async () => (await this.read()).entries);
  }

  /** Appends the outcome of one step run on `target`. */
  async record(outcome: StepOutcome, target: 'local' | 'live', at?: Date): Promise<void> {
    const entry = toEntry(outcome, target, at);
    await this.serial(async () => {
      const current = await this.read();
      await mkdir(join(this.file, '..'), { recursive: true });
      await saveJson(this.file, { version: 1, entries: [...current.entries, entry].slice(-this.limit) } satisfies JournalFile);
    }).catch((err: Error) => {
      this.warnings.push(`warning: could not write the step journal ${this.file} (${err.message}); the step itself is unaffected`);
    });
  }

  private async read(): Promise<JournalFile> {
    const loaded = await loadJson<JournalFile>(this.file, EMPTY, problem);
    if (loaded.warning) this.warnings.push(loaded.warning);
    return loaded.value;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

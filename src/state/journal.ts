// The step journal: every step outcome the learner ran (TUI, `ecr-lab run`, drills, presenter),
// kept in <state dir>/journal.jsonl for the lab report. Masked on the way in, capped, one line an
// entry: recording appends a line. It was one JSON document re-read and rewritten whole for every
// step; at its cap (500 entries, ~370 KB) that added ~80 ms to `run all` (Node 24, 6 alternating runs).
import { appendFile, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ParamValue } from '../core/steps.js';
import type { StepOutcome } from '../workflow/types.js';
import { asFileError } from './file-error.js';
import { loadJson } from './json-file.js';
import { makeDir } from './make-dir.js';
import { maskDeep } from './mask-secrets.js';
import { WriteQueue } from './write-queue.js';

/** One step as it ran; every string already masked. */
export interface JournalEntry {
  /** ISO-8601 time the outcome was recorded. */
  readonly at: string;
  readonly stepId: string;
  readonly target: 'local' | 'live';
  /** The parameters it ran with, defaults filled in (absent in entries older than them, or when they did not resolve). */
  readonly params?: Readonly<Record<string, ParamValue>>;
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
    || !STATUSES.has(e.status as string) || !Array.isArray(e.commands) || !Array.isArray(e.verified)
    || (e.params !== undefined && (typeof e.params !== 'object' || e.params === null || Array.isArray(e.params)));
  return isBad ? `entry ${index + 1} is malformed` : undefined;
}

/** When an outcome was recorded (default: now), and the parameters the step ran with. */
export interface RecordDetails {
  readonly at?: Date;
  readonly params?: Readonly<Record<string, ParamValue>>;
}

/** The journal entry for an outcome: only what the report needs, every string masked. */
export function toEntry(outcome: StepOutcome, target: 'local' | 'live', details: RecordDetails = {}): JournalEntry {
  const e = outcome.error;
  const entry: JournalEntry = {
    at: (details.at ?? new Date()).toISOString(), stepId: outcome.stepId, target,
    ...(details.params ? { params: { ...details.params } } : {}),
    status: outcome.status,
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

/** The journal's file before it was one line an entry: read when there is no journal.jsonl, then replaced by it. */
const LEGACY_NAME = 'journal.json';

interface Read {
  readonly entries: readonly JournalEntry[];
  /** Why a line was left out (the first such line), when one was. */
  readonly bad?: string;
  /** The entries came from journal.json: there is no journal.jsonl yet. */
  readonly isLegacy: boolean;
}

/**
 * The journal file. Records and reads go through one queue. Recording appends a line (no fsync:
 * a record for the lab report, not one of the files that must outlive a crash of the machine);
 * once the file holds a tenth more than `limit` entries it is rewritten atomically with the
 * newest `limit`, and reads return at most the newest `limit`. A line that does not parse (a
 * crash of the machine mid-append) moves the file aside with a warning, the good entries kept.
 * Recording never throws: a step must not fail because its journal could not be written; the
 * reason waits in takeWarnings().
 */
const OPEN = new Map<string, Journal>();

export class Journal {
  private readonly queue = new WriteQueue();
  private readonly failures: string[] = [];
  /** Lines in the file as this process last knew them; undefined until it has read the file. */
  private lines: number | undefined;

  constructor(readonly file: string, private readonly limit = JOURNAL_LIMIT) {}

  /**
   * The journal in `dir` (the state dir): one instance per file in this process, so that two
   * targets (a presenter's live one and its local fallback) queue their writes together.
   */
  static in(dir: string): Journal {
    const file = join(dir, 'journal.jsonl');
    let journal = OPEN.get(file);
    if (!journal) {
      journal = new Journal(file);
      OPEN.set(file, journal);
    }
    return journal;
  }

  /** Warnings (a corrupt file moved aside, a failed write) not yet shown; reading clears them. */
  takeWarnings(): string[] {
    return this.failures.splice(0);
  }

  /** Every entry kept, oldest first. Reading changes no file: a bad line is left out, with a warning. */
  entries(): Promise<readonly JournalEntry[]> {
    return this.queue.run(async () => {
      const read = await this.read();
      if (read.bad) this.failures.push(`warning: ${this.file} has a line that does not read (${read.bad}); it is left out`);
      return read.entries.slice(-this.limit);
    });
  }

  /** Appends the outcome of one step run on `target`. */
  async record(outcome: StepOutcome, target: 'local' | 'live', details: RecordDetails = {}): Promise<void> {
    const line = `${JSON.stringify(toEntry(outcome, target, details))}\n`;
    await this.queue.run(async () => {
      this.lines ??= await this.prepare();
      await makeDir(dirname(this.file)).catch((err: unknown) => { throw asFileError(err) ?? err; });
      await appendFile(this.file, line, { mode: 0o600 });
      this.lines += 1;
      // Another process may append meanwhile: its line is then read, and counted, at the rewrite.
      if (this.lines > this.limit + Math.ceil(this.limit / 10)) await this.rewrite((await this.read()).entries.slice(-this.limit));
    }).catch((err: unknown) => {
      const why = asFileError(err, this.file, 'write')?.message ?? (err as Error).message;
      this.failures.push(`warning: could not write the step journal ${this.file} (${why}); the step itself is unaffected`);
    });
  }

  /**
   * Before this process first appends: journal.json (earlier versions' file) becomes journal.jsonl,
   * and a file with a bad line is moved aside and rewritten with the lines that read. Returns the
   * number of lines in the file.
   */
  private async prepare(): Promise<number> {
    const read = await this.read();
    if (read.isLegacy) {
      if (read.entries.length > 0) await this.rewrite(read.entries);
      await unlink(join(dirname(this.file), LEGACY_NAME)).catch(() => undefined);
    } else if (read.bad) {
      const aside = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await rename(this.file, aside).catch((err: unknown) => { throw asFileError(err, this.file, 'move') ?? err; });
      await this.rewrite(read.entries);
      this.failures.push(`warning: ${this.file} had a line that did not read (${read.bad}); kept it as ${aside} and went on with the ${read.entries.length} entries that read`);
    }
    return read.entries.length;
  }

  private async read(): Promise<Read> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw asFileError(err, this.file, 'read') ?? err;
      return this.readLegacy();
    }
    const entries: JournalEntry[] = [];
    let bad: string | undefined;
    for (const [index, line] of text.split('\n').filter((l) => l !== '').entries()) {
      let data: unknown;
      try { data = JSON.parse(line); } catch { data = undefined; }
      const why = data === undefined ? `line ${index + 1} is not JSON` : problem(data, index)?.replace('entry', 'line');
      if (why) bad ??= why;
      else entries.push(data as JournalEntry);
    }
    return { entries, isLegacy: false, ...(bad ? { bad } : {}) };
  }

  /** The entries of journal.json, which earlier versions kept; a corrupt one is moved aside, as they did. */
  private async readLegacy(): Promise<Read> {
    const loaded = await loadJson<{ version: 1; entries: readonly JournalEntry[] }>(
      join(dirname(this.file), LEGACY_NAME), { version: 1, entries: [] }, legacyProblem);
    if (loaded.warning) this.failures.push(loaded.warning);
    return { entries: loaded.value.entries, isLegacy: true };
  }

  private async rewrite(entries: readonly JournalEntry[]): Promise<void> {
    // Loaded at first use, as saveJson does: reading the journal should not pay for the store's writers.
    const { writeFileAtomic } = await import('../local-ecr/store/persister.js');
    await makeDir(dirname(this.file)).catch((err: unknown) => { throw asFileError(err) ?? err; });
    await writeFileAtomic(this.file, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
    this.lines = entries.length;
  }
}

function legacyProblem(data: unknown): string | undefined {
  const d = data as { version?: unknown; entries?: unknown } | null;
  if (!d || typeof d !== 'object' || d.version !== 1 || !Array.isArray(d.entries)) return 'not a journal (version 1 with entries)';
  for (const [index, entry] of (d.entries as unknown[]).entries()) {
    const why = problem(entry, index);
    if (why) return why;
  }
  return undefined;
}

// The learner's lab report as data: lessons and quiz scores from progress, drills and their
// scores, the steps run (from the journal) with what they created, the faults met and how they
// were fixed, and the ledger. Built from what is on disk; every string masked once more.
import type { Drill } from '../core/drill.js';
import { quizzesOf, type Lesson } from '../core/lesson.js';
import { isLessonDone, lessonProgress, type DrillResult, type Progress } from '../core/progress.js';
import type { JournalEntry } from '../state/journal.js';
import type { LedgerEntry } from '../state/ledger.js';
import { maskDeep } from '../state/mask-secrets.js';

export interface LessonLine {
  readonly id: string;
  readonly title: string;
  readonly pagesSeen: number;
  readonly pages: number;
  readonly isDone: boolean;
  readonly quiz: { readonly right: number; readonly answered: number; readonly total: number };
}

export interface DrillLine {
  readonly id: string;
  readonly title: string;
  readonly best: number;
  readonly runs: number;
  readonly last?: DrillResult;
}

/**
 * A failure met, and the later success of the same step on the same target and repository, if
 * any; else a later success of that step on another repository, which fixed nothing of this one.
 */
export interface FaultMet {
  readonly entry: JournalEntry;
  readonly fixedBy?: JournalEntry;
  readonly succeededElsewhere?: JournalEntry;
}

/** What the steps pushed and verified: repository URIs, image references with tags, digests. */
export interface Resources {
  readonly repositories: readonly string[];
  readonly images: readonly string[];
  readonly digests: readonly { readonly label: string; readonly value: string }[];
}

export interface LabReport {
  readonly generatedAt: string;
  readonly lessons: readonly LessonLine[];
  readonly drills: readonly DrillLine[];
  readonly steps: readonly JournalEntry[];
  readonly resources: Resources;
  readonly faults: readonly FaultMet[];
  readonly ledger: readonly LedgerEntry[];
}

/** Everything the report is made from, as read from the state dir and the course. */
export interface ReportInput {
  readonly lessons: readonly Lesson[];
  readonly progress: Progress;
  readonly drills: readonly Drill[];
  readonly journal: readonly JournalEntry[];
  readonly ledger: readonly LedgerEntry[];
  readonly now?: Date;
}

function lessonLine(lesson: Lesson, progress: Progress): LessonLine {
  const p = lessonProgress(progress, lesson.id);
  const quizzes = quizzesOf(lesson);
  const answered = quizzes.filter((q) => q.id in p.answers);
  return {
    id: lesson.id, title: lesson.title, isDone: isLessonDone(progress, lesson),
    pagesSeen: p.pagesSeen.filter((i) => i < lesson.pages.length).length, pages: lesson.pages.length,
    quiz: { right: answered.filter((q) => p.answers[q.id] === q.answer).length, answered: answered.length, total: quizzes.length },
  };
}

function drillLines(progress: Progress, drills: readonly Drill[]): DrillLine[] {
  return Object.entries(progress.drills ?? {}).map(([id, record]) => ({
    id, title: drills.find((d) => d.id === id)?.title ?? `${id} (no longer in drills/)`,
    best: record.best, runs: record.runs.length, ...(record.runs.length > 0 ? { last: record.runs[record.runs.length - 1] } : {}),
  }));
}

// An image reference on ECR or the local ECR: host/repository[:tag][@digest].
const IMAGE_REF = /\b((?:\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?|127\.0\.0\.1:\d+|localhost:\d+)\/[a-z0-9][a-z0-9._/-]*)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[0-9a-f]{64}))?/g;
const DIGEST = /sha256:[0-9a-f]{64}/;

function resources(steps: readonly JournalEntry[]): Resources {
  const repositories = new Set<string>();
  const images = new Set<string>();
  const digests = new Map<string, { label: string; value: string }>();
  for (const step of steps.filter((s) => s.status === 'succeeded')) {
    for (const v of step.verified) {
      if (v.label === 'repositoryUri' && v.value !== '-') repositories.add(v.value);
      const digest = DIGEST.exec(v.value)?.[0];
      if (digest) digests.set(`${v.label} ${digest}`, { label: `${step.stepId}: ${v.label}`, value: digest });
    }
    for (const command of step.commands) {
      for (const m of command.matchAll(IMAGE_REF)) {
        repositories.add(m[1]!);
        if (m[2]) images.add(`${m[1]}:${m[2]}`);
      }
    }
  }
  return { repositories: [...repositories].sort(), images: [...images].sort(), digests: [...digests.values()] };
}

/** The repository a step acted on; undefined for entries that kept no parameters, or steps without one. */
export function repositoryOf(entry: JournalEntry): string | undefined {
  const repository = entry.params?.repository;
  return typeof repository === 'string' ? repository : undefined;
}

// Entries from before the journal kept parameters cannot tell their repository: any one matches.
const sameRepository = (a: JournalEntry, b: JournalEntry): boolean => !a.params || !b.params || repositoryOf(a) === repositoryOf(b);

function faultsMet(steps: readonly JournalEntry[]): FaultMet[] {
  return steps.flatMap((entry, i): FaultMet[] => {
    if (entry.status !== 'failed') return [];
    const later = steps.slice(i + 1).filter((s) => s.stepId === entry.stepId && s.target === entry.target && s.status === 'succeeded');
    const fixedBy = later.find((s) => sameRepository(s, entry));
    if (fixedBy) return [{ entry, fixedBy }];
    return [later[0] ? { entry, succeededElsewhere: later[0] } : { entry }];
  });
}

/**
 * Repositories the ledger no longer holds after a cleanup ran are marked as deleted, so the
 * report never says a learner still has what cleanup removed.
 */
function withDeleted(found: Resources, steps: readonly JournalEntry[], ledger: readonly LedgerEntry[]): Resources {
  if (!steps.some((s) => s.stepId === 'cleanup' && s.status === 'succeeded')) return found;
  const kept = new Set(ledger.map((e) => e.name));
  const name = (uri: string): string => uri.slice(uri.indexOf('/') + 1);
  const mark = (ref: string, repo: string): string => (kept.has(name(repo)) ? ref : `${ref} (deleted since, by cleanup)`);
  return {
    ...found,
    repositories: found.repositories.map((r) => mark(r, r)),
    images: found.images.map((i) => mark(i, i.replace(/:[^:/]+$/, ''))),
  };
}

/** The lab report from what is on disk; every string in it masked. */
export function buildReport(input: ReportInput): LabReport {
  const steps = maskDeep(input.journal);
  return maskDeep({
    generatedAt: (input.now ?? new Date()).toISOString(),
    lessons: input.lessons.map((l) => lessonLine(l, input.progress)),
    drills: drillLines(input.progress, input.drills),
    steps,
    resources: withDeleted(resources(steps), steps, input.ledger),
    faults: faultsMet(steps),
    ledger: input.ledger,
  });
}

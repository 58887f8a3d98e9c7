// The drill model: a troubleshooting exercise read from drills/<id>.md, independent of how it
// is shown or run. A drill names the faults to switch on, the steps around them, the
// diagnosis question and hints, the fix, and the state checks that prove the fix worked.
import { findFault, type FaultCheck } from './faults.js';

/** The placeholders a drill's commands may use; ecr-lab fills them from the target. */
export const DRILL_PLACEHOLDERS = ['host', 'repo', 'tag', 'region', 'account', 'endpoint', 'image'] as const;

/** The multiple-choice question that asks what went wrong. */
export interface DrillDiagnosis {
  readonly question: string;
  readonly choices: readonly string[];
  /** Index into `choices`, from 0 (the file writes it from 1, like a quiz's answer). */
  readonly answer: number;
  readonly explanation: string;
}

/** One troubleshooting drill; lists that are optional in the file are empty here. */
export interface Drill {
  readonly id: string;
  readonly title: string;
  readonly minutes: number;
  /** The id of the lesson the drill belongs to. */
  readonly lesson: string;
  /** Fault names from FAULTS, switched on after `setup` has run (0 to 3). */
  readonly faults: readonly string[];
  /** Step ids run before the faults are switched on, so the world is ready. */
  readonly setup: readonly string[];
  /** Step ids the learner runs to see the failure. */
  readonly try: readonly string[];
  /** Shell commands the learner may run against `ecr-lab serve`, with placeholders. */
  readonly commands: readonly string[];
  readonly diagnosis: DrillDiagnosis;
  /** Three hints, from a gentle nudge to nearly the answer. */
  readonly hints: readonly [string, string, string];
  /** Step ids that fix it (empty when the fix is a command). */
  readonly fix: readonly string[];
  /** Shell commands that fix it, with placeholders. */
  readonly fixCommands: readonly string[];
  /** When given, these checks replace the faults' own. */
  readonly checks?: readonly FaultCheck[];
  /** The story, markdown. */
  readonly story: string;
  readonly file: string;
}

/** The same check written with its keys in any order gives the same key. */
function checkKey(check: FaultCheck): string {
  return JSON.stringify(check, Object.keys(check).sort());
}

/** The checks that prove the drill is fixed: its own, or its faults' (each once). */
export function drillChecks(drill: Drill): FaultCheck[] {
  if (drill.checks) return [...drill.checks];
  const seen = new Set<string>();
  const checks: FaultCheck[] = [];
  for (const name of drill.faults) {
    const check = findFault(name)?.check;
    if (!check || seen.has(checkKey(check))) continue;
    seen.add(checkKey(check));
    checks.push(check);
  }
  return checks;
}

/** Whether a setup step left the world ready: it succeeded, or found the repository already there. */
export function isSetupReady(outcome: { readonly status: string; readonly error?: { readonly code: string } }): boolean {
  return outcome.status === 'succeeded' || outcome.error?.code === 'RepositoryAlreadyExistsException';
}

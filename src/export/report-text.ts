// Sentences the HTML and markdown reports share, so both say the same thing.
import { stepDefinition } from '../core/steps.js';
import { repositoryOf, type DrillLine, type FaultMet, type LabReport } from './report.js';

/** A step's title from the catalogue, or its id when it is no longer there. */
export function stepTitle(stepId: string): string {
  return stepDefinition(stepId)?.title ?? stepId;
}

/** One line over the whole report. */
export function reportSummary(report: LabReport): string {
  const done = report.lessons.filter((l) => l.isDone).length;
  const right = report.lessons.reduce((n, l) => n + l.quiz.right, 0);
  const questions = report.lessons.reduce((n, l) => n + l.quiz.total, 0);
  const failed = report.steps.filter((s) => s.status === 'failed').length;
  return `Lessons done: ${done}/${report.lessons.length}. Quiz answers right: ${right}/${questions}. `
    + `Drills finished: ${report.drills.length}. Steps run: ${report.steps.length} (${failed} failed, ${report.faults.filter((f) => f.fixedBy).length} of those fixed later).`;
}

/** The last run of a drill in words. */
export function drillLast(d: DrillLine): string {
  if (!d.last) return '-';
  const how = d.last.isFirstTry ? 'diagnosed first try' : 'diagnosed after a wrong answer';
  return `${d.last.points} points, ${how}, ${d.last.hintsUsed} hints, ${d.last.seconds} s, ${d.last.at}`;
}

/**
 * Whether a failure was fixed: the later success of the same step on the same repository that
 * proved it; or that there was none, even if the step succeeded on another. The explanation's fix
 * is said apart from this (faultAdvice): the journal knows that the step succeeded again, not what
 * the learner changed (a policy, or a fault switched off).
 */
export function faultFix({ entry, fixedBy, succeededElsewhere: other }: FaultMet): string {
  if (fixedBy) return `the same step succeeded at ${fixedBy.at}.`;
  if (!other) return 'the step has not succeeded since.';
  return `the step has not succeeded since on ${repositoryOf(entry) ?? 'the same repository'}; `
    + `it succeeded on ${repositoryOf(other) ?? 'another repository'} at ${other.at}, which does not fix this one.`;
}

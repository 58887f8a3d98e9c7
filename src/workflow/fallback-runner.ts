// The presenter's fallback: a live step that failed for a reason outside the lesson (no network,
// throttling, the venue's proxy) can be rerun on the local ECR, started on demand and only once,
// so the demo goes on and the slide says which target ran and why.
import { VENUE_FAILURES, explainError } from '../core/error-catalogue.js';
import type { ParamValue, TargetContext } from '../core/steps.js';
import type { Target } from './targets.js';
import type { Explanation, RunOptions, StepOutcome, StepRunner } from './types.js';

/** The explanation id of a failure outside the lesson, or undefined for any other outcome. */
export function venueFailure(outcome: StepOutcome | undefined): string | undefined {
  if (!outcome || outcome.status !== 'failed') return undefined;
  const id = outcome.error?.explanation?.id ?? '';
  return VENUE_FAILURES.has(id) ? id : undefined;
}

/** What a card says after its fallback run: which target ran, and why live did not. */
export function fallbackNote(reason: string): string {
  return `ran on the local ECR: live AWS failed with ${reason}`;
}

/** A local runner that starts its target on the first run, once, and closes it when asked. */
export interface LazyRunner extends StepRunner {
  /** True once the target has been asked to start. */
  readonly isStarted: () => boolean;
  close(): Promise<void>;
}

/**
 * A runner over `open()`, called on the first run only: two runs at once share one start,
 * and a start that failed is tried again on the next run (the next key press).
 */
export function lazyRunner(open: () => Promise<Target>, before: TargetContext): LazyRunner {
  let opening: Promise<Target> | undefined;
  let target: Target | undefined;
  const start = (): Promise<Target> => {
    opening ??= open().then((t) => { target = t; return t; }, (err: unknown) => { opening = undefined; throw err; });
    return opening;
  };
  return {
    get context() { return target?.context ?? before; },
    isStarted: () => opening !== undefined || target !== undefined,
    run: async (stepId: string, params: Readonly<Record<string, ParamValue>>, options?: RunOptions) =>
      (await start()).runner.run(stepId, params, options),
    close: async () => {
      const t = target ?? await opening?.catch(() => undefined);
      await t?.close();
    },
  };
}

/** Why opening live AWS failed, as a step failure's code, message and catalogue explanation. */
export interface OpenFailure {
  readonly code: string;
  readonly message: string;
  readonly explanation?: Explanation;
}

/** The explanation id when opening live AWS failed for a reason outside the lesson. */
export function venueOpenFailure(failure: OpenFailure): string | undefined {
  const id = failure.explanation?.id ?? explainError(failure.code, failure.message)?.id ?? '';
  return VENUE_FAILURES.has(id) ? id : undefined;
}

/**
 * The runner of a live target that could not be opened: every step fails at once with the
 * reason it could not open (nothing is pretended to run), so the card offers the fallback.
 */
export function unreachableRunner(failure: OpenFailure, context: TargetContext): StepRunner {
  return {
    context,
    run: async (stepId) => ({
      stepId, status: 'failed', commands: [], output: [], durationMs: 0, verified: [],
      error: { code: failure.code, message: failure.message, explanation: failure.explanation },
    }),
  };
}

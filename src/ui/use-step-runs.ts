// Runs steps through the workflow's StepRunner and keeps what each run printed and returned,
// by card. The UI shows it; it never runs AWS or docker itself.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLatest } from './use-latest.js';
import type { ParamValue } from '../core/steps.js';
import type { ConfirmRequest, StepEvent, StepOutcome, StepRunner } from '../workflow/types.js';

/** What is known of one run of a step card. */
export interface StepRun {
  readonly status: 'running' | 'done' | 'crashed';
  /** Output lines as they streamed in (kept to the last MAX_LINES). */
  readonly lines: readonly string[];
  /** Layer id -> its latest progress, for pushes and pulls. */
  readonly layers: Readonly<Record<string, string>>;
  readonly confirm?: ConfirmRequest;
  readonly outcome?: StepOutcome;
  /** Why the runner itself failed (a bug or a broken target), when status is 'crashed'. */
  readonly crash?: string;
}

export interface StepRuns {
  readonly runs: Readonly<Record<string, StepRun>>;
  /** Starts a run of a card unless one is already running; false when there is no runner. */
  readonly start: (key: string, stepId: string, params: Readonly<Record<string, ParamValue>>) => boolean;
  /** Answers a pending confirmation; false when none is pending. */
  readonly answerConfirm: (isYes: boolean) => boolean;
}

/** Told when a run really starts and when it ends (outcome or crash), e.g. to refresh panels. */
export interface StepRunHooks {
  readonly onStart?: (key: string, stepId: string) => void;
  readonly onFinish?: (key: string) => void;
}

const MAX_LINES = 200;

function withEvent(run: StepRun, event: StepEvent): StepRun {
  if (event.type === 'output') return { ...run, lines: [...run.lines, event.line].slice(-MAX_LINES) };
  const amount = event.total ? ` ${event.current ?? 0}/${event.total}` : '';
  return { ...run, layers: { ...run.layers, [event.id]: `${event.status}${amount}` } };
}

/** Step runs by card key, with a way to start one and to answer its confirmation. */
export function useStepRuns(runner: StepRunner | undefined, hooks: StepRunHooks = {}): StepRuns {
  const [runs, setRuns] = useState<Record<string, StepRun>>({});
  // Held in a ref so that new hook functions on each render do not make a new `start`.
  const hooksRef = useLatest(hooks);
  const pending = useRef<{ key: string; resolve: (yes: boolean) => void } | undefined>(undefined);
  const running = useRef(new Set<string>());
  const aborter = useRef(new AbortController());

  useEffect(() => {
    const controller = aborter.current;
    return () => controller.abort();
  }, []);

  const update = useCallback((key: string, change: (run: StepRun) => StepRun) => {
    setRuns((all) => (all[key] ? { ...all, [key]: change(all[key]) } : all));
  }, []);

  const start = useCallback((key: string, stepId: string, params: Readonly<Record<string, ParamValue>>) => {
    if (!runner) return false;
    if (running.current.has(key)) return true;
    running.current.add(key);
    hooksRef.current.onStart?.(key, stepId);
    setRuns((all) => ({ ...all, [key]: { status: 'running', lines: [], layers: {} } }));
    const confirm = (request: ConfirmRequest): Promise<boolean> => new Promise((resolve) => {
      pending.current = { key, resolve };
      update(key, (run) => ({ ...run, confirm: request }));
    });
    runner.run(stepId, params, { onEvent: (e) => update(key, (run) => withEvent(run, e)), signal: aborter.current.signal, confirm })
      .then(
        (outcome) => update(key, (run) => ({ ...run, status: 'done', outcome, confirm: undefined })),
        (err: unknown) => update(key, (run) => ({
          ...run, status: 'crashed', confirm: undefined, crash: err instanceof Error ? err.message : String(err),
        })),
      )
      .finally(() => {
        running.current.delete(key);
        hooksRef.current.onFinish?.(key);
      });
    return true;
  }, [runner, update, hooksRef]);

  const answerConfirm = useCallback((isYes: boolean) => {
    const asked = pending.current;
    if (!asked) return false;
    pending.current = undefined;
    update(asked.key, (run) => ({ ...run, confirm: undefined }));
    asked.resolve(isYes);
    return true;
  }, [update]);

  return { runs, start, answerConfirm };
}

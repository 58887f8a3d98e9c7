// Runs the step cards of the slides: on the presenter's target, or on the local ECR when the
// presenter asks for the fallback. Tells the reducer how each run ended (a failure outside the
// lesson offers the fallback), and keeps the last step's result for the notes followers.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLatest } from '../use-latest.js';
import type { Deck } from '../../core/deck.js';
import type { PresenterAction, SlideRunRequest } from '../../core/presenter.js';
import { blockKey } from '../../core/presenter.js';
import type { SnapshotStep } from '../../core/presenter-snapshot.js';
import { wrapped } from '../../markdown/blocks.js';
import type { StyledLine } from '../../markdown/styled.js';
import { fallbackNote, venueFailure } from '../../workflow/fallback-runner.js';
import type { TargetContext } from '../../core/steps.js';
import type { StepRunner } from '../../workflow/types.js';
import { stepStatusLines } from '../step-status.js';
import { type StepRun, useStepRuns } from '../use-step-runs.js';
import { errorLine } from '../../core/error-line.js';

export interface SlideRunsInput {
  readonly deck: Deck;
  readonly runner?: StepRunner;
  /** The local ECR for the fallback (only with --live). */
  readonly localRunner?: StepRunner;
  readonly isLive: boolean;
  readonly request?: SlideRunRequest;
  readonly offer?: { readonly slide: number; readonly block: number };
  readonly dispatch: (action: PresenterAction) => void;
}

export interface SlideRuns {
  /** The status lines under a card's commands (the slide layout cuts a long output to fit). */
  readonly statusLines: (slide: number, block: number, width: number, isFocused: boolean) => StyledLine[];
  /** The target a card last ran on when it is not the presenter's (the fallback's local ECR). */
  readonly contextOf: (slide: number, block: number) => TargetContext | undefined;
  readonly lastStep?: SnapshotStep;
  readonly answerConfirm: (isYes: boolean) => boolean;
}

type Route = 'primary' | 'fallback';

/** One line of what a run came to: the verified values, or the error's code and message. */
function summary(run: StepRun): string {
  const o = run.outcome;
  if (run.status === 'crashed') return `the step could not run: ${run.crash ?? 'unknown error'}`;
  if (!o) return 'running';
  if (o.error) return errorLine(o.error);
  return o.verified.map((v) => `${v.label}: ${v.value}`).join(', ') || (o.summary ?? o.status);
}

function snapshotStep(run: StepRun | undefined, stepId: string, target: SnapshotStep['target']): SnapshotStep | undefined {
  if (!run) return undefined;
  const status = run.status === 'running' ? 'running' : run.status === 'crashed' ? 'crashed' : run.outcome?.status ?? 'failed';
  return { stepId, status, target, summary: summary(run) };
}

/** The runs of the deck's step cards, by slide and block. */
export function useSlideRuns(input: SlideRunsInput): SlideRuns {
  const { deck, runner, localRunner, isLive, request, offer, dispatch } = input;
  const primary = useStepRuns(runner);
  const local = useStepRuns(localRunner);
  const [routes, setRoutes] = useState<Readonly<Record<string, Route>>>({});
  const [last, setLast] = useState<{ key: string; stepId: string }>();
  const reported = useRef(new WeakSet<StepRun>());
  // `primary` and `local` change with every run's event; only a new request starts one.
  const runsNow = useLatest({ primary, local });

  useEffect(() => {
    if (!request) return;
    const block = deck.slides[request.slide]?.blocks[request.block];
    if (block?.kind !== 'step') return;
    const key = blockKey(request.slide, request.block);
    const runs = request.isFallback ? runsNow.current.local : runsNow.current.primary;
    if (!runs.start(key, block.stepId, block.params)) return;
    // The request is the event (a key on the presenter's side): its route is set as it starts.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setRoutes((r) => ({ ...r, [key]: request.isFallback ? 'fallback' : 'primary' }));
    setLast({ key, stepId: block.stepId });
  }, [request, deck, runsNow]);

  useEffect(() => {
    for (const [key, run] of Object.entries(primary.runs)) {
      if (run.status === 'running' || reported.current.has(run)) continue;
      reported.current.add(run);
      const [slide, block] = key.split('/').map(Number) as [number, number];
      dispatch({ type: 'step-finished', slide, block, isVenueFailure: localRunner !== undefined && venueFailure(run.outcome) !== undefined });
    }
  }, [primary.runs, dispatch, localRunner]);

  const statusLines = (slide: number, block: number, width: number, isFocused: boolean): StyledLine[] => {
    const key = blockKey(slide, block);
    const failedLive = venueFailure(primary.runs[key]?.outcome);
    if (routes[key] === 'fallback') {
      const run = local.runs[key];
      // Last, so that a long output cut to fit the slide never cuts the note.
      return [...stepStatusLines(run, true, isFocused, width),
        ...wrapped(fallbackNote(failedLive ?? 'a failure outside the lesson'), width, 'accent')];
    }
    const run = primary.runs[key];
    const lines = stepStatusLines(run, runner !== undefined, isFocused, width);
    if (offer?.slide === slide && offer.block === block && failedLive) {
      lines.push(...wrapped(`Press L to run it on the local ECR (live AWS failed with ${failedLive}, outside the lesson).`, width, 'focus'));
    }
    return lines;
  };

  const lastRoute = last ? routes[last.key] : undefined;
  const lastRun = last ? (lastRoute === 'fallback' ? local : primary).runs[last.key] : undefined;
  const target = lastRoute === 'fallback' ? 'fallback' : isLive ? 'live' : 'local';
  const fresh = last ? snapshotStep(lastRun, last.stepId, target) : undefined;
  // The same object while nothing the followers see has changed: every output line of a push
  // would otherwise send the notes a new snapshot.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- memoised on the fields above, on purpose
  const lastStep = useMemo(() => fresh, [fresh?.stepId, fresh?.status, fresh?.target, fresh?.summary]);
  const contextOf = (slide: number, block: number): TargetContext | undefined =>
    (routes[blockKey(slide, block)] === 'fallback' ? localRunner?.context : undefined);
  return { statusLines, contextOf, lastStep, answerConfirm: primary.answerConfirm };
}

// The presenter's root: the slide full screen (or blank, help, the fault panel) over a one-line
// status bar; keys become actions for the pure reducer, step cards run through the workflow
// (with the local fallback), and every change and every second goes out as a snapshot.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { Box, Text, useInput, useStdin } from 'ink';
import { type Deck, slidePlan } from '../../core/deck.js';
import type { NavAction } from '../../core/navigation.js';
import { type PresenterAction, type PresenterClock, elapsed, focusedIndex } from '../../core/presenter.js';
import type { PresenterSnapshot } from '../../core/presenter-snapshot.js';
import type { TargetContext } from '../../core/steps.js';
import { PRESENTER_STATUS_ROWS } from '../../markdown/slide.js';
import type { Troubleshooting } from '../../workflow/troubleshooting.js';
import type { StepRunner } from '../../workflow/types.js';
import { FaultPanel } from '../FaultPanel.js';
import { keyPresses } from '../keymap.js';
import { useColourCodeGuard } from '../use-colour-code-guard.js';
import { faultsOn, useFaultStatus } from '../use-fault-status.js';
import { type TerminalSize, useTerminalSize } from '../use-terminal-size.js';
import { useTroubleshooting } from '../use-troubleshooting.js';
import { presenterActionFor, presenterKeyContext } from './keymap.js';
import { PresenterHelp } from './PresenterHelp.js';
import { PresenterStatus } from './PresenterStatus.js';
import { SlideView } from './SlideView.js';
import { presenterSnapshot } from './snapshot.js';
import { type PresenterTarget, targetText, timerText } from './status-text.js';
import { usePrelayout } from './use-prelayout.js';
import { usePresenterState, useTick } from './use-presenter.js';
import { useSlideRuns } from './use-slide-runs.js';

export interface PresenterProps {
  readonly deck: Deck;
  /** The planned length of the talk (`--minutes` or the deck's), in ms. */
  readonly plannedMs: number;
  readonly target: PresenterTarget & { readonly context: TargetContext };
  /** Runs the step cards; without it they show their commands and say that nothing ran. */
  readonly runner?: StepRunner;
  /** The local ECR for the fallback after a live step failed outside the lesson (--live only). */
  readonly localRunner?: StepRunner;
  /** Faults and clock of the local ECR, for `f`; absent on live AWS and while it starts. */
  readonly troubleshooting?: Troubleshooting;
  /** Called on every change and every tick; must not block. */
  readonly onSnapshot?: (snapshot: PresenterSnapshot) => void;
  /** Called once on quit, with the clock settled at the quit (the ms spent on each slide). */
  readonly onExit: (clock: PresenterClock) => void;
  /** Set when the command was asked to quit from outside (a SIGINT): the presenter quits as on `q`. */
  readonly isInterrupted?: boolean;
  readonly now?: () => number;
  readonly tickMs?: number;
  readonly size?: TerminalSize;
}

/** The smallest terminal the slides are drawn in; below it the screen says so instead of cutting. */
export const PRESENT_MIN_COLUMNS = 60;
export const PRESENT_MIN_ROWS = 20;

/** The presenter screen. */
export function Presenter(props: PresenterProps) {
  const { deck, plannedMs, target, runner, localRunner, troubleshooting, onSnapshot, onExit, tickMs = 1000 } = props;
  const now = useMemo(() => props.now ?? Date.now, [props.now]);
  const { columns, rows } = useTerminalSize(props.size);
  const { state, current, apply } = usePresenterState(deck, now);
  const time = useTick(now, tickMs);
  const plan = useMemo(() => slidePlan(deck), [deck]);
  const slideRuns = useSlideRuns({
    deck, runner, localRunner, isLive: target.isLive, request: state.runRequest, offer: state.fallbackOffer, dispatch: apply,
  });
  usePrelayout(deck, { columns, rows }, { color: true, context: target.context, quiz: NO_QUIZ, stepStatus: NO_STATUS });
  const { status: faults, refresh } = useFaultStatus(troubleshooting);
  const fromTrouble = useCallback((a: NavAction) => {
    if (a.type === 'effects-taken' || a.type === 'fault-toggled') apply(a as PresenterAction);
  }, [apply]);
  useTroubleshooting(troubleshooting, NO_DRILLS, state.effects, fromTrouble, refresh);

  // A SIGINT quits as the quit key does, so the time on the current slide counts in the rehearsal.
  useEffect(() => {
    if (props.isInterrupted) apply({ type: 'quit', at: now() });
  }, [props.isInterrupted, apply, now]);

  const hasExited = useRef(false);
  useEffect(() => {
    if (!state.isQuitting || hasExited.current) return;
    hasExited.current = true;
    onExit(state.clock);
  }, [state.isQuitting, state.clock, onExit]);

  const { lastStep } = slideRuns;
  useEffect(() => {
    onSnapshot?.(presenterSnapshot(state, deck, plan, plannedMs, now(), lastStep));
  }, [state, deck, plan, plannedMs, now, lastStep, time, onSnapshot]);

  const { isRawModeSupported } = useStdin();
  useColourCodeGuard();
  useInput((input, key) => {
    for (const [one, oneKey] of keyPresses(input, key, 'main')) {
      const action = presenterActionFor(one, oneKey, presenterKeyContext(current()), now());
      if (action?.type === 'confirm') slideRuns.answerConfirm(action.isYes);
      else if (action) apply(action);
    }
  }, { isActive: isRawModeSupported === true });

  if (columns < PRESENT_MIN_COLUMNS || rows < PRESENT_MIN_ROWS) {
    return <Text>{`window too small for the slides: ${columns}x${rows}, they need at least ${PRESENT_MIN_COLUMNS}x${PRESENT_MIN_ROWS} (80x24 or more reads best)`}</Text>;
  }
  const height = rows - PRESENTER_STATUS_ROWS;
  if (state.isBlank) return <Box width={columns} height={rows - 1} />;

  const slide = deck.slides[state.slide];
  let body;
  if (state.isHelpOpen) body = <PresenterHelp width={columns} height={height} />;
  else if (state.isFaultPanelOpen) {
    body = <FaultPanel status={faults} cursor={state.faultCursor} notice={state.faultNotice} isLive={target.isLive}
      context={target.context} width={columns} height={height} />;
  } else if (slide) {
    body = <SlideView slide={slide} state={state} focused={focusedIndex(state, deck)} context={target.context} runs={slideRuns}
      columns={columns} rows={rows} />;
  }
  const time2 = elapsed(state, time);
  const position = `${state.slide + 1}/${deck.slides.length} · ${timerText(time2.total, plannedMs)}`;
  const message = state.jump !== undefined ? `go to slide: ${state.jump}_ (Enter, Esc cancels)` : state.notice;
  const lastRanOn = lastStep?.target;
  return (
    <Box flexDirection="column" width={columns}>
      {body}
      <PresenterStatus width={columns} position={position} isOver={time2.total > plannedMs} message={message}
        target={targetText(target, lastRanOn, faultsOn(faults))} />
    </Box>
  );
}

const NO_DRILLS: readonly never[] = [];
const NO_QUIZ = () => ({ selected: 0, tries: [], isRevealed: false });
const NO_STATUS = () => [];

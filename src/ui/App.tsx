// The root of the TUI: owns the navigation state, turns keys into actions, reports progress,
// runs steps through the optional StepRunner, shows the Inspector's panels and the paste box,
// carries out the faults and drills through the optional Troubleshooting port, and is the one
// place that calls onExit.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { useLatest } from './use-latest.js';
import { Box, useInput, useStdin } from 'ink';
import type { Drill } from '../core/drill.js';
import { isMarkdownLoaded } from '../markdown/render.js';
import type { Lesson } from '../core/lesson.js';
import { type NavAction, type NavState, initialNavState, navigate } from '../core/navigation.js';
import type { Progress } from '../core/progress.js';
import type { TargetContext } from '../core/steps.js';
import type { Troubleshooting } from '../workflow/troubleshooting.js';
import type { Inspector, StepRunner } from '../workflow/types.js';
import { DrillScreen, isDiagnosing } from './DrillScreen.js';
import { FaultPanel } from './FaultPanel.js';
import { HelpOverlay } from './HelpOverlay.js';
import { InspectorPanel, SIDE_MIN_COLUMNS, SidePanels, sideWidth } from './InspectorPanel.js';
import { LessonList } from './LessonList.js';
import { LessonView } from './LessonView.js';
import { PastePanel } from './PastePanel.js';
import { StatusBar } from './StatusBar.js';
import { TooSmall } from './TooSmall.js';
import { actionFor, keyContext, keyPresses } from './keymap.js';
import { MIN_COLUMNS, MIN_ROWS } from './theme.js';
import { useColourCodeGuard } from './use-colour-code-guard.js';
import { faultsOn, useFaultStatus } from './use-fault-status.js';
import { useInspector } from './use-inspector.js';
import { runKey, usePageLayout } from './use-page-layout.js';
import { useStepRuns } from './use-step-runs.js';
import { type TerminalSize, useTerminalSize } from './use-terminal-size.js';
import { useTroubleshooting } from './use-troubleshooting.js';

export interface AppProps {
  readonly lessons: readonly Lesson[];
  /** The progress loaded at start; from then on the app owns it and reports every change. */
  readonly progress: Progress;
  /** Called with the new progress after every change (page seen, question answered). */
  readonly onProgress: (progress: Progress) => void;
  /** What steps run against: the label for the status bar and the values for the commands. */
  readonly target: { readonly label: string; readonly context: TargetContext; readonly problem?: string };
  /** Runs steps; without it, step cards show their commands and say that nothing ran. */
  readonly runner?: StepRunner;
  /** Read-only views of the target for the panels (who am I, registry, wire). */
  readonly inspector?: Inspector;
  /** The troubleshooting drills (none until they are loaded). */
  readonly drills?: readonly Drill[];
  /** Faults, clock and drills of the local ECR; absent on live AWS and while it starts. */
  readonly troubleshooting?: Troubleshooting;
  /** Open this lesson at start; otherwise resume at `progress.last`, or show the list. */
  readonly initialLessonId?: string;
  /** Called once when the learner quits. */
  readonly onExit: () => void;
  /** A fixed size instead of the terminal's (tests, previews). */
  readonly size?: TerminalSize;
  /** Whether lesson prose is drawn yet; default: whether the markdown renderer has loaded. */
  readonly isProseReady?: boolean;
}

/** The TUI. */
export function App(props: AppProps) {
  const { lessons, target, runner, inspector, onProgress, onExit, troubleshooting, drills = NO_DRILLS } = props;
  const { columns, rows } = useTerminalSize(props.size);
  const reducer = useCallback((s: NavState, a: NavAction) => navigate(s, a, lessons, drills), [lessons, drills]);
  const [state, dispatch] = useReducer(reducer, undefined,
    () => initialNavState(lessons, props.progress, props.initialLessonId));
  const isWide = columns >= SIDE_MIN_COLUMNS;
  const views = useInspector(inspector, isWide || state.panel === 'whoami' || state.panel === 'registry', state.panel === 'wire');
  const { runs, start, answerConfirm } = useStepRuns(runner, { onStart: (_key, stepId) => views.onStepStart(stepId), onFinish: views.onStepFinish });
  const { isRawModeSupported } = useStdin();
  const { status: faults, refresh: refreshFaults } = useFaultStatus(troubleshooting);
  const drillRun = useTroubleshooting(troubleshooting, drills, state.effects, dispatch, refreshFaults);

  const width = columns;
  const side = isWide ? sideWidth(columns) : 0;
  const contentWidth = width - side - 4;
  const contentHeight = Math.max(1, rows - 4);
  const layout = usePageLayout({
    state, lessons, width: contentWidth, height: contentHeight, context: target.context,
    runs, hasRunner: runner !== undefined || (target.problem ?? false), dispatch,
    isProseReady: props.isProseReady ?? isMarkdownLoaded(),
  });

  const reported = useRef(props.progress);
  useEffect(() => {
    if (state.progress === reported.current) return;
    reported.current = state.progress;
    onProgress(state.progress);
  }, [state.progress, onProgress]);

  const hasExited = useRef(false);
  useEffect(() => {
    if (!state.isQuitting || hasExited.current) return;
    hasExited.current = true;
    onExit();
  }, [state.isQuitting, onExit]);

  const request = state.runRequest;
  useEffect(() => {
    if (!request) return;
    const lesson = lessons.find((l) => l.id === request.lessonId);
    const block = lesson?.pages[request.page]?.blocks[request.block];
    if (block?.kind === 'step') start(runKey(request.lessonId, request.page, request.block), block.stepId, block.params);
  }, [request, lessons, start]);

  const context = keyContext(state);
  // Read when a key arrives: Ink attaches a new handler only after the frame is drawn, and a
  // key in between must already mean what the frame on screen says.
  const contextNow = useLatest(context);
  useColourCodeGuard();
  useInput((input, key) => {
    for (const [one, oneKey] of keyPresses(input, key, contextNow.current)) {
      const action = actionFor(one, oneKey, contextNow.current);
      if (action?.type === 'confirm') answerConfirm(action.isYes);
      else if (action) dispatch(action);
    }
  }, { isActive: isRawModeSupported === true });

  if (columns < MIN_COLUMNS || rows < MIN_ROWS) return <TooSmall columns={columns} rows={rows} />;

  const lesson = state.screen === 'lesson' ? lessons[state.lessonIndex] : undefined;
  const position = lesson ? `page ${state.page + 1}/${lesson.pages.length}` : '';
  let body;
  if (lesson) body = <LessonView lines={layout.lines} scroll={state.scroll} height={contentHeight} />;
  else if (state.screen === 'drills' || state.screen === 'drill') {
    body = <DrillScreen state={state} drills={drills} lessons={lessons} run={drillRun} context={target.context}
      width={contentWidth} height={contentHeight} dispatch={dispatch} />;
  } else {
    body = <LessonList lessons={lessons} progress={state.progress} selected={state.lessonIndex} drills={drills}
      width={contentWidth} height={contentHeight} />;
  }
  let screen;
  if (state.paste) {
    screen = <PastePanel box={state.paste} drills={drills} lessons={lessons} isOnDrills={state.screen === 'drills'}
      width={width} height={contentHeight + 2} dispatch={dispatch} />;
  } else if (state.isHelpOpen) {
    screen = <HelpOverlay context={context} width={width} height={contentHeight} scroll={state.helpScroll} dispatch={dispatch} />;
  }
  else if (state.panel === 'faults') {
    screen = <FaultPanel status={faults} cursor={state.faultCursor} notice={state.faultNotice} isLive={target.context.kind === 'live'}
      context={target.context} width={width} height={contentHeight + 2} />;
  } else if (state.panel) {
    screen = <InspectorPanel panel={state.panel} views={views} hasInspector={inspector !== undefined} width={width}
      height={contentHeight + 2} isOpen />;
  } else {
    screen = (
      <Box width={width} height={contentHeight + 2}>
        <Box borderStyle="round" borderColor="gray" paddingX={1} width={width - side} height={contentHeight + 2}
          flexDirection="column">
          {body}
        </Box>
        {isWide ? <SidePanels views={views} hasInspector={inspector !== undefined} width={side} height={contentHeight + 2} /> : null}
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      {screen}
      <StatusBar width={width} title={lesson?.title ?? 'ecr-lab'} isTitleKept={lesson !== undefined} position={scrollHint(state, position)}
        targetLabel={target.label} faults={faultsOn(faults)} clockOffset={faults?.clockOffset}
        isSecret={isDiagnosing(state)} />
    </Box>
  );
}

const NO_DRILLS: readonly Drill[] = [];

function scrollHint(state: NavState, position: string): string {
  const { height, contentHeight } = state.viewport;
  if (state.screen !== 'lesson' || contentHeight <= height || position === '') return position;
  const isAtEnd = state.scroll + height >= contentHeight;
  return `${position} ${isAtEnd ? '↑' : '↓'}`;
}

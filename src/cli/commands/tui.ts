// Starts the TUI: loads progress, renders the Ink app, saves every change atomically.
// On the local ECR the first frame is drawn before the emulator starts; the step cards
// get their runner a moment later. Live AWS is connected first, so a missing credential
// is one line before any screen. The drills load after the first frame, like the markdown.
import type { Drill } from '../../core/drill.js';
import type { Lesson } from '../../core/lesson.js';
import type { Progress } from '../../core/progress.js';
import { defaultContext } from '../../core/steps.js';
import type { ProgressStore } from '../../state/progress-store.js';
import type { DrillRun } from '../../workflow/drill-runner.js';
import type { LocalTarget, Target } from '../../workflow/targets.js';
import type { Troubleshooting } from '../../workflow/troubleshooting.js';
import { App, type AppProps } from '../../ui/App.js';
import { loadMarkdown } from '../../markdown/render.js';
import { openTarget, targetLabel, worldChanges, type TargetFlags } from '../target.js';
import { printRemaining } from './cleanup.js';
import { holdWarnings } from '../held-warnings.js';
import type { Interrupt } from '../interrupt.js';
import { firstFrameOf, mountScreen } from '../screen.js';
import { adoptFirstFrame, type EarlyFrame, frameKey, keepFrame, type LessonFiles } from '../first-frame.js';

/** The first frames of the local ECR's TUI (first-frame.ts): the one on screen, and what names the next. */
export interface FirstFrames {
  /** The lesson files the course was read from, as the key sees them. */
  readonly lessons: LessonFiles;
  /** The name of this start's first frame. */
  readonly key: string;
  /** The kept frame already on screen, if there was one. */
  readonly early?: EarlyFrame;
}

/** What the status bar says until the local ECR is up (or why it is not). */
function startingTarget(startFailure?: string): AppProps['target'] {
  return {
    label: startFailure ? `local ECR did not start: ${startFailure}` : 'local ECR (starting…)',
    context: defaultContext(), problem: startFailure,
  };
}

/**
 * Keeps the first frame the next start will draw: the App as it mounts, for the progress now on
 * disk, at the terminal's size now. Rendered off screen after the session's screen has gone.
 */
async function keepNextFrame(frames: FirstFrames, store: ProgressStore, props: AppProps): Promise<void> {
  const { columns, rows } = process.stdout;
  if (!columns || !rows) return;
  const { value: progress, warning } = await store.load();
  if (warning) return;
  const next: AppProps = {
    ...props, progress, target: startingTarget(), runner: undefined, inspector: undefined, drills: [],
    troubleshooting: undefined, isProseReady: false,
  };
  await keepFrame(frameKey({ lessons: frames.lessons, progress, columns, rows }), firstFrameOf(App, next, columns, rows, SCREEN_OPTIONS));
}

// Ink draws at most 30 frames a second unless told: a page turn must not wait for its slot.
const SCREEN_OPTIONS = { exitOnCtrlC: true, maxFps: 240 } as const;

/**
 * The port with every drill run remembered until it finishes, so that quitting in the middle
 * of a drill still switches its faults off (they are kept on disk and would outlive the TUI).
 */
function finishingDrills(port: Troubleshooting): { port: Troubleshooting; finishAll: () => Promise<void> } {
  const open = new Map<DrillRun, Promise<unknown>>();
  const drill = (d: Drill): DrillRun => {
    const run = port.drill(d);
    open.set(run, Promise.resolve());
    return {
      simulatedFixes: run.simulatedFixes,
      prepare: (onStep) => {
        const prepared = run.prepare(onStep);
        open.set(run, prepared.catch(() => undefined));
        return prepared;
      },
      runStep: (stepId) => run.runStep(stepId),
      check: () => run.check(),
      applySimulatedFixes: () => run.applySimulatedFixes(),
      finish: () => { open.delete(run); return run.finish(); },
    };
  };
  const finishAll = async () => {
    // A scene still being set switches its faults on at its end: wait for it, then undo.
    for (const [run, prepared] of open) await prepared.then(() => run.finish()).catch(() => undefined);
    open.clear();
  };
  return { port: { ...port, drill }, finishAll };
}

/**
 * Runs the TUI until it quits: its quit keys, Ctrl-C, or a SIGINT (`interrupt`) at any moment.
 * `frames`, on the local ECR: the first frame may already be on screen, and the next is kept.
 */
export async function runTui(
  lessons: readonly Lesson[], progress: Progress, store: ProgressStore, flags: TargetFlags, interrupt: Interrupt,
  frames?: FirstFrames,
): Promise<number> {
  let target: Target | undefined = flags.live ? await openTarget(flags) : undefined;
  if (interrupt.isRequested) {
    // Interrupted before Ink's first frame: nothing started but a live connection.
    frames?.early?.release();
    await target?.close();
    return 0;
  }
  let troubleshooting: ReturnType<typeof finishingDrills> | undefined;
  let drills: readonly Drill[] = [];
  let saving: Promise<void> = Promise.resolve();
  let startFailure: string | undefined;
  const props = (): AppProps => ({
    lessons,
    progress,
    onProgress: (p: Progress) => { saving = store.save(p); },
    target: target ? { label: targetLabel(target), context: target.context } : startingTarget(startFailure),
    runner: target?.runner,
    inspector: target?.inspector,
    drills,
    troubleshooting: troubleshooting?.port,
    onExit: () => screen.quit(),
  });
  const releaseWarnings = holdWarnings();
  const screen = mountScreen(App, props, SCREEN_OPTIONS, (render) => {
    const { value, bytes } = adoptFirstFrame(render, frames?.early);
    // A start with nothing kept (or a kept frame that no longer fits) keeps Ink's for the next.
    if (frames && bytes !== frames.early?.bytes) void keepFrame(frames.key, bytes);
    return value;
  });
  const rerender = () => screen.refresh();
  interrupt.onRequest(() => screen.quit());
  const markdown = loadMarkdown().then(rerender);
  const loading = import('../drills-content.js')
    .then(({ loadDrills }) => loadDrills(undefined, lessons.map((l) => l.id)))
    // A drill with errors is left out; `ecr-lab check-content` names every problem.
    .then((set) => { drills = set.drills; rerender(); }, () => undefined);
  const starting = target ? Promise.resolve() : openTarget(flags, { admin: true, interactive: true }).then(
    (t) => {
      target = t;
      if ('troubleshooting' in t) troubleshooting = finishingDrills((t as LocalTarget).troubleshooting);
      rerender();
    },
    (err: unknown) => { startFailure = (err as Error).message; rerender(); },
  );
  await screen.quitted;
  await Promise.all([saving, starting, markdown, loading]);
  const keeping = frames ? keepNextFrame(frames, store, props()).catch(() => undefined) : undefined;
  await troubleshooting?.finishAll();
  if (target) {
    if (target.context.kind === 'live') await printRemaining(target.context);
    const changed = worldChanges(target);
    if (changed) process.stdout.write(`left on for next time: ${changed} (f switches them off)\n`);
    await target.close();
  }
  await keeping;
  releaseWarnings();
  if (startFailure) process.stderr.write(`ecr-lab: the local ECR did not start: ${startFailure}\n`);
  return startFailure ? 1 : 0;
}

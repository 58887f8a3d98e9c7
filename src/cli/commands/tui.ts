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
import { openTarget, targetLabel, type TargetFlags } from '../target.js';
import { printRemaining } from './cleanup.js';
import { holdWarnings } from '../held-warnings.js';
import type { Interrupt } from '../interrupt.js';
import { mountScreen } from '../screen.js';

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

/** Runs the TUI until it quits: its quit keys, Ctrl-C, or a SIGINT (`interrupt`) at any moment. */
export async function runTui(
  lessons: readonly Lesson[], progress: Progress, store: ProgressStore, flags: TargetFlags, interrupt: Interrupt,
): Promise<number> {
  let target: Target | undefined = flags.live ? await openTarget(flags) : undefined;
  if (interrupt.isRequested) {
    // Interrupted before the first frame: nothing drawn, nothing started but a live connection.
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
    target: target
      ? { label: targetLabel(target), context: target.context }
      : {
        label: startFailure ? `local ECR did not start: ${startFailure}` : 'local ECR (starting…)',
        context: defaultContext(), problem: startFailure,
      },
    runner: target?.runner,
    inspector: target?.inspector,
    drills,
    troubleshooting: troubleshooting?.port,
    onExit: () => screen.quit(),
  });
  const releaseWarnings = holdWarnings();
  // Ink draws at most 30 frames a second unless told: a page turn must not wait for its slot.
  const screen = mountScreen(App, props, { exitOnCtrlC: true, maxFps: 240 });
  const rerender = () => screen.refresh();
  interrupt.onRequest(() => screen.quit());
  const markdown = loadMarkdown().then(rerender);
  const loading = import('../drills-content.js')
    .then(({ loadDrills }) => loadDrills(undefined, lessons.map((l) => l.id)))
    // A drill with errors is left out; `ecr-lab check-content` names every problem.
    .then((set) => { drills = set.drills; rerender(); }, () => undefined);
  const starting = target ? Promise.resolve() : openTarget(flags, { admin: true }).then(
    (t) => {
      target = t;
      if ('troubleshooting' in t) troubleshooting = finishingDrills((t as LocalTarget).troubleshooting);
      rerender();
    },
    (err: unknown) => { startFailure = (err as Error).message; rerender(); },
  );
  await screen.quitted;
  await Promise.all([saving, starting, markdown, loading]);
  await troubleshooting?.finishAll();
  if (target) {
    if (target.context.kind === 'live') await printRemaining(target.context);
    await target.close();
  }
  releaseWarnings();
  if (startFailure) process.stderr.write(`ecr-lab: the local ECR did not start: ${startFailure}\n`);
  return startFailure ? 1 : 0;
}

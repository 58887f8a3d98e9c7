// Carries out one effect the reducer asked for, through the Troubleshooting port: switch a fault,
// move the clock, or play a drill (set the scene, run a step, check, simulate a repair, finish).
// What happened goes back to the reducer as an action, and to the drill view as step runs.
import { isSetupReady, type Drill } from '../core/drill.js';
import type { NavAction } from '../core/navigation.js';
import type { Effect } from '../core/troubleshooting-nav.js';
import type { DrillRun } from '../workflow/drill-runner.js';
import type { Troubleshooting } from '../workflow/troubleshooting.js';
import type { StepOutcome } from '../workflow/types.js';
import type { StepRun } from './use-step-runs.js';

/** One step of a drill as the view shows it. */
export interface DrillStepView {
  readonly stepId: string;
  readonly run: StepRun;
}

/** What ran in a drill play: the setup, the failing steps, and the fix steps by slot. */
export interface DrillRunView {
  readonly play: number;
  readonly setup: readonly DrillStepView[];
  readonly tries: readonly DrillStepView[];
  readonly fixes: Readonly<Record<number, DrillStepView>>;
  readonly simulatedFixes: readonly string[];
}

/** What an effect is carried out with, and where its results go. */
export interface EffectDeps {
  readonly port?: Troubleshooting;
  readonly drills: readonly Drill[];
  readonly dispatch: (action: NavAction) => void;
  /** Changes the view of `play` (ignored once another play has begun). */
  readonly update: (play: number, change: (view: DrillRunView) => DrillRunView) => void;
  readonly begin: (view: DrillRunView) => void;
  /** The runs of plays not finished yet. */
  readonly runs: Map<number, DrillRun>;
  /** True once the learner has left the play. */
  readonly isEnded: (play: number) => boolean;
}

/** Said when there is no port: live AWS, or the local ECR still starting. */
export const NO_PORT = 'no local ECR runs here (this is live AWS, or it is still starting)';

/** Only the last lines of a step's output are shown in a drill. */
const LAST_LINES = 4;

const running = (stepId: string): DrillStepView => ({ stepId, run: { status: 'running', lines: [], layers: {} } });
const done = (o: StepOutcome): DrillStepView => ({ stepId: o.stepId, run: { status: 'done', lines: o.output.slice(-LAST_LINES), layers: {}, outcome: o } });

async function startDrill(play: number, drillId: string, deps: EffectDeps): Promise<void> {
  const drill = deps.drills.find((d) => d.id === drillId);
  if (!deps.port || !drill) {
    deps.dispatch({ type: 'drill-broken', play, reason: drill ? `Drills run on the local ECR only (ecr-lab without --live): ${NO_PORT}.` : `no drill '${drillId}'` });
    return;
  }
  const run = deps.port.drill(drill);
  deps.runs.set(play, run);
  deps.begin({ play, setup: [], tries: [], fixes: {}, simulatedFixes: run.simulatedFixes });
  const setup = await run.prepare((o) => deps.update(play, (v) => ({ ...v, setup: [...v.setup, done(o)] })));
  const broken = setup.find((o) => !isSetupReady(o));
  if (broken) {
    const why = broken.error ? `: ${broken.error.code}: ${broken.error.message}` : '';
    deps.dispatch({ type: 'drill-broken', play, reason: `The setup step ${broken.stepId} failed${why}, so the drill cannot start (ecr-lab doctor says what is missing).` });
    return;
  }
  for (const [i, stepId] of drill.try.entries()) {
    if (deps.isEnded(play)) return;
    deps.update(play, (v) => ({ ...v, tries: [...v.tries, running(stepId)] }));
    const outcome = await run.runStep(stepId);
    deps.update(play, (v) => ({ ...v, tries: v.tries.map((t, j) => (j === i ? done(outcome) : t)) }));
  }
  deps.dispatch({ type: 'drill-ready', play, at: Date.now() });
}

async function fixStep(play: number, slot: number, stepId: string, run: DrillRun, deps: EffectDeps): Promise<void> {
  deps.update(play, (v) => ({ ...v, fixes: { ...v.fixes, [slot]: running(stepId) } }));
  try {
    const outcome = await run.runStep(stepId);
    deps.update(play, (v) => ({ ...v, fixes: { ...v.fixes, [slot]: done(outcome) } }));
  } catch (err) {
    const crash = err instanceof Error ? err.message : String(err);
    deps.update(play, (v) => ({ ...v, fixes: { ...v.fixes, [slot]: { stepId, run: { status: 'crashed', lines: [], layers: {}, crash } } } }));
  }
}

async function drillEffect(effect: Extract<Effect, { play: number }>, deps: EffectDeps): Promise<void> {
  const { play } = effect;
  if (effect.kind === 'drill-start') return startDrill(play, effect.drillId, deps);
  const run = deps.runs.get(play);
  if (!run) return;
  switch (effect.kind) {
    case 'drill-step': return fixStep(play, effect.slot, effect.stepId, run, deps);
    case 'drill-check': {
      const failures = await run.check().catch((err: unknown) => [`the check could not run: ${(err as Error).message}`]);
      deps.dispatch({ type: 'drill-checked', play, failures, at: Date.now() });
      return;
    }
    case 'drill-simulate': {
      const names = await run.applySimulatedFixes().catch(() => []);
      deps.dispatch({ type: 'drill-simulated', play, names, canSimulate: run.simulatedFixes.length > 0 });
      return;
    }
    case 'drill-finish':
      deps.runs.delete(play);
      await run.finish();
  }
}

/** Carries out `effect`; resolves when it is done (the caller runs effects one after another). */
export async function performEffect(effect: Effect, deps: EffectDeps): Promise<void> {
  const { port, dispatch } = deps;
  if ('play' in effect) return drillEffect(effect, deps);
  if (!port) {
    dispatch({ type: 'fault-toggled', error: NO_PORT });
    return;
  }
  try {
    if (effect.kind === 'toggle-fault') dispatch({ type: 'fault-toggled', error: await port.toggle(effect.name) });
    else if (effect.kind === 'faults-off') await port.reset();
    else if (effect.kind === 'clock') port.advanceClock(effect.ms);
    else port.resetClock();
  } catch (err) {
    dispatch({ type: 'fault-toggled', error: err instanceof Error ? err.message : String(err) });
  }
}

// Plays a drill on the local target: runs its setup steps, switches its faults on, answers
// "is it fixed?" from state, carries out the fixes that happen outside AWS (a simulated
// setting of the learner's machine, said so), and puts the world back when it ends.
import type { Drill } from '../core/drill.js';
import { drillChecks, isSetupReady } from '../core/drill.js';
import { findFault } from '../core/faults.js';
import { stepDefinition } from '../core/steps.js';
import type { StepOutcome } from './types.js';
import type { LocalTarget } from './targets.js';
import { failedChecks } from './drill-checks.js';

export const DRILL_REPOSITORY = 'ecr-lab/demo';
export const DRILL_TAG = 'v1';

export interface DrillRun {
  /** Runs the setup steps and switches the faults on; the outcomes of the setup steps. */
  prepare(onStep?: (outcome: StepOutcome) => void): Promise<StepOutcome[]>;
  /** Runs one step the learner asked for. */
  runStep(stepId: string): Promise<StepOutcome>;
  /** One line per check that does not pass yet. */
  check(): Promise<string[]>;
  /** Faults whose fix lies outside AWS (the learner's machine), so ecr-lab can only simulate it. */
  readonly simulatedFixes: readonly string[];
  /** Switches those faults off, as the learner's repair of their machine; returns their names. */
  applySimulatedFixes(): Promise<string[]>;
  /** Switches off every fault the drill switched on. */
  finish(): Promise<void>;
}

/** The drill's faults whose fix is proven only by the fault being gone. */
function simulated(drill: Drill): string[] {
  return drill.faults.filter((name) => findFault(name)?.check.kind === 'fault-off');
}

export function createDrillRun(target: LocalTarget, drill: Drill): DrillRun {
  const { server, runner } = target;
  // Each step gets the drill's repository and tag where it takes them.
  const steps = (id: string) => {
    const accepts = stepDefinition(id)?.params ?? {};
    const params = Object.fromEntries(Object.entries({ repository: DRILL_REPOSITORY, tag: DRILL_TAG }).filter(([k]) => k in accepts));
    return runner.run(id, params, { onEvent: () => undefined });
  };
  return {
    simulatedFixes: simulated(drill),
    async prepare(onStep) {
      await server.faults.reset();
      const outcomes: StepOutcome[] = [];
      for (const id of drill.setup) {
        const outcome = await steps(id);
        outcomes.push(outcome);
        onStep?.(outcome);
        // A repository left by an earlier drill is the world this one needs.
        if (!isSetupReady(outcome)) return outcomes;
      }
      for (const name of drill.faults) await server.faults.on(name, { repository: DRILL_REPOSITORY, tag: DRILL_TAG });
      return outcomes;
    },
    runStep: steps,
    check: () => failedChecks(drillChecks(drill), {
      ctx: server.context, engine: target.engineForChecks, registry: server.registryHost,
      repository: DRILL_REPOSITORY, tag: DRILL_TAG, faultNames: drill.faults,
    }),
    async applySimulatedFixes() {
      const names = simulated(drill).filter((n) => server.context.faults.isOn(n));
      for (const name of names) await server.faults.off(name);
      return names;
    },
    async finish() {
      for (const name of drill.faults) await server.faults.off(name);
    },
  };
}

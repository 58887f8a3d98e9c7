// What the TUI may do to the local ECR's world, as one port: list and switch faults, move the
// clock, and play drills. Only the local target has it; live AWS never gets one.
import type { Drill } from '../core/drill.js';
import { FAULTS, type FaultDefinition } from '../core/faults.js';
import { FaultError } from '../local-ecr/faults/engine.js';
import { createDrillRun, DRILL_REPOSITORY, DRILL_TAG, type DrillRun } from './drill-runner.js';
import type { LocalTarget } from './targets.js';

/** A fault as the fault panel shows it. */
export interface FaultRow {
  readonly definition: FaultDefinition;
  readonly isOn: boolean;
}

export interface Troubleshooting {
  /** Every fault with whether it is on. */
  faults(): readonly FaultRow[];
  /** Called after every change of the faults (also ones made by `ecr-lab fault` elsewhere). */
  subscribe(listener: () => void): () => void;
  /** Switches a fault on or off; resolves with one line when it cannot be done. */
  toggle(name: string): Promise<string | undefined>;
  reset(): Promise<void>;
  /** The clock's offset from real time, in ms. */
  clockOffset(): number;
  advanceClock(ms: number): void;
  resetClock(): void;
  drill(drill: Drill): DrillRun;
}

export function createTroubleshooting(target: LocalTarget): Troubleshooting {
  const { server } = target;
  const state = server.context.faults;
  const clockListeners = new Set<() => void>();
  const clockChanged = () => { for (const l of clockListeners) l(); };
  return {
    faults: () => FAULTS.map((definition) => ({ definition, isOn: state.isOn(definition.name) })),
    subscribe(listener) {
      const off = state.subscribe(listener);
      clockListeners.add(listener);
      return () => { off(); clockListeners.delete(listener); };
    },
    async toggle(name) {
      try {
        if (state.isOn(name)) await server.faults.off(name);
        else await server.faults.on(name, { repository: DRILL_REPOSITORY, tag: DRILL_TAG });
        return undefined;
      } catch (err) {
        if (err instanceof FaultError) return err.message;
        throw err;
      }
    },
    reset: async () => { await server.faults.reset(); },
    clockOffset: () => server.context.clock.offset(),
    advanceClock: (ms) => { server.context.clock.advance(ms); clockChanged(); },
    resetClock: () => { server.context.clock.reset(); clockChanged(); },
    drill: (drill) => createDrillRun(target, drill),
  };
}

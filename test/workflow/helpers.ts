// Shared set-up for the workflow tests: a local target on a temp state dir with the
// built-in engine, removed afterwards.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalTarget, type LocalTarget } from '../../src/workflow/targets.js';
import type { EngineChoice } from '../../src/workflow/engine-choice.js';
import type { StepOutcome } from '../../src/workflow/types.js';

export interface Lab {
  readonly target: LocalTarget;
  readonly dir: string;
  dispose(): Promise<void>;
}

/** A local ECR target in a fresh temp state dir. */
export async function startLab(engine: EngineChoice = 'builtin', askBeforeChanges = false): Promise<Lab> {
  const dir = await mkdtemp(join(tmpdir(), 'ecr-lab-wf-'));
  const target = await createLocalTarget({
    stateDir: dir, engine, dataDir: join(dir, 'local-ecr'), port: 0, pollIntervalMs: 20, dockerConfigDir: join(dir, 'docker'),
    askBeforeChanges,
  });
  return { target, dir, dispose: async () => { await target.close(); await rm(dir, { recursive: true, force: true }); } };
}

/** A readable failure message for expect(): the outcome's error and output. */
export function describeOutcome(o: StepOutcome): string {
  return `${o.stepId} ${o.status}: ${o.error?.code ?? ''} ${o.error?.message ?? ''}\n${o.output.join('\n')}`;
}

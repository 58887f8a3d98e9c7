// Shared set-up for the workflow tests: a local target on a temp state dir with the
// built-in engine, removed afterwards.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalTarget, type LocalTarget } from '../../src/workflow/targets.js';
import type { EngineChoice } from '../../src/workflow/engine-choice.js';
import { expect } from 'vitest';
import type { StepOutcome } from '../../src/workflow/types.js';

export interface Lab {
  readonly target: LocalTarget;
  readonly dir: string;
  dispose(): Promise<void>;
}

/** A local ECR target in a fresh temp state dir. */
export async function startLab(engine: EngineChoice = 'builtin', askBeforeChanges = false, scanDurationMs?: number): Promise<Lab> {
  const dir = await mkdtemp(join(tmpdir(), 'ecr-lab-wf-'));
  const target = await createLocalTarget({
    stateDir: dir, engine, dataDir: join(dir, 'local-ecr'), port: 0, pollIntervalMs: 20, dockerConfigDir: join(dir, 'docker'),
    askBeforeChanges, scanDurationMs,
  });
  return { target, dir, dispose: async () => { await target.close(); await rm(dir, { recursive: true, force: true }); } };
}

/** A readable failure message for expect(): the outcome's error and output. */
export function describeOutcome(o: StepOutcome): string {
  return `${o.stepId} ${o.status}: ${o.error?.code ?? ''} ${o.error?.message ?? ''}\n${o.output.join('\n')}`;
}

/** Runs the steps in order on the lab; each must succeed. */
export async function runSteps(lab: Lab, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const o = await lab.target.runner.run(id, {});
    expect(o.status, describeOutcome(o)).toBe('succeeded');
  }
}

/** The steps that leave the demo image pushed as ecr-lab/demo:v1. */
export const PUSHED = ['create-repository', 'login', 'build-image', 'tag-image', 'push-image'] as const;

/** One verified value of an outcome, or '' when it has none by that label. */
export function verified(o: StepOutcome, label: string): string {
  return o.verified.find((v) => v.label === label)?.value ?? '';
}

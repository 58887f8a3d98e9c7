// The workflow's contract with its callers (the TUI, `ecr-lab run`): steps are run by id and
// report back as data. Nothing here knows whether the target is the local ECR or real AWS.
import type { ParamValue, TargetContext } from '../core/steps.js';

/** What a failing step means, from the error catalogue. */
export interface Explanation {
  /** The catalogue entry (src/core/error-catalogue.ts), e.g. `repository-not-found`. */
  readonly id?: string;
  readonly cause: string;
  readonly fix: string;
  /** The lesson id that teaches it. */
  readonly lesson?: string;
}

/** Something a step verified by reading state back (never assumed). */
export interface Verified {
  readonly label: string;
  readonly value: string;
}

export type StepEvent =
  | { readonly type: 'output'; readonly line: string }
  | { readonly type: 'layer'; readonly id: string; readonly status: string; readonly current?: number; readonly total?: number };

export interface StepOutcome {
  readonly stepId: string;
  readonly status: 'succeeded' | 'failed' | 'cancelled';
  /** The exact equivalent aws/docker commands with the real values. */
  readonly commands: readonly string[];
  /** What the tools printed (secrets masked). */
  readonly output: readonly string[];
  readonly durationMs: number;
  readonly verified: readonly Verified[];
  /** What it means, in one or two sentences, on success. */
  readonly summary?: string;
  readonly error?: { readonly code: string; readonly message: string; readonly explanation?: Explanation };
}

/** Asked before a call that creates, changes or deletes on live AWS. */
export interface ConfirmRequest {
  readonly stepId: string;
  readonly description: string;
  readonly iamActions: readonly string[];
}

export interface RunOptions {
  readonly onEvent?: (event: StepEvent) => void;
  readonly signal?: AbortSignal;
  /** Resolves true to go ahead; absent means no confirmation is needed (local ECR). */
  readonly confirm?: (request: ConfirmRequest) => Promise<boolean>;
}

/** Runs steps against one target with one image engine, chosen once in src/cli. */
export interface StepRunner {
  readonly context: TargetContext;
  run(stepId: string, params: Readonly<Record<string, ParamValue>>, options?: RunOptions): Promise<StepOutcome>;
}

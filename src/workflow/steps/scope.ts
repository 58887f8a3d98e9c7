// What a step implementation gets (the ports, the target, a printer that masks secrets) and
// what it gives back. Steps never branch on the target: the ports already point at it.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ParamValue, TargetContext } from '../../core/steps.js';
import { ecrRegistryHost } from '../../core/steps.js';
import type { Ledger } from '../../state/ledger.js';
import type { EcrApi, EngineIO, Identity, ImageEngine } from '../ports.js';
import type { ConfirmRequest, Verified } from '../types.js';

/** Everything a step may use. */
export interface StepScope {
  readonly target: TargetContext;
  readonly ecr: EcrApi;
  readonly identity: Identity;
  readonly engine: ImageEngine;
  readonly ledger: Ledger;
  /** The demo image's build context (assets/demo-image). */
  readonly assetsDir: string;
  /** docker's config directory ($DOCKER_CONFIG or ~/.docker). */
  readonly dockerConfigDir: string;
  readonly pollIntervalMs: number;
  readonly signal?: AbortSignal;
  readonly confirm?: (request: ConfirmRequest) => Promise<boolean>;
  /** Prints one output line (secrets registered with `secret` are masked). */
  print(line: string): void;
  /** Registers a secret so that it never appears in output. */
  secret(value: string): void;
  /** The engine's view of printing and layer progress. */
  readonly io: EngineIO;
}

/** What a step reports on success; the runner adds status, timing and commands. */
export interface StepReport {
  readonly summary: string;
  readonly verified: readonly Verified[];
  /** Replaces the catalogue's equivalent commands when the real values are only known now. */
  readonly commands?: readonly string[];
}

export type Params = Readonly<Record<string, ParamValue>>;

/** One step's implementation. */
export type StepImpl = (scope: StepScope, params: Params) => Promise<StepReport>;

/** A parameter as text. */
export function text(params: Params, name: string): string {
  return String(params[name] ?? '');
}

/** The image's name in ECR's own form, whatever host the target uses. */
export function ecrForm(target: TargetContext, repository: string, suffix = ''): string {
  return `${ecrRegistryHost(target.account, target.region)}/${repository}${suffix}`;
}

/** Calls `read` every pollIntervalMs until `done` says so or `maxWaitMs` (default 5 min, like the CLI's waiters) passes. */
export async function poll<T>(scope: StepScope, read: () => Promise<T>, done: (value: T) => boolean, maxWaitMs = 300_000): Promise<T> {
  const deadline = Date.now() + maxWaitMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await sleep(scope.pollIntervalMs, undefined, { signal: scope.signal });
    value = await read();
  }
  return value;
}

/** Epoch time (Date or seconds) as ISO-8601. */
export function iso(time: Date | number | undefined): string {
  if (time === undefined) return '-';
  return (typeof time === 'number' ? new Date(time * 1000) : time).toISOString();
}

// The StepRunner: resolves parameters, asks for confirmation before changes (when a confirm
// function is given), runs the step over the ports and returns its outcome as data. Failures
// are explained from the error catalogue; an abort ends as 'cancelled'.
import { equivalentCommands } from '../core/commands.js';
import { checkParam, resolveParams, stepDefinition, type ParamValue, type StepDefinition, type TargetContext } from '../core/steps.js';
import { maskSecret } from '../core/mask-secret.js';
import type { Journal } from '../state/journal.js';
import type { Ledger } from '../state/ledger.js';
import { demoImageDir } from './assets.js';
import { dockerConfigDir } from './docker-config.js';
import { isCancellation, toFailure } from './errors.js';
import type { EcrApi, Identity, ImageEngine } from './ports.js';
import type { StepImpl, StepScope } from './steps/scope.js';
import { STEPS } from './steps/index.js';
import type { RunOptions, StepOutcome, StepRunner } from './types.js';

/** What a runner is built from; chosen once, in src/cli or targets.ts. */
export interface RunnerDeps {
  readonly context: TargetContext;
  readonly ecr: EcrApi;
  readonly identity: Identity;
  readonly engine: ImageEngine;
  readonly ledger: Ledger;
  /** Default: the package's assets/demo-image. */
  readonly assetsDir?: string;
  /** Default: $DOCKER_CONFIG or ~/.docker. */
  readonly dockerConfigDir?: string;
  /** How often scans and lifecycle previews are polled (default 1000 ms). */
  readonly pollIntervalMs?: number;
  /** Ask options.confirm before steps that change AWS: true on live AWS, false on the local ECR. */
  readonly askBeforeChanges: boolean;
  /** Where each outcome is recorded for the lab report; a failed write never fails the step. */
  readonly journal?: Journal;
}

/** Turns text from the command line into the parameter's type; other values pass unchanged. */
function coerce(def: StepDefinition, given: Readonly<Record<string, ParamValue>>): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = { ...given };
  for (const [name, value] of Object.entries(given)) {
    const type = def.params[name]?.type;
    if (typeof value !== 'string') continue;
    if (type === 'number' && /^\d+$/.test(value)) out[name] = Number(value);
    if (type === 'boolean' && (value === 'true' || value === 'false')) out[name] = value === 'true';
  }
  return out;
}

function paramProblem(def: StepDefinition, given: Readonly<Record<string, ParamValue>>): string | undefined {
  for (const [name, value] of Object.entries(given)) {
    const spec = def.params[name];
    if (!spec) return `step '${def.id}' has no parameter '${name}' (it takes: ${Object.keys(def.params).join(', ') || 'none'})`;
    const reason = checkParam(spec, value);
    if (reason) return `parameter '${name}' ${reason}`;
  }
  return undefined;
}

function mask(line: string, secrets: ReadonlySet<string>): string {
  let out = line;
  for (const secret of secrets) if (secret) out = out.split(secret).join(maskSecret(secret));
  return out;
}

type Prepared =
  | { def: StepDefinition; impl: StepImpl; resolved: Record<string, ParamValue>; commands: readonly string[] }
  | { error: { code: string; message: string } };

/** Finds the step, checks and resolves its parameters, and computes its equivalent commands. */
function prepare(stepId: string, given: Readonly<Record<string, ParamValue>>, context: TargetContext): Prepared {
  const def = stepDefinition(stepId);
  const impl = STEPS[stepId];
  if (!def || !impl) return { error: { code: 'UnknownStep', message: `unknown step '${stepId}'` } };
  const params = coerce(def, given);
  const problem = paramProblem(def, params);
  if (problem) return { error: { code: 'InvalidStepParameter', message: problem } };
  const resolved = resolveParams(stepId, params, context);
  return { def, impl, resolved, commands: equivalentCommands(stepId, resolved, context) };
}

/** Creates the runner for one target and one engine. */
export function createRunner(deps: RunnerDeps): StepRunner {
  const assetsDir = deps.assetsDir ?? demoImageDir();
  const configDir = dockerConfigDir(deps.dockerConfigDir);

  async function run(stepId: string, given: Readonly<Record<string, ParamValue>>, options: RunOptions = {}): Promise<StepOutcome> {
    const prepared = prepare(stepId, given, deps.context);
    const outcome = await runStep(stepId, prepared, options);
    if (!deps.journal) return outcome;
    // The parameters tell the report whether a later success was the same step on the same repository.
    await deps.journal.record(outcome, deps.context.kind, 'error' in prepared ? {} : { params: prepared.resolved });
    // A journal that could not be written (or had a bad line) is said with the step, where the
    // learner looks: after its outcome, apart from what the tools printed.
    const warnings = deps.journal.takeWarnings();
    return warnings.length > 0 ? { ...outcome, warnings: [...(outcome.warnings ?? []), ...warnings] } : outcome;
  }

  async function runStep(stepId: string, prepared: Prepared, options: RunOptions): Promise<StepOutcome> {
    // hrtime, not performance.now(): the performance global loads perf_hooks (~1 ms at start).
    const started = process.hrtime.bigint();
    const output: string[] = [];
    const secrets = new Set<string>();
    let commands: readonly string[] = [];
    const print = (line: string): void => {
      const masked = mask(line, secrets);
      output.push(masked);
      options.onEvent?.({ type: 'output', line: masked });
    };
    const finish = (rest: Pick<StepOutcome, 'status'> & Partial<StepOutcome>): StepOutcome => {
      for (const warning of deps.ledger.takeWarnings()) print(warning);
      return { stepId, commands, output, verified: [], durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e6), ...rest };
    };
    if ('error' in prepared) return finish({ status: 'failed', error: prepared.error });
    const { def, impl, resolved } = prepared;
    commands = prepared.commands;
    if (def.changes && deps.askBeforeChanges && options.confirm) {
      const ok = await options.confirm({ stepId, description: `${def.title}: ${commands.join(' && ')}`, iamActions: def.iamActions });
      if (!ok) return finish({ status: 'cancelled', summary: 'Not confirmed: nothing was changed.' });
    }
    if (options.signal?.aborted) return finish({ status: 'cancelled', summary: 'Cancelled before it started: nothing was changed.' });
    const scope: StepScope = {
      ...deps, assetsDir, dockerConfigDir: configDir,
      target: deps.context,
      pollIntervalMs: deps.pollIntervalMs ?? 1000,
      signal: options.signal, confirm: options.confirm,
      print, secret: (value) => { secrets.add(value); },
      io: {
        print, signal: options.signal,
        layer: (id, status, current, total) => options.onEvent?.({ type: 'layer', id, status, current, total }),
      },
    };
    try {
      const report = await impl(scope, resolved);
      return finish({ status: 'succeeded', summary: report.summary, verified: report.verified, commands: report.commands ?? commands });
    } catch (err) {
      if (isCancellation(err, options.signal)) {
        return finish({ status: 'cancelled', summary: 'Cancelled: the action was interrupted; anything it may have created is in the ledger for cleanup.' });
      }
      const failure = toFailure(err);
      return finish({
        status: 'failed',
        error: { code: failure.code, message: mask(failure.message, secrets), explanation: failure.explanation },
      });
    }
  }

  return { context: deps.context, run };
}

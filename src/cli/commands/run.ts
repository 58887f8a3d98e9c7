// `ecr-lab run <step...>|all`: steps without the TUI, for scripts, CI and tests.
import { STEP_IDS, type ParamValue } from '../../core/steps.js';
import { UsageError } from '../errors.js';
import { openTarget, targetLabel, type TargetFlags } from '../target.js';
import { terminalConfirm } from '../confirm.js';
import { printRemaining } from './cleanup.js';

type Opts = TargetFlags & { repo?: string; tag?: string; json?: boolean; yes?: boolean };

function checkSteps(steps: readonly string[]): readonly string[] | 'all' {
  if (steps.length === 1 && steps[0] === 'all') return 'all';
  const unknown = steps.find((s) => !STEP_IDS.includes(s));
  if (unknown) throw new UsageError(`unknown step '${unknown}'; steps are: all, ${STEP_IDS.join(', ')}`);
  return steps;
}

export async function run(steps: readonly string[], opts: Opts): Promise<number> {
  const ids = checkSteps(steps);
  if (opts.live && !opts.yes && process.stdin.isTTY !== true) {
    throw new UsageError('--live without a terminal cannot ask before changing your account; add --yes to allow it');
  }
  const params: Record<string, ParamValue> = {};
  if (opts.repo) params.repository = opts.repo;
  if (opts.tag) params.tag = opts.tag;
  const target = await openTarget(opts);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    if (!opts.json) process.stdout.write(`target: ${targetLabel(target)} (${target.engineReason})\n`);
    const code = await ecrRun(target, ids, params, opts, controller.signal);
    if (controller.signal.aborted) process.stderr.write('ecr-lab: interrupted; the step in progress was cancelled and nothing half-done was recorded\n');
    return controller.signal.aborted ? 130 : code;
  } finally {
    process.off('SIGINT', onSigint);
    if (opts.live) await printRemaining(target.context);
    await target.close();
  }
}

async function ecrRun(
  target: Awaited<ReturnType<typeof openTarget>>, ids: readonly string[] | 'all',
  params: Record<string, ParamValue>, opts: Opts, signal: AbortSignal,
): Promise<number> {
  const { runSteps } = await import('../../workflow/run-all.js');
  return runSteps(target.runner, ids, params, {
    json: opts.json, out: process.stdout, signal, confirm: terminalConfirm(opts.yes === true),
  });
}

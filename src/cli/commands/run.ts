// `ecr-lab run <step...>|all`: steps without the TUI, for scripts, CI and tests.
import { RUN_ALL_IDS, STEP_IDS, stepDefinition, type ParamValue } from '../../core/steps.js';
import { UsageError } from '../errors.js';
import { confirmTarget, openTarget, targetLabel, worldChanges, type TargetFlags } from '../target.js';
import { terminalConfirm } from '../confirm.js';
import { printRemaining } from './cleanup.js';

type Opts = TargetFlags & { repo?: string; tag?: string; json?: boolean; yes?: boolean };

/** The steps asked for: 'all' alone, or step ids (never both, never an unknown one). */
export function checkSteps(steps: readonly string[]): readonly string[] | 'all' {
  if (steps.length === 1 && steps[0] === 'all') return 'all';
  if (steps.includes('all')) {
    throw new UsageError(`'all' runs the seminar's steps in order and cannot be mixed with step names: give either all or steps (${STEP_IDS.join(', ')})`);
  }
  const unknown = steps.find((s) => !STEP_IDS.includes(s));
  // An empty name ('') is unknown too: tested against undefined, not for truth.
  if (unknown !== undefined) {
    const optional = STEP_IDS.filter((id) => !RUN_ALL_IDS.includes(id));
    const allBut = optional.length ? `: not ${optional.join(', ')}, which go beyond the seminar's workflow` : '';
    throw new UsageError(`unknown step '${unknown}'; steps are: ${STEP_IDS.join(', ')} (or all, for ${RUN_ALL_IDS.length} of them in order${allBut})`);
  }
  return steps;
}

/** True when one of the steps changes something (so live AWS asks before it). */
export function changesSomething(ids: readonly string[] | 'all'): boolean {
  return (ids === 'all' ? STEP_IDS : ids).some((id) => stepDefinition(id)?.changes === true);
}

export async function run(steps: readonly string[], opts: Opts): Promise<number> {
  const ids = checkSteps(steps);
  // Read-only steps (whoami, describe-images) change nothing, so there is nothing to ask about.
  if (opts.live && !opts.yes && process.stdin.isTTY !== true && changesSomething(ids)) {
    throw new UsageError('--live without a terminal cannot ask before changing your account; add --yes to allow it');
  }
  const params: Record<string, ParamValue> = {};
  if (opts.repo) params.repository = opts.repo;
  if (opts.tag) params.tag = opts.tag;
  // Listened for before the target starts: a Ctrl+C while the local ECR is still starting ends
  // the run cleanly (the target closed, one line said), not on Node's default action.
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const target = await openTarget(opts);
    try {
      if (!opts.json) process.stdout.write(`target: ${targetLabel(target)} (${target.engineReason})\n`);
      const changed = worldChanges(target);
      if (changed) process.stderr.write(`ecr-lab: still on from an earlier session: ${changed} (steps meet them; ecr-lab's f panel switches them off)\n`);
      const code = await ecrRun(target, ids, params, opts, controller.signal);
      if (controller.signal.aborted) {
        process.stderr.write('ecr-lab: interrupted; the step in progress was cancelled, and anything it may have created is in the ledger for ecr-lab cleanup\n');
      }
      return controller.signal.aborted ? 130 : code;
    } finally {
      if (opts.live) await printRemaining(target.context);
      await target.close();
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function ecrRun(
  target: Awaited<ReturnType<typeof openTarget>>, ids: readonly string[] | 'all',
  params: Record<string, ParamValue>, opts: Opts, signal: AbortSignal,
): Promise<number> {
  const { runSteps } = await import('../../workflow/run-all.js');
  return runSteps(target.runner, ids, params, {
    json: opts.json, out: process.stdout, signal, confirm: terminalConfirm(opts.yes === true, confirmTarget(target)),
  });
}

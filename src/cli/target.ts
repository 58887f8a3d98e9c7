// Chooses the target once: the embedded local ECR by default, real AWS with --live.
// Everything after this works on the Target and never asks which one it is.
import type { LocalTarget, Target } from '../workflow/targets.js';
import { offsetText } from '../core/offset-text.js';
import { StepFailure } from '../workflow/errors.js';
import { iamAnswersFile, stateDir } from '../state/paths.js';
import { UsageError, UserError } from './errors.js';

export interface TargetFlags {
  readonly live?: boolean;
  readonly profile?: string;
  readonly region?: string;
  readonly engine?: 'docker' | 'builtin';
}

/** How the caller uses the target, beyond what the flags say. */
export interface TargetUse {
  /** Open the local ECR's admin endpoint, so `ecr-lab fault` and `clock` reach it (the TUI). */
  readonly admin?: boolean;
  /** A learner watches the cards (the TUI, a presenter): the local scan lasts long enough to see. */
  readonly interactive?: boolean;
}

/** Starts the target the flags ask for; a missing region or credentials is one line. */
export async function openTarget(flags: TargetFlags, use: TargetUse = {}): Promise<Target> {
  if (!flags.live && flags.profile) throw new UsageError('--profile goes with --live (the local ECR has its own identity)');
  if (!flags.live && flags.region) throw new UsageError('--region goes with --live here; the local ECR is us-east-1 (ecr-lab serve --region R for another)');
  // The local ECR's policy simulator loads on its own thread from here on, while this one
  // loads the target's modules and starts the local ECR (~100 ms of compiling on Node 20),
  // unless its answers are kept from an earlier run (iam/answer-cache.ts).
  if (!flags.live) {
    const [{ loadSimulator }, { AnswerCache }] = await Promise.all([import('../local-ecr/iam/evaluate.js'), import('../local-ecr/iam/answer-cache.js')]);
    loadSimulator(await AnswerCache.open(iamAnswersFile()));
  }
  const { createLiveTarget, createLocalTarget } = await import('../workflow/targets.js');
  if (!flags.live) return createLocalTarget({ stateDir: stateDir(), engine: flags.engine ?? 'auto', admin: use.admin, interactive: use.interactive });
  applyProfileForEndpoints(flags.profile);
  try {
    return await createLiveTarget({ stateDir: stateDir(), profile: flags.profile, region: flags.region, engine: flags.engine ?? 'auto' });
  } catch (err) {
    if (err instanceof StepFailure) {
      const fix = err.explanation?.fix ? ` Fix: ${err.explanation.fix}` : '';
      throw new UserError(`live AWS: ${err.code === 'RegionMissing' ? '' : `${err.code}: `}${err.message}.${fix}`);
    }
    throw err;
  }
}

/**
 * --profile P, for the SDK's endpoint settings too. The SDK reads `endpoint_url` and `services`
 * from the profile AWS_PROFILE names (or `default`), not from the client's `profile` option, while
 * `aws --profile P` reads them from P: naming P in AWS_PROFILE for this process makes both agree.
 */
export function applyProfileForEndpoints(profile: string | undefined): void {
  if (profile) process.env.AWS_PROFILE = profile;
}

/** The target a y/N question names: the local ECR, the AWS account, or an account that is not AWS's. */
export function confirmTarget(target: Pick<Target, 'context' | 'nonAwsEndpoint'>): string {
  const c = target.context;
  if (c.kind === 'local') return `the local ECR at ${c.registry} (account ${c.account}, ${c.region}; nothing leaves this machine)`;
  const profile = c.profile ? `, profile ${c.profile}` : '';
  if (target.nonAwsEndpoint) return `account ${c.account} (${c.region}${profile}) at ${target.nonAwsEndpoint}, which is NOT AWS`;
  return `your AWS account ${c.account} (${c.region}${profile})`;
}

/** The label the status bar and plain output use for a target. */
export function targetLabel(target: Target): string {
  const c = target.context;
  const live = target.nonAwsEndpoint ? `live, NOT AWS: ${target.nonAwsEndpoint},` : 'live AWS';
  const where = c.kind === 'local' ? `local ECR ${c.registry}` : `${live} ${c.account} ${c.region}${c.profile ? ` (${c.profile})` : ''}`;
  return `${where} · ${target.engine}`;
}

/**
 * What is still changed in the local ECR's world (faults on, a moved clock), or undefined. They
 * are kept in its data directory from one session to the next, and a step that fails because of
 * one should not look like a mystery: `run` says them as it starts, the TUI and presenter as they quit.
 */
export function worldChanges(target: Target): string | undefined {
  if (!('server' in target)) return undefined;
  const { faults, clock } = (target as LocalTarget).server.context;
  const names = faults.list().map((f) => f.name);
  const offset = clock.offset();
  const parts = [names.length > 0 ? `faults on: ${names.join(', ')}` : '', offset !== 0 ? `clock ${offsetText(offset)}` : ''].filter((p) => p !== '');
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

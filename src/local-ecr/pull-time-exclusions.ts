// Pull-time update exclusions: the IAM principals whose pulls ECR does not record in
// lastRecordedPullTime (a scanner, a backup job), so that sinceImagePulled rules see only real
// use. Kept in registry.json's `pullTimeUpdateExclusions` section.
import type { EcrContext } from './context.js';
import type { Caller } from './iam/types.js';

export const EXCLUSIONS_SECTION = 'pullTimeUpdateExclusions';

export interface PullTimeExclusion {
  readonly principalArn: string;
  /** Epoch seconds. */
  readonly createdAt: number;
}

/** The registry's exclusions, oldest first. */
export function pullTimeExclusions(ctx: EcrContext): readonly PullTimeExclusion[] {
  return ctx.registry.get<PullTimeExclusion[]>(EXCLUSIONS_SECTION) ?? [];
}

/**
 * Whether `arn` (an IAM user or role ARN, with or without a path) names the caller. A role
 * session `assumed-role/<role>/<session>` is the role: that is what one registers.
 */
function names(arn: string, caller: Caller): boolean {
  const m = /^arn:aws(?:-[a-z]+)*:iam::(\d{12}):(role|user)\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!m || m[1] !== caller.account) return false;
  return (m[2] === 'role') === (caller.kind === 'assumed-role') && m[3] === caller.entity;
}

/** True when a pull by `caller` must leave lastRecordedPullTime alone. */
export function isPullTimeExcluded(ctx: EcrContext, caller: Caller | undefined): boolean {
  return caller !== undefined && pullTimeExclusions(ctx).some((e) => names(e.principalArn, caller));
}

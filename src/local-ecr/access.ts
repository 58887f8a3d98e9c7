// Who is calling and what they may do, for both the ECR API and the registry: access keys are
// looked up in the local IAM (with the credential faults applied), and every action is
// authorised against the caller's identity policies, the repository's policy and the registry
// policy together.
import type { EcrContext } from './context.js';
import { authorize } from './iam/evaluate.js';
import type { Caller } from './iam/types.js';
import { LEARNER, type CredentialLookup } from './iam/world.js';
import { registryPolicyFor } from './registry-policy.js';

/** The IAM's answer for an access key, with `credentials-expired` applied to the learner. */
export function lookupCredential(ctx: EcrContext, accessKeyId: string): CredentialLookup {
  const found = ctx.iam.credential(accessKeyId, ctx.clock.now());
  if (found.status === 'ok' && found.caller.kind === 'user' && found.caller.entity === LEARNER && ctx.faults.isOn('credentials-expired')) {
    return { status: 'expired', caller: found.caller };
  }
  return found;
}

/** The repository's policy when `resource` is a repository ARN of this registry. */
function repositoryPolicyFor(ctx: EcrContext, resource: string): string | undefined {
  const prefix = `arn:aws:ecr:${ctx.config.region}:${ctx.config.account}:repository/`;
  return resource.startsWith(prefix) ? ctx.store.getRepository(resource.slice(prefix.length))?.repositoryPolicy : undefined;
}

/** Undefined when `caller` may do `action` on `resource`; else AWS's denial text. */
export function authorizeCall(ctx: EcrContext, caller: Caller, action: string, resource: string): Promise<string | undefined> {
  return authorize({
    caller, action, resource,
    identityPolicies: ctx.iam.policiesOf(caller),
    resourcePolicy: repositoryPolicyFor(ctx, resource),
    registryPolicy: registryPolicyFor(ctx, action, resource),
    nowMs: ctx.clock.now(),
  });
}

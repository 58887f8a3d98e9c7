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

/** Answers kept per local ECR; dropped whole when full (a class makes a few hundred keys). */
const answers = new WeakMap<EcrContext, Map<string, Promise<string | undefined>>>();
const MAX_ANSWERS = 5000;

/**
 * Policies that read the time (aws:CurrentTime, aws:EpochTime) must be evaluated each time: the
 * local clock moves. Every other context value the evaluator gets comes from the caller.
 */
const READS_TIME = /aws:(CurrentTime|EpochTime)/i;

/**
 * Undefined when `caller` may do `action` on `resource`; else AWS's denial text.
 *
 * The simulator costs far more than a registry request's own work, and a push or pull asks the
 * same question dozens of times. The answer is a function of the caller, the action, the
 * resource and the texts of the policies in play, so those make the cache key: any change to
 * an identity, repository or registry policy is a different key, with no writer to remember
 * to invalidate anything. Whether the key is still valid (a deleted user or key) was already
 * checked by the caller's lookup, which is not cached.
 */
export function authorizeCall(ctx: EcrContext, caller: Caller, action: string, resource: string): Promise<string | undefined> {
  const identityPolicies = ctx.iam.policiesOf(caller);
  const resourcePolicy = repositoryPolicyFor(ctx, resource);
  const registryPolicy = registryPolicyFor(ctx, action, resource);
  const evaluate = () => authorize({ caller, action, resource, identityPolicies, resourcePolicy, registryPolicy, nowMs: ctx.clock.now() });
  const key = JSON.stringify([
    caller.kind, caller.arn, caller.userId, caller.account, caller.entity, action, resource,
    resourcePolicy ?? null, registryPolicy ?? null, identityPolicies,
  ]);
  if (READS_TIME.test(key)) return evaluate();
  let cache = answers.get(ctx);
  if (!cache) answers.set(ctx, cache = new Map());
  const known = cache.get(key);
  if (known) return known;
  if (cache.size >= MAX_ANSWERS) cache.clear();
  const answer = evaluate();
  cache.set(key, answer);
  answer.catch(() => cache.delete(key));
  return answer;
}

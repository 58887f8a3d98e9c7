// The registry policy (Put/Get/DeleteRegistryPolicy), kept in the `registryPolicy` section of
// registry.json, and which requests it governs. ECR user guide (registry-permissions-create):
// with scope V2 "Amazon ECR allows all ECR actions in the policy and enforces the registry policy
// in all ECR requests"; with the old scope V1 it only governed three actions.
//
// Only one account is modelled here, so a statement naming another account's principal (as
// cross-account replication policies do) is kept and shown but never matches a caller.
import { accountSetting } from './account-settings.js';
import type { EcrContext } from './context.js';

export const REGISTRY_POLICY_SECTION = 'registryPolicy';

export interface RegistryPolicyState {
  /** The policy text as ECR answers it (re-formatted like repository policies). */
  readonly policyText: string;
}

/** What the V1 scope enforced at the registry level (ECR user guide, registry-permissions-create). */
export const V1_REGISTRY_ACTIONS: readonly string[] = ['ecr:ReplicateImage', 'ecr:BatchImportUpstreamImage', 'ecr:CreateRepository'];

/** The stored registry policy text, if the registry has one. */
export function registryPolicyText(ctx: Pick<EcrContext, 'registry'>): string | undefined {
  return ctx.registry.get<RegistryPolicyState>(REGISTRY_POLICY_SECTION)?.policyText;
}

/**
 * The registry policy that governs `action` on `resource`: only ECR actions on this registry's
 * repositories (registry-level calls and IAM/STS calls have no repository to protect), and under
 * V1 only the three registry actions. A V1 scope can only come from an older registry.json:
 * PutAccountSetting offers V2 alone.
 */
export function registryPolicyFor(ctx: Pick<EcrContext, 'registry' | 'config'>, action: string, resource: string): string | undefined {
  const prefix = `arn:aws:ecr:${ctx.config.region}:${ctx.config.account}:repository/`;
  if (!action.startsWith('ecr:') || !resource.startsWith(prefix)) return undefined;
  if (accountSetting(ctx, 'REGISTRY_POLICY_SCOPE') !== 'V2' && !V1_REGISTRY_ACTIONS.includes(action)) return undefined;
  return registryPolicyText(ctx);
}

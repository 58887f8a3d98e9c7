// Registry-level configuration: DescribeRegistry, the registry policy, registry scanning configuration, BatchGetRepositoryScanningConfiguration, account settings.
import { REGISTRY_POLICY_SECTION, registryPolicyText, V1_REGISTRY_ACTIONS, type RegistryPolicyState } from '../../registry-policy.js';
import { accountSetting } from '../../account-settings.js';
import { REPLICATION_SECTION } from '../../replication/config.js';
import type { Call, Operation } from '../call.js';
import { EcrError, invalidParameter } from '../errors.js';
import { requiredString } from '../validate.js';
import { GetAccountSetting, PutAccountSetting } from './account-setting-ops.js';
import {
  BatchGetRepositoryScanningConfiguration, GetRegistryScanningConfiguration, PutRegistryScanningConfiguration,
} from './registry-scanning-ops.js';
import { checkedPolicy } from './repository-policy.js';

// "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid registry policy
// provided'" (moto; a user's transcript; terraform-provider-aws matched the text in its retries).
const REFUSAL = 'Invalid registry policy provided';

function registryPolicyNotFound(registryId: string): EcrError {
  // Text as moto has it (moto/ecr/exceptions.py); not seen from ECR itself.
  return new EcrError('RegistryPolicyNotFoundException', `Registry policy does not exist in the registry with id '${registryId}'`);
}

function actionsOf(statement: Record<string, unknown>): string[] {
  const action = statement.Action ?? statement.NotAction;
  return (Array.isArray(action) ? action : [action]).map(String);
}

/**
 * A registry policy ECR would accept: a valid resource policy (the repository policy's checker)
 * whose actions are ECR's; under the V1 scope only the three registry actions were allowed.
 */
async function checkedRegistryPolicy(call: Call, text: string): Promise<string> {
  const formatted = await checkedPolicy(text, REFUSAL);
  const statement = (JSON.parse(text) as { Statement: unknown }).Statement;
  const statements = (Array.isArray(statement) ? statement : [statement]) as Record<string, unknown>[];
  const v2 = accountSetting(call.ctx, 'REGISTRY_POLICY_SCOPE') === 'V2';
  // UNVERIFIED: that V2 refuses a non-ECR action (the user guide: "allows all ECR actions").
  const allowed = (a: string) => (v2 ? /^ecr:[A-Za-z*?]+$/.test(a) : V1_REGISTRY_ACTIONS.includes(a));
  if (!statements.every((s) => actionsOf(s).every(allowed))) throw invalidParameter('PolicyText', REFUSAL);
  return formatted;
}

function storedPolicy(call: Call): string {
  const policy = registryPolicyText(call.ctx);
  if (policy === undefined) throw registryPolicyNotFound(call.ctx.config.account);
  return policy;
}

const DescribeRegistry: Operation = {
  resource: () => '*',
  run(call) {
    const replicationConfiguration = call.ctx.registry.get<unknown>(REPLICATION_SECTION) ?? { rules: [] };
    return Promise.resolve({ registryId: call.ctx.config.account, replicationConfiguration });
  },
};

const PutRegistryPolicy: Operation = {
  resource: () => '*',
  async run(call) {
    const policyText = await checkedRegistryPolicy(call, requiredString(call.input, 'policyText'));
    await call.ctx.registry.update<RegistryPolicyState>(REGISTRY_POLICY_SECTION, () => ({ policyText }));
    return { registryId: call.ctx.config.account, policyText };
  },
};

const GetRegistryPolicy: Operation = {
  resource: () => '*',
  run(call) {
    return Promise.resolve({ registryId: call.ctx.config.account, policyText: storedPolicy(call) });
  },
};

const DeleteRegistryPolicy: Operation = {
  resource: () => '*',
  async run(call) {
    const policyText = storedPolicy(call);
    await call.ctx.registry.update<RegistryPolicyState>(REGISTRY_POLICY_SECTION, () => undefined);
    return { registryId: call.ctx.config.account, policyText };
  },
};

export const REGISTRY_CONFIG_OPERATIONS: Readonly<Record<string, Operation>> = {
  DescribeRegistry, PutRegistryPolicy, GetRegistryPolicy, DeleteRegistryPolicy,
  PutRegistryScanningConfiguration, GetRegistryScanningConfiguration, BatchGetRepositoryScanningConfiguration,
  GetAccountSetting, PutAccountSetting,
};

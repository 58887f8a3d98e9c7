// Pull-through cache rules (Create/Describe/Update/Delete/ValidatePullThroughCacheRule), and the
// repository creation template operations they are exported with. The rules live in the
// registry section of ../../pull-through/rules.ts; the pull itself is ../../pull-through/cache.ts.
import { hasUpstreamContent } from '../../upstream/content.js';
import { listRules, needsCredentials, RULES_SECTION, type PullThroughRule, type RulesSection } from '../../pull-through/rules.js';
import type { Call, Operation } from '../call.js';
import { EcrError } from '../errors.js';
import { paginate } from '../paginate.js';
import { checkLength, maxResults, optionalString, registryId } from '../validate.js';
import { TEMPLATE_OPERATIONS } from './creation-template-ops.js';
import { checkEcrOnly, credentialArn, customRoleArn, rulePrefix, ruleNotFound, upstreamOf } from './pull-through-input.js';

/** ECR's quota of rules per registry (Service Quotas: "Pull through cache rules per registry"). */
const MAX_RULES = 50;

function storedRule(call: Call, prefix: string, registry: string): PullThroughRule {
  const rule = registry === call.ctx.config.account ? call.ctx.registry.get<RulesSection>(RULES_SECTION)?.[prefix] : undefined;
  if (!rule) throw ruleNotFound(prefix, registry);
  return rule;
}

/** The optional members a rule answers with only when it has them. */
function optionalRuleMembers(rule: PullThroughRule): Record<string, unknown> {
  return {
    ...(rule.credentialArn ? { credentialArn: rule.credentialArn } : {}),
    ...(rule.customRoleArn ? { customRoleArn: rule.customRoleArn } : {}),
    ...(rule.upstreamRepositoryPrefix ? { upstreamRepositoryPrefix: rule.upstreamRepositoryPrefix } : {}),
  };
}

function ruleJson(rule: PullThroughRule, registry: string): Record<string, unknown> {
  return {
    ecrRepositoryPrefix: rule.ecrRepositoryPrefix, upstreamRegistryUrl: rule.upstreamRegistryUrl,
    createdAt: rule.createdAt, registryId: registry, upstreamRegistry: rule.upstreamRegistry,
    ...optionalRuleMembers(rule),
  };
}

const CreatePullThroughCacheRule: Operation = {
  resource: () => '*',
  async run(call) {
    const { input, ctx } = call;
    const prefix = rulePrefix(input, 'ecrRepositoryPrefix', true) as string;
    const registry = registryId(input, ctx.config.account);
    const upstream = upstreamOf(input);
    const credential = credentialArn(input);
    const role = customRoleArn(input);
    const upstreamPrefix = rulePrefix(input, 'upstreamRepositoryPrefix', false);
    checkEcrOnly(upstream.registry, prefix, upstreamPrefix);
    if (needsCredentials(upstream.registry) && credential === undefined) {
      // UNVERIFIED: the text; the model documents credentialArn as required for these upstreams.
      throw new EcrError('InvalidParameterException', `Invalid parameter: credentialArn is required for upstream registry '${upstream.registry}'`);
    }
    const rule: PullThroughRule = {
      ecrRepositoryPrefix: prefix, upstreamRegistryUrl: upstream.url, upstreamRegistry: upstream.registry,
      createdAt: call.now, updatedAt: call.now,
      ...(credential ? { credentialArn: credential } : {}),
      ...(role ? { customRoleArn: role } : {}),
      ...(upstreamPrefix ? { upstreamRepositoryPrefix: upstreamPrefix } : {}),
    };
    await ctx.registry.update<RulesSection>(RULES_SECTION, (current = {}) => {
      if (Object.hasOwn(current, prefix)) {
        throw new EcrError('PullThroughCacheRuleAlreadyExistsException',
          `A pull through cache rule with prefix '${prefix}' already exists in the registry with id '${registry}'`); // UNVERIFIED text
      }
      if (Object.keys(current).length >= MAX_RULES) {
        throw new EcrError('LimitExceededException', `The maximum number of pull through cache rules (${MAX_RULES}) for the registry has been reached.`); // UNVERIFIED text
      }
      return { ...current, [prefix]: rule };
    });
    return ruleJson(rule, registry);
  },
};

const DescribePullThroughCacheRules: Operation = {
  resource: () => '*',
  async run(call) {
    const { input, ctx } = call;
    const registry = registryId(input, ctx.config.account);
    const max = maxResults(input, 1000);
    const nextToken = optionalString(input, 'nextToken');
    const prefixes = input.ecrRepositoryPrefixes;
    let rules: PullThroughRule[];
    if (prefixes !== undefined && prefixes !== null) {
      if (!Array.isArray(prefixes)) throw new EcrError('SerializationException', "Unexpected value type for 'ecrRepositoryPrefixes'");
      checkLength('ecrRepositoryPrefixes', prefixes, 1, 100);
      rules = prefixes.map((p: unknown) => storedRule(call, rulePrefix({ ecrRepositoryPrefixes: p }, 'ecrRepositoryPrefixes', true) as string, registry));
    } else {
      rules = registry === ctx.config.account ? [...listRules(ctx)] : [];
      rules.sort((a, b) => a.createdAt - b.createdAt || a.ecrRepositoryPrefix.localeCompare(b.ecrRepositoryPrefix));
    }
    const page = paginate(rules, nextToken, max);
    return {
      pullThroughCacheRules: page.items.map((r) => ({ ...ruleJson(r, registry), updatedAt: r.updatedAt })),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  },
};

const UpdatePullThroughCacheRule: Operation = {
  resource: () => '*',
  async run(call) {
    const { input, ctx } = call;
    const prefix = rulePrefix(input, 'ecrRepositoryPrefix', true) as string;
    const registry = registryId(input, ctx.config.account);
    const credential = credentialArn(input);
    const role = customRoleArn(input);
    const old = storedRule(call, prefix, registry);
    if (credential === undefined && role === undefined) {
      // UNVERIFIED: the text; an update must change the secret or the role.
      throw new EcrError('InvalidParameterException', 'Invalid parameter: at least one of credentialArn or customRoleArn must be specified');
    }
    const rule: PullThroughRule = {
      ...old, updatedAt: call.now,
      ...(credential !== undefined ? { credentialArn: credential } : {}),
      ...(role !== undefined ? { customRoleArn: role } : {}),
    };
    await ctx.registry.update<RulesSection>(RULES_SECTION, (current = {}) => {
      if (!Object.hasOwn(current, prefix)) throw ruleNotFound(prefix, registry);
      return { ...current, [prefix]: rule };
    });
    return {
      ecrRepositoryPrefix: prefix, registryId: registry, updatedAt: rule.updatedAt, ...optionalRuleMembers(rule),
    };
  },
};

const DeletePullThroughCacheRule: Operation = {
  resource: () => '*',
  async run(call) {
    const { input, ctx } = call;
    const prefix = rulePrefix(input, 'ecrRepositoryPrefix', true) as string;
    const registry = registryId(input, ctx.config.account);
    const rule = storedRule(call, prefix, registry);
    await ctx.registry.update<RulesSection>(RULES_SECTION, (current = {}) => {
      if (!Object.hasOwn(current, prefix)) throw ruleNotFound(prefix, registry);
      const { [prefix]: _gone, ...rest } = current;
      return rest;
    });
    const { upstreamRegistry: _registry, ...deleted } = ruleJson(rule, registry);
    return deleted;
  },
};

const ValidatePullThroughCacheRule: Operation = {
  resource: () => '*',
  async run(call) {
    const { input, ctx } = call;
    const prefix = rulePrefix(input, 'ecrRepositoryPrefix', true) as string;
    const registry = registryId(input, ctx.config.account);
    const rule = storedRule(call, prefix, registry);
    // Simulated: ECR signs in to the upstream with the secret; here the upstream is ecr-lab's
    // loopback stand-in, reachable only for the registries it ships content for.
    const reachable = hasUpstreamContent(rule.upstreamRegistry);
    return {
      ecrRepositoryPrefix: prefix, registryId: registry, upstreamRegistryUrl: rule.upstreamRegistryUrl,
      ...(rule.credentialArn ? { credentialArn: rule.credentialArn } : {}),
      ...(rule.customRoleArn ? { customRoleArn: rule.customRoleArn } : {}),
      ...(rule.upstreamRepositoryPrefix ? { upstreamRepositoryPrefix: rule.upstreamRepositoryPrefix } : {}),
      isValid: reachable,
      ...(reachable ? {} : {
        failure: `Unable to connect to the upstream registry ${rule.upstreamRegistryUrl} (simulated: ecr-lab ships no stand-in content for '${rule.upstreamRegistry}')`,
      }),
    };
  },
};

export const PULL_THROUGH_OPERATIONS: Readonly<Record<string, Operation>> = {
  CreatePullThroughCacheRule, DescribePullThroughCacheRules, UpdatePullThroughCacheRule,
  DeletePullThroughCacheRule, ValidatePullThroughCacheRule,
  ...TEMPLATE_OPERATIONS,
};

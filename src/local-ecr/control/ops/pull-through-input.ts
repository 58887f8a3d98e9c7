// The members of the pull-through cache rule operations, validated as ECR does: the prefix
// pattern, the upstream registry and its URL, the `ecr-pullthroughcache/` secret, and the
// members only ECR-to-ECR rules take.
import { registryForUrl, UPSTREAM_REGISTRIES, urlFits, type UpstreamRegistry } from '../../pull-through/rules.js';
import { EcrError, invalidParameter } from '../errors.js';
import { checkLength, enumValue, optionalString, requiredString } from '../validate.js';

/** ecrRepositoryPrefix and upstreamRepositoryPrefix (PullThroughCacheRuleRepositoryPrefix). */
export const PREFIX_PATTERN = '^([a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*\\/?|ROOT)$';
const PREFIX = new RegExp(PREFIX_PATTERN);
const CREDENTIAL_ARN = /^arn:aws(-\w+)*:secretsmanager:[a-zA-Z0-9-:]+:secret:ecr-pullthroughcache\/[a-zA-Z0-9/_+=.@-]+$/;

/** A rule prefix as sent; ECR keeps it as given (a trailing `/` is implied, not added). */
export function rulePrefix(input: Record<string, unknown>, member: string, required: boolean): string | undefined {
  const value = required ? requiredString(input, member) : optionalString(input, member);
  if (value === undefined) return undefined;
  checkLength(member, value, 2, 30);
  if (!PREFIX.test(value)) throw invalidParameter(member, `must satisfy regular expression '${PREFIX_PATTERN}'`);
  return value;
}

export function credentialArn(input: Record<string, unknown>): string | undefined {
  const arn = optionalString(input, 'credentialArn');
  if (arn === undefined) return undefined;
  checkLength('credentialArn', arn, 50, 612);
  if (!CREDENTIAL_ARN.test(arn)) {
    throw invalidParameter('credentialArn', "must satisfy regular expression '^arn:aws(-\\w+)*:secretsmanager:[a-zA-Z0-9-:]+:secret:ecr\\-pullthroughcache\\/[a-zA-Z0-9\\/_+=.@-]+$'");
  }
  return arn;
}

export function customRoleArn(input: Record<string, unknown>): string | undefined {
  const arn = optionalString(input, 'customRoleArn');
  if (arn !== undefined) checkLength('customRoleArn', arn, 0, 2048);
  return arn;
}

// UNVERIFIED: the texts of the two rule exceptions (their types and meaning are the model's).
export function ruleNotFound(prefix: string, registry: string): EcrError {
  return new EcrError('PullThroughCacheRuleNotFoundException',
    `The pull through cache rule with prefix '${prefix}' does not exist in the registry with id '${registry}'`);
}

/** The upstream and URL of a new rule, checked against each other as ECR does. */
export function upstreamOf(input: Record<string, unknown>): { registry: UpstreamRegistry; url: string } {
  const url = requiredString(input, 'upstreamRegistryUrl');
  const named = enumValue(input, 'upstreamRegistry', UPSTREAM_REGISTRIES);
  const registry = named ?? registryForUrl(url);
  // UNVERIFIED: ECR's wording for a URL that is not the chosen upstream's.
  if (!registry || !urlFits(registry, url)) {
    throw new EcrError('UnsupportedUpstreamRegistryException', `The upstream registry URL '${url}' is not supported${named ? ` for upstream registry '${named}'` : ''}.`);
  }
  return { registry, url };
}

/** The ECR-to-ECR-only members: ROOT prefixes and an upstream prefix. */
export function checkEcrOnly(registry: UpstreamRegistry, prefix: string, upstreamPrefix: string | undefined): void {
  if (registry === 'ecr') return;
  // UNVERIFIED: the texts; ECR documents ROOT and upstreamRepositoryPrefix for ECR upstreams only.
  if (prefix === 'ROOT') throw new EcrError('InvalidParameterException', "Invalid parameter: ecrRepositoryPrefix 'ROOT' is only supported when the upstream registry is 'ecr'");
  if (upstreamPrefix !== undefined) throw new EcrError('InvalidParameterException', "Invalid parameter: upstreamRepositoryPrefix is only supported when the upstream registry is 'ecr'");
}

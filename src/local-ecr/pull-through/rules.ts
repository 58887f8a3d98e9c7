// Pull-through cache rules: their stored shape, the upstream registries ECR supports (with the
// URL each one must have and whether it needs credentials), and which rule a repository name
// falls under, with the upstream repository it stands for.
import type { EcrContext } from '../context.js';

export const UPSTREAM_REGISTRIES = [
  'ecr', 'ecr-public', 'quay', 'k8s', 'docker-hub', 'github-container-registry', 'azure-container-registry',
  'gitlab-container-registry', 'chainguard',
] as const;
export type UpstreamRegistry = typeof UPSTREAM_REGISTRIES[number];

/** The registry section holding the rules, keyed by ecrRepositoryPrefix. */
export const RULES_SECTION = 'pullThroughCacheRules';

export interface PullThroughRule {
  readonly ecrRepositoryPrefix: string;
  readonly upstreamRegistryUrl: string;
  readonly upstreamRegistry: UpstreamRegistry;
  readonly credentialArn?: string;
  readonly customRoleArn?: string;
  readonly upstreamRepositoryPrefix?: string;
  /** Epoch seconds. */
  readonly createdAt: number;
  /** Epoch seconds. */
  readonly updatedAt: number;
}

export type RulesSection = Readonly<Record<string, PullThroughRule>>;

/** The URL each upstream registry must be given (ECR's model documentation). */
const URLS: Readonly<Record<UpstreamRegistry, RegExp>> = {
  'ecr': /^[0-9]{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com$/,
  'ecr-public': /^public\.ecr\.aws$/,
  'quay': /^quay\.io$/,
  'k8s': /^registry\.k8s\.io$/,
  'docker-hub': /^registry-1\.docker\.io$/,
  'github-container-registry': /^ghcr\.io$/,
  'azure-container-registry': /^[a-z0-9]+\.azurecr\.io$/,
  'gitlab-container-registry': /^registry\.gitlab\.com$/,
  'chainguard': /^cgr\.dev$/,
};

/** Upstreams that refuse anonymous pulls: a rule for them needs a Secrets Manager secret. */
const NEEDS_CREDENTIALS: readonly UpstreamRegistry[] = [
  'docker-hub', 'github-container-registry', 'azure-container-registry', 'gitlab-container-registry',
];

export function urlFits(registry: UpstreamRegistry, url: string): boolean {
  return URLS[registry].test(url);
}

export function needsCredentials(registry: UpstreamRegistry): boolean {
  return NEEDS_CREDENTIALS.includes(registry);
}

/** The upstream a URL names, for a rule created without `upstreamRegistry` (the older API). */
export function registryForUrl(url: string): UpstreamRegistry | undefined {
  return UPSTREAM_REGISTRIES.find((r) => URLS[r].test(url));
}

export function listRules(ctx: EcrContext): readonly PullThroughRule[] {
  return Object.values(ctx.registry.get<RulesSection>(RULES_SECTION) ?? {});
}

function namespace(prefix: string): string {
  return prefix.endsWith('/') ? prefix : `${prefix}/`;
}

/** A repository under a rule, and the upstream repository it caches. */
export interface RuleMatch {
  readonly rule: PullThroughRule;
  readonly upstreamRepository: string;
}

/**
 * The rule a repository name falls under (the longest prefix; ROOT last) and the upstream
 * repository it maps to, name for name: for Docker Hub's official images the `library/` part
 * must be given (`<prefix>/library/alpine`); ECR does not add it as docker does
 * (pull-through-cache-working.html).
 */
export function ruleFor(ctx: EcrContext, repositoryName: string): RuleMatch | undefined {
  const rules = listRules(ctx);
  const named = rules
    .filter((r) => r.ecrRepositoryPrefix !== 'ROOT' && repositoryName.startsWith(namespace(r.ecrRepositoryPrefix)))
    .sort((a, b) => b.ecrRepositoryPrefix.length - a.ecrRepositoryPrefix.length)[0];
  const rule = named ?? rules.find((r) => r.ecrRepositoryPrefix === 'ROOT');
  if (!rule) return undefined;
  const rest = named ? repositoryName.slice(namespace(rule.ecrRepositoryPrefix).length) : repositoryName;
  if (rest === '') return undefined;
  const upstreamPrefix = rule.upstreamRepositoryPrefix && rule.upstreamRepositoryPrefix !== 'ROOT'
    ? namespace(rule.upstreamRepositoryPrefix) : '';
  return { rule, upstreamRepository: `${upstreamPrefix}${rest}` };
}

// The registry's replication configuration: its stored shape (registry section
// 'replicationConfiguration', kept exactly as put), ECR's validation of it, and which
// destinations a repository's pushes go to.
import { EcrError, invalidParameter } from '../control/errors.js';
import { checkLength, listValue, structureValue, type Input } from '../control/validate.js';

/** The registry section DescribeRegistry reads the configuration from. */
export const REPLICATION_SECTION = 'replicationConfiguration';

export interface ReplicationDestination {
  readonly region: string;
  readonly registryId: string;
}

export interface RepositoryFilter {
  readonly filter: string;
  readonly filterType: 'PREFIX_MATCH';
}

export interface ReplicationRule {
  readonly destinations: readonly ReplicationDestination[];
  readonly repositoryFilters?: readonly RepositoryFilter[];
}

/** What PutReplicationConfiguration stores and DescribeRegistry answers. */
export interface ReplicationConfiguration {
  readonly rules: readonly ReplicationRule[];
}

const REGION = /^[0-9a-z-]{2,25}$/;
/**
 * The shape of a region of the AWS partitions (the SDK's partitions.js regionRegex values):
 * every destination gets a local ECR of its own, so names no region has (`zz-0`) are refused
 * rather than each starting a server. UNVERIFIED: ECR's text for an unknown region.
 */
const AWS_REGION = /^(?:us|eu|ap|sa|ca|me|af|il|mx|cn|us-gov|us-iso|us-isob|eu-isoe|us-isof)-[a-z]+-\d+$/;
const REGISTRY_ID = /^[0-9]{12}$/;
const FILTER_PATTERN = '^(?:[a-z0-9]+(?:[._-][a-z0-9]*)*/)*[a-z0-9]*(?:[._-][a-z0-9]*)*$';
const FILTER = new RegExp(FILTER_PATTERN);
/** ECR's service quota: unique destinations across all rules (user guide, replication). */
const MAX_UNIQUE_DESTINATIONS = 25;

function serialization(member: string): EcrError {
  return new EcrError('SerializationException', `Unexpected value type for '${member}'`);
}

function list(value: unknown, member: string, min: number, max: number): readonly unknown[] {
  const entries = listValue(value, member);
  if (entries === undefined) throw serialization(member);
  checkLength(member, entries, min, max);
  return entries;
}

function text(input: Input, key: string, member: string): string {
  const value = input[key];
  if (value === undefined || value === null) throw invalidParameter(`${member}.${key}`, 'Member must not be null');
  if (typeof value !== 'string') throw serialization(`${member}.${key}`);
  return value;
}

/** One destination, checked against the model's patterns. */
export function parseDestination(value: unknown, member: string): ReplicationDestination {
  const d = structureValue(value, member);
  const region = text(d, 'region', member);
  if (region.length < 2) throw invalidParameter(`${member}.region`, 'Member must have length greater than or equal to 2');
  if (region.length > 25) throw invalidParameter(`${member}.region`, 'Member must have length less than or equal to 25');
  if (!REGION.test(region)) throw invalidParameter(`${member}.region`, 'Member must satisfy regular expression pattern: [0-9a-z-]{2,25}');
  if (!AWS_REGION.test(region)) throw invalidParameter(`${member}.region`, `Invalid destination region '${region}'`);
  const registryId = text(d, 'registryId', member);
  if (!REGISTRY_ID.test(registryId)) throw invalidParameter(`${member}.registryId`, 'Member must satisfy regular expression pattern: [0-9]{12}');
  return { region, registryId };
}

function parseFilter(value: unknown, member: string): RepositoryFilter {
  const f = structureValue(value, member);
  const filter = text(f, 'filter', member);
  if (filter.length < 2) throw invalidParameter(`${member}.filter`, 'Member must have length greater than or equal to 2');
  if (filter.length > 256) throw invalidParameter(`${member}.filter`, 'Member must have length less than or equal to 256');
  if (!FILTER.test(filter)) {
    throw invalidParameter(`${member}.filter`, `Member must satisfy regular expression pattern: ${FILTER_PATTERN}`);
  }
  const filterType = text(f, 'filterType', member);
  if (filterType !== 'PREFIX_MATCH') throw invalidParameter(`${member}.filterType`, 'Member must satisfy enum value set: [PREFIX_MATCH]');
  return { filter, filterType };
}

// UNVERIFIED: the member paths of nested entries (`rules.1.member.destinations.1.member.region`)
// follow AWS's usual validation wording; ECR's exact path text for them is not documented.
function parseRule(value: unknown, member: string): ReplicationRule {
  const r = structureValue(value, member);
  if (r.destinations === undefined || r.destinations === null) throw invalidParameter(`${member}.destinations`, 'Member must not be null');
  const destinations = list(r.destinations, `${member}.destinations`, 0, 100)
    .map((d, i) => parseDestination(d, `${member}.destinations.${i + 1}.member`));
  const filters = r.repositoryFilters === undefined || r.repositoryFilters === null ? undefined
    : list(r.repositoryFilters, `${member}.repositoryFilters`, 1, 100).map((f, i) => parseFilter(f, `${member}.repositoryFilters.${i + 1}.member`));
  return { destinations, ...(filters ? { repositoryFilters: filters } : {}) };
}

/** The key two destinations share when they are the same registry in the same region. */
export function destinationKey(d: ReplicationDestination): string {
  return `${d.registryId}/${d.region}`;
}

/**
 * Validates `replicationConfiguration` as ECR does and returns it as it will be stored. A
 * destination equal to the source registry in its own region is refused (text as moto's
 * emulator has it, getmoto/moto moto/ecr/models.py put_replication_configuration).
 */
export function parseReplicationConfiguration(input: Input, account: string, region: string): ReplicationConfiguration {
  const raw = input.replicationConfiguration;
  if (raw === undefined || raw === null) throw invalidParameter('replicationConfiguration', 'Member must not be null');
  const config = structureValue(raw, 'replicationConfiguration');
  if (config.rules === undefined || config.rules === null) throw invalidParameter('replicationConfiguration.rules', 'Member must not be null');
  const rules = list(config.rules, 'replicationConfiguration.rules', 0, 10)
    .map((r, i) => parseRule(r, `replicationConfiguration.rules.${i + 1}.member`));
  const all = rules.flatMap((r) => r.destinations);
  if (all.some((d) => d.region === region && d.registryId === account)) {
    throw invalidParameter('replicationConfiguration', 'Replication destination cannot be the same as the source registry');
  }
  if (new Set(all.map(destinationKey)).size > MAX_UNIQUE_DESTINATIONS) {
    // UNVERIFIED: ECR documents the quota (25 unique destinations) but not the refusal's text.
    throw invalidParameter('replicationConfiguration', `Replication configuration cannot have more than ${MAX_UNIQUE_DESTINATIONS} unique destinations`);
  }
  return { rules };
}

function ruleApplies(rule: ReplicationRule, repository: string): boolean {
  const filters = rule.repositoryFilters ?? [];
  return filters.length === 0 || filters.some((f) => repository.startsWith(f.filter));
}

/** Every destination a push to `repository` replicates to, once each, in configuration order. */
export function destinationsFor(config: ReplicationConfiguration | undefined, repository: string): ReplicationDestination[] {
  const seen = new Map<string, ReplicationDestination>();
  for (const rule of config?.rules ?? []) {
    if (!ruleApplies(rule, repository)) continue;
    for (const d of rule.destinations) if (!seen.has(destinationKey(d))) seen.set(destinationKey(d), d);
  }
  return [...seen.values()];
}

/** Every destination anywhere in the configuration, once each. */
export function allDestinations(config: ReplicationConfiguration | undefined): ReplicationDestination[] {
  const seen = new Map<string, ReplicationDestination>();
  for (const d of config?.rules.flatMap((r) => r.destinations) ?? []) if (!seen.has(destinationKey(d))) seen.set(destinationKey(d), d);
  return [...seen.values()];
}

// PutSigningConfiguration's request, checked against the model's limits and patterns
// (SigningConfiguration: at most 10 rules; SigningRule; SigningRepositoryFilter, 1-100 a rule).
import { invalidParameter } from '../errors.js';
import { checkLength, listValue, optionalObject, requiredString, structureValue, type Input } from '../validate.js';

/** `{filter: 'myapp/*', filterType: 'WILDCARD_MATCH'}`. */
export interface SigningRepositoryFilter {
  readonly filter: string;
  readonly filterType: 'WILDCARD_MATCH';
}

/** A signing profile and the repositories it signs (all of them without filters). */
export interface SigningRule {
  readonly signingProfileArn: string;
  readonly repositoryFilters?: readonly SigningRepositoryFilter[];
}

const PROFILE_ARN = /^arn:aws(-[a-z]+)*:signer:[a-z0-9-]+:[0-9]{12}:\/signing-profiles\/[a-zA-Z0-9_]{2,}$/;
const PROFILE_ARN_QUOTED = '^arn:aws(-[a-z]+)*:signer:[a-z0-9-]+:[0-9]{12}:\\/signing-profiles\\/[a-zA-Z0-9_]{2,}$';
const FILTER_QUOTED = '^(?:[a-z0-9*]+(?:[._-][a-z0-9*]+)*/)*[a-z0-9*]+(?:[._-][a-z0-9*]+)*$';
const FILTER = new RegExp(FILTER_QUOTED);

function repositoryFilter(raw: unknown, member: string): SigningRepositoryFilter {
  const input = structureValue(raw, member);
  const filter = requiredString(input, 'filter');
  checkLength(`${member}.filter`, filter, 1, 256);
  if (!FILTER.test(filter)) throw invalidParameter(`${member}.filter`, `must satisfy regular expression '${FILTER_QUOTED}'`);
  const filterType = requiredString(input, 'filterType');
  if (filterType !== 'WILDCARD_MATCH') throw invalidParameter(`${member}.filterType`, 'Member must satisfy enum value set: [WILDCARD_MATCH]');
  return { filter, filterType };
}

function rule(raw: unknown, member: string): SigningRule {
  const input = structureValue(raw, member);
  const arn = requiredString(input, 'signingProfileArn');
  checkLength(`${member}.signingProfileArn`, arn, 0, 200);
  if (!PROFILE_ARN.test(arn)) throw invalidParameter(`${member}.signingProfileArn`, `must satisfy regular expression '${PROFILE_ARN_QUOTED}'`);
  const filters = listValue(input.repositoryFilters, `${member}.repositoryFilters`);
  if (filters === undefined) return { signingProfileArn: arn };
  checkLength(`${member}.repositoryFilters`, filters, 1, 100);
  return {
    signingProfileArn: arn,
    repositoryFilters: filters.map((f, i) => repositoryFilter(f, `${member}.repositoryFilters.${i + 1}.member`)),
  };
}

/** The rules of `signingConfiguration`, or InvalidParameterException with the member at fault. */
export function validateSigningConfiguration(input: Input): SigningRule[] {
  const config = optionalObject(input, 'signingConfiguration');
  if (!config) throw invalidParameter('signingConfiguration', 'Member must not be null');
  const rules = listValue(config.rules, 'signingConfiguration.rules');
  if (!rules) throw invalidParameter('signingConfiguration.rules', 'Member must not be null');
  checkLength('signingConfiguration.rules', rules, 0, 10);
  return rules.map((r, i) => rule(r, `signingConfiguration.rules.${i + 1}.member`));
}

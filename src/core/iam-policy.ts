// The least-privilege IAM policy for a set of steps, from the same iamActions the step cards
// preview before they ask y/N: GetAuthorizationToken on "*" (ECR allows no narrower resource
// for it), DescribeRepositories on every repository of the registry when a step lists them all,
// and every other action on the one repository the steps work on.
import { STEP_IDS, stepDefinition } from './steps.js';

/** Actions that take no resource narrower than "*" (AWS's service authorization reference for ECR). */
const REGISTRY_WIDE = new Set(['ecr:GetAuthorizationToken']);

export interface PolicyScope {
  readonly region: string;
  readonly account: string;
  readonly repository: string;
}

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: string;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/** The step ids asked for, in seminar order; `all` is every step. Throws on an unknown id. */
export function policySteps(ids: readonly string[]): readonly string[] {
  if (ids.length === 0 || (ids.length === 1 && ids[0] === 'all')) return STEP_IDS;
  const unknown = ids.find((id) => !STEP_IDS.includes(id));
  if (unknown !== undefined) throw new Error(`unknown step '${unknown}'`);
  return STEP_IDS.filter((id) => ids.includes(id));
}

/**
 * The step that lists the repositories: without a name (as `run all` runs it) IAM checks
 * DescribeRepositories against `repository/*`, so that action is granted there.
 */
const LISTS_ALL = 'describe-repositories';

/** The policy the steps need, scoped to `scope.repository` wherever ECR allows. */
export function policyFor(ids: readonly string[], scope: PolicyScope): PolicyDocument {
  const arnBase = `arn:aws:ecr:${scope.region}:${scope.account}:repository/`;
  const wide = new Set<string>();
  const all = new Set<string>();
  const one = new Set<string>();
  for (const id of policySteps(ids)) {
    for (const action of stepDefinition(id)?.iamActions ?? []) {
      if (REGISTRY_WIDE.has(action)) wide.add(action);
      else if (id === LISTS_ALL) all.add(action);
      else one.add(action);
    }
  }
  for (const action of all) one.delete(action);
  const sorted = (s: Set<string>) => [...s].sort();
  const statements: PolicyStatement[] = [];
  if (wide.size) statements.push({ Sid: 'EcrLabRegistryToken', Effect: 'Allow', Action: sorted(wide), Resource: '*' });
  if (all.size) statements.push({ Sid: 'EcrLabListRepositories', Effect: 'Allow', Action: sorted(all), Resource: `${arnBase}*` });
  if (one.size) statements.push({ Sid: 'EcrLabRepository', Effect: 'Allow', Action: sorted(one), Resource: `${arnBase}${scope.repository}` });
  return { Version: '2012-10-17', Statement: statements };
}

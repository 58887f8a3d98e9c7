// The least-privilege IAM policy for a set of steps, from the same iamActions the step cards
// preview before they ask y/N: registry-level actions on "*" (ECR allows no narrower resource
// for them), DescribeRepositories on every repository of the registry when a step lists them all,
// and every other action on the repository the steps work on (a pull through cache's on the
// repositories under its prefix).
import { RUN_ALL_IDS, STEP_IDS, resolveParams, stepDefinition } from './steps.js';

/** Actions that take no resource narrower than "*" (AWS's service authorization reference for ECR). */
const REGISTRY_WIDE = new Set(['ecr:GetAuthorizationToken', 'ecr:CreatePullThroughCacheRule', 'ecr:DescribePullThroughCacheRules', 'ecr:DeletePullThroughCacheRule']);

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

/** The step ids asked for, in seminar order; `all` is the steps `run all` runs. Throws on an unknown id. */
export function policySteps(ids: readonly string[]): readonly string[] {
  // `all` is what `run all` runs: the policy for the whole workflow.
  if (ids.length === 0 || (ids.length === 1 && ids[0] === 'all')) return RUN_ALL_IDS;
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
  // Statement id -> the repository (or pattern) and the actions granted on it.
  const scoped = new Map<string, { repository: string; actions: Set<string> }>([
    ['EcrLabRepository', { repository: scope.repository, actions: new Set() }],
  ]);
  const steps = policySteps(ids);
  for (const id of steps) {
    const def = stepDefinition(id);
    // Cleanup deletes what the other chosen steps created, so it needs their cleanup actions.
    if (steps.includes('cleanup')) for (const action of def?.cleanupIamActions ?? []) wide.add(action);
    const own = def?.iamScope ? { sid: def.iamScope.sid, repository: def.iamScope.repository(resolveParams(id)) } : undefined;
    if (own && !scoped.has(own.sid)) scoped.set(own.sid, { repository: own.repository, actions: new Set() });
    for (const action of def?.iamActions ?? []) {
      if (REGISTRY_WIDE.has(action)) wide.add(action);
      else if (id === LISTS_ALL) all.add(action);
      else scoped.get(own?.sid ?? 'EcrLabRepository')!.actions.add(action);
    }
  }
  for (const action of all) for (const { actions } of scoped.values()) actions.delete(action);
  const sorted = (s: Set<string>) => [...s].sort();
  const statements: PolicyStatement[] = [];
  if (wide.size) statements.push({ Sid: 'EcrLabRegistryToken', Effect: 'Allow', Action: sorted(wide), Resource: '*' });
  if (all.size) statements.push({ Sid: 'EcrLabListRepositories', Effect: 'Allow', Action: sorted(all), Resource: `${arnBase}*` });
  for (const [sid, { repository, actions }] of scoped) {
    if (actions.size) statements.push({ Sid: sid, Effect: 'Allow', Action: sorted(actions), Resource: `${arnBase}${repository}` });
  }
  return { Version: '2012-10-17', Statement: statements };
}

// pull-through-cache: a rule that maps a prefix to ECR Public, a pull of an image under that
// prefix (which makes ECR create the repository and cache the image), then the repository,
// the cached image and the rule read back. On the local ECR the upstream is ecr-lab's
// loopback stand-in for public.ecr.aws, whose images say themselves that they are stand-ins.
import type { LedgerEntry } from '../../state/ledger.js';
import { errorCode, StepFailure } from '../errors.js';
import { ledgerFailure } from './ledger-failure.js';
import type { StepImpl, StepScope } from './scope.js';
import { ecrForm, iso, text } from './scope.js';

const UPSTREAM_URL = 'public.ecr.aws';

async function repositoryExists(s: StepScope, name: string): Promise<boolean> {
  try {
    await s.ecr.describeRepositories({ repositoryNames: [name] }, s.signal);
    return true;
  } catch (err) {
    if (errorCode(err) === 'RepositoryNotFoundException') return false;
    throw err;
  }
}

/** A ledger entry for a resource this step is about to make ECR create. */
function entryFor(s: StepScope, kind: LedgerEntry['kind'], name: string): LedgerEntry {
  return { kind, name, region: s.target.region, account: s.target.account, target: s.target.kind, createdAt: new Date().toISOString() };
}

/** Records a resource before it is created, so that cleanup always sees it; true when this call added it. */
async function recordFirst(s: StepScope, entry: LedgerEntry, unchanged: string): Promise<boolean> {
  return s.ledger.record(entry).catch((err: unknown) => { throw ledgerFailure(err, s.ledger.file, unchanged); });
}

/**
 * Creates the rule (recorded in the ledger first), or keeps the one already there when it points
 * at the same upstream; a rule that was there before is not ecr-lab's, so it leaves the ledger again.
 */
async function ensureRule(s: StepScope, prefix: string): Promise<string> {
  const entry = entryFor(s, 'pull-through-cache-rule', prefix);
  const isAdded = await recordFirst(s, entry, 'no rule was created');
  try {
    await s.ecr.createPullThroughCacheRule({ ecrRepositoryPrefix: prefix, upstreamRegistryUrl: UPSTREAM_URL }, s.signal);
    s.print(`rule created: ${prefix}/* -> ${UPSTREAM_URL}`);
    return 'created';
  } catch (err) {
    if (errorCode(err) !== 'PullThroughCacheRuleAlreadyExistsException') throw err;
    if (isAdded) await s.ledger.remove(entry).catch(() => undefined);
  }
  const rule = (await s.ecr.describePullThroughCacheRules({ ecrRepositoryPrefixes: [prefix] }, s.signal)).pullThroughCacheRules?.[0];
  if (rule?.upstreamRegistryUrl !== UPSTREAM_URL) {
    throw new StepFailure('RuleElsewhere', `the rule for prefix '${prefix}' points at ${rule?.upstreamRegistryUrl ?? 'another registry'}, not ${UPSTREAM_URL}: choose another prefix`);
  }
  s.print(`rule already there: ${prefix}/* -> ${UPSTREAM_URL}`);
  return 'already there';
}

export const pullThroughCache: StepImpl = async (s, p) => {
  const prefix = text(p, 'prefix');
  const cached = `${prefix}/${text(p, 'upstreamRepository')}`;
  const tag = text(p, 'upstreamTag');
  const rule = await ensureRule(s, prefix);
  const isNew = !(await repositoryExists(s, cached));
  s.print(isNew ? `${cached} does not exist yet: the first pull makes ECR create it` : `${cached} exists already: the pull is served from the cache`);
  if (isNew) await recordFirst(s, entryFor(s, 'repository', cached), 'nothing was pulled');
  const ref = `${s.target.registry}/${cached}:${tag}`;
  const pulled = await s.engine.pull(ref, s.io);
  const repo = (await s.ecr.describeRepositories({ repositoryNames: [cached] }, s.signal)).repositories?.[0];
  const image = (await s.ecr.describeImages({ repositoryName: cached, imageIds: [{ imageTag: tag }] }, s.signal)).imageDetails?.[0];
  s.print(`repository: ${repo?.repositoryUri} (created ${iso(repo?.createdAt)})`);
  s.print(`cached image: ${tag} -> ${image?.imageDigest} (${image?.imageManifestMediaType ?? '-'})`);
  s.print(`ECR form: ${ecrForm(s.target, cached, `:${tag}`)}`);
  return {
    summary: `Pulled ${cached}:${tag} through the cache: ECR ${isNew ? 'created the repository and ' : ''}keeps the image from ${UPSTREAM_URL}. `
      + `The rule stays until deleted (aws ecr delete-pull-through-cache-rule --ecr-repository-prefix ${prefix}).`,
    verified: [
      { label: 'rule', value: `${prefix} -> ${UPSTREAM_URL} (${rule})` },
      { label: 'repository', value: repo?.repositoryUri ?? '-' },
      { label: 'cached digest', value: image?.imageDigest ?? '-' },
      { label: 'pulled digest', value: pulled.digest },
      ...(isNew ? [{ label: 'ledger', value: `recorded in ${s.ledger.file}` }] : []),
    ],
  };
};

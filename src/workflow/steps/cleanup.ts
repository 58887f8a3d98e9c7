// cleanup: deletes the repositories and pull through cache rules ecr-lab created on this target
// (from the ledger) and nothing else; each entry leaves the ledger as soon as its deletion succeeds.
import { equivalentCommands } from '../../core/commands.js';
import { deleteRuleCommand } from '../../core/steps/cleanup.js';
import type { LedgerEntry } from '../../state/ledger.js';
import { errorCode } from '../errors.js';
import type { StepImpl, StepScope } from './scope.js';
import { text } from './scope.js';
import { ledgerFailure } from './ledger-failure.js';

/** Ledger entries of this target, repositories before rules; `repository` `*` means all of them. */
async function entriesFor(s: StepScope, repository: string): Promise<LedgerEntry[]> {
  const entries = await s.ledger.entriesOn(s.target).catch((err: unknown) => { throw ledgerFailure(err, s.ledger.file, 'nothing was deleted'); });
  const chosen = entries.filter((e) => repository === '*' || e.name === repository);
  return [...chosen.filter((e) => e.kind === 'repository'), ...chosen.filter((e) => e.kind !== 'repository')];
}

const NOT_FOUND = { 'repository': 'RepositoryNotFoundException', 'pull-through-cache-rule': 'PullThroughCacheRuleNotFoundException' } as const;

/** Deletes one resource; false when it was already gone. */
async function remove(s: StepScope, entry: LedgerEntry): Promise<boolean> {
  try {
    if (entry.kind === 'repository') await s.ecr.deleteRepository({ repositoryName: entry.name, force: true }, s.signal);
    else await s.ecr.deletePullThroughCacheRule({ ecrRepositoryPrefix: entry.name }, s.signal);
    return true;
  } catch (err) {
    if (errorCode(err) !== NOT_FOUND[entry.kind]) throw err;
    return false;
  }
}

/** Reads the resource back: true when ECR no longer has it. */
async function gone(s: StepScope, entry: LedgerEntry): Promise<boolean> {
  try {
    if (entry.kind === 'repository') await s.ecr.describeRepositories({ repositoryNames: [entry.name] });
    else await s.ecr.describePullThroughCacheRules({ ecrRepositoryPrefixes: [entry.name] });
    return false;
  } catch (err) {
    if (errorCode(err) === NOT_FOUND[entry.kind]) return true;
    throw err;
  }
}

function label(entry: LedgerEntry): string {
  return entry.kind === 'repository' ? entry.name : `rule ${entry.name}`;
}

function readBack(entry: LedgerEntry): string {
  return entry.kind === 'repository' ? 'deleted (DescribeRepositories: not found)' : 'deleted (DescribePullThroughCacheRules: not found)';
}

function summaryOf(entries: readonly LedgerEntry[]): string {
  const repos = entries.filter((e) => e.kind === 'repository').length;
  const rules = entries.length - repos;
  const parts = [
    ...(repos ? [`${repos} repositor${repos === 1 ? 'y' : 'ies'} ${repos === 1 ? '(with its images)' : '(with their images)'}`] : []),
    ...(rules ? [`${rules} pull through cache rule${rules === 1 ? '' : 's'}`] : []),
  ];
  return `Deleted ${parts.join(' and ')} that ecr-lab created; nothing else was touched.`;
}

export const cleanup: StepImpl = async (s, p) => {
  const repository = text(p, 'repository');
  const entries = await entriesFor(s, repository);
  if (entries.length === 0) {
    s.print(`the ledger (${s.ledger.file}) lists no ${repository === '*' ? 'repository' : repository} on this target: nothing deleted.`);
    return { summary: 'Nothing to delete: ecr-lab deletes only what it created.', verified: [], commands: [] };
  }
  const verified = [];
  for (const entry of entries) {
    s.print((await remove(s, entry)) ? `deleted ${label(entry)} (created by ecr-lab ${entry.createdAt})` : `${label(entry)} was already gone`);
    await s.ledger.remove(entry).catch((err: unknown) => {
      throw ledgerFailure(err, s.ledger.file, `${label(entry)} is deleted but still listed; cleanup will find it gone next time`);
    });
    verified.push({ label: label(entry), value: (await gone(s, entry)) ? readBack(entry) : 'still there' });
  }
  return {
    summary: summaryOf(entries),
    verified,
    commands: entries.flatMap((e) => (e.kind === 'repository' ? equivalentCommands('cleanup', { repository: e.name }, s.target) : [deleteRuleCommand(s.target, e.name)])),
  };
};

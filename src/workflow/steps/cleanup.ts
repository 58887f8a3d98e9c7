// cleanup: deletes the repositories ecr-lab created on this target (from the ledger) and
// nothing else; each entry leaves the ledger as soon as its deletion succeeds.
import { equivalentCommands } from '../../core/commands.js';
import type { LedgerEntry } from '../../state/ledger.js';
import { errorCode } from '../errors.js';
import type { StepImpl, StepScope } from './scope.js';
import { text } from './scope.js';
import { ledgerFailure } from './ledger-failure.js';

/** Ledger entries of this target; `repository` `*` means all of them. */
async function entriesFor(s: StepScope, repository: string): Promise<LedgerEntry[]> {
  const entries = await s.ledger.entriesOn(s.target).catch((err: unknown) => { throw ledgerFailure(err, s.ledger.file, 'nothing was deleted'); });
  return entries.filter((e) => repository === '*' || e.name === repository);
}

async function gone(s: StepScope, name: string): Promise<boolean> {
  try {
    await s.ecr.describeRepositories({ repositoryNames: [name] });
    return false;
  } catch (err) {
    if (errorCode(err) === 'RepositoryNotFoundException') return true;
    throw err;
  }
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
    try {
      await s.ecr.deleteRepository({ repositoryName: entry.name, force: true }, s.signal);
      s.print(`deleted ${entry.name} (created by ecr-lab ${entry.createdAt})`);
    } catch (err) {
      if (errorCode(err) !== 'RepositoryNotFoundException') throw err;
      s.print(`${entry.name} was already gone`);
    }
    await s.ledger.remove(entry).catch((err: unknown) => {
      throw ledgerFailure(err, s.ledger.file, `${entry.name} is deleted but still listed; cleanup will find it gone next time`);
    });
    verified.push({ label: entry.name, value: (await gone(s, entry.name)) ? 'deleted (DescribeRepositories: not found)' : 'still there' });
  }
  return {
    summary: `Deleted ${entries.length} repositor${entries.length === 1 ? 'y' : 'ies'} that ecr-lab created, with their images; nothing else was touched.`,
    verified,
    commands: entries.flatMap((e) => equivalentCommands('cleanup', { repository: e.name }, s.target)),
  };
};

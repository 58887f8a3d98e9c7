// `ecr-lab cleanup`: deletes what ecr-lab created (the ledger's entries) on one target, and
// nothing else; on live AWS only after confirmation.
import type { TargetContext } from '../../core/steps.js';
import { Ledger, type LedgerEntry } from '../../state/ledger.js';
import { stateDir } from '../../state/paths.js';
import { UsageError } from '../errors.js';
import { confirmTarget, openTarget, type TargetFlags } from '../target.js';
import { terminalConfirm } from '../confirm.js';

type Opts = TargetFlags & { yes?: boolean };

/** The ledger's entries on one target; a corrupt ledger was moved aside, and that is said on stderr. */
async function entriesFor(context: TargetContext): Promise<readonly LedgerEntry[]> {
  const ledger = Ledger.in(stateDir());
  const entries = await ledger.entriesOn(context);
  for (const warning of ledger.takeWarnings()) process.stderr.write(`${warning}\n`);
  return entries;
}

function describe(e: LedgerEntry): string {
  return e.kind === 'repository' ? `repository ${e.name}` : `pull through cache rule ${e.name}`;
}

/** Lists what ecr-lab created on live AWS and has not deleted yet (said on quit). */
export async function printRemaining(context: TargetContext): Promise<void> {
  const left = await entriesFor(context);
  if (left.length === 0) return;
  process.stderr.write(`still in your account (created by ecr-lab; ecr-lab cleanup --live deletes them):\n`);
  for (const e of left) process.stderr.write(`  ${describe(e)} (${e.region}, created ${e.createdAt})\n`);
}

export async function cleanup(opts: Opts): Promise<number> {
  if (opts.live && !opts.yes && process.stdin.isTTY !== true) {
    throw new UsageError('cleanup --live without a terminal needs --yes to confirm the deletions');
  }
  const target = await openTarget(opts);
  try {
    const entries = await entriesFor(target.context);
    if (entries.length === 0) {
      process.stdout.write('nothing to clean up: ecr-lab has created nothing here that still exists\n');
      return 0;
    }
    process.stdout.write(`ecr-lab created ${entries.length === 1 ? 'this' : `these ${entries.length}`} here:\n${entries.map((e) => `  ${describe(e)}`).join('\n')}\n`);
    const outcome = await target.runner.run('cleanup', { repository: '*' }, { confirm: terminalConfirm(opts.yes === true, confirmTarget(target)) });
    for (const line of [...outcome.output, ...(outcome.warnings ?? [])]) process.stdout.write(`  ${line}\n`);
    if (outcome.status === 'succeeded') {
      process.stdout.write(`✓ ${outcome.summary ?? 'cleaned up'}\n`);
      return 0;
    }
    process.stderr.write(`ecr-lab: cleanup ${outcome.status}: ${outcome.error?.message ?? outcome.summary ?? ''}\n`);
    return 1;
  } finally {
    await target.close();
  }
}

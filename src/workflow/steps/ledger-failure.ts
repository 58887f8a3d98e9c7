// The ledger could not be read or written: one failure with its cause and fix, in the same
// words for every step that keeps the ledger (create-repository, cleanup).
import { asFileError } from '../../state/file-error.js';
import { StepFailure } from '../errors.js';

/**
 * `err` as a StepFailure naming the ledger file, the reason and the fix, or `err` itself when
 * it is not a file-system failure. `consequence` says what did (not) happen ("nothing was created").
 */
export function ledgerFailure(err: unknown, ledgerFile: string, consequence: string): unknown {
  const f = asFileError(err, ledgerFile);
  if (!f) return err;
  const code = f.action === 'read' ? 'LedgerNotReadable' : 'LedgerNotWritable';
  const why = f.path === ledgerFile ? f.reason : `${f.path}: ${f.reason}`;
  return new StepFailure(code, `the ledger ${ledgerFile} cannot be ${f.action === 'read' ? 'read' : 'written'} (${why}): ${consequence}`, {
    cause: 'ecr-lab records every repository it creates in its ledger before creating it, so that cleanup can always find it.',
    fix: `Make ${f.path} something ecr-lab can ${f.action === 'read' ? 'read' : 'write'} (move a directory in its place away, fix its permissions), or set ECR_LAB_STATE_DIR to a directory you can write; then run the step again.`,
  });
}

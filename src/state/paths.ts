// Where ecr-lab keeps its files: the XDG state directory (progress, ledger), overridable
// with ECR_LAB_STATE_DIR for tests and for more than one learner on one account.
import { createHash } from 'node:crypto';
import { access, constants } from 'node:fs/promises';
import { makeDir } from './make-dir.js';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { xdgState } from 'xdg-basedir';
import { asFileError } from './file-error.js';

/** The directory for progress, scores and the live resource ledger. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ECR_LAB_STATE_DIR) return env.ECR_LAB_STATE_DIR;
  return join(xdgState ?? join(homedir(), '.local', 'state'), 'ecr-lab');
}

/** The file of the IAM simulator's answers (local-ecr/iam/answer-cache.ts), in the cache dir, where bin/ecr-lab.js keeps V8's code. */
export function iamAnswersFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ecr-lab', 'iam-answers.json');
}

/**
 * The demo image's local name for this state dir: `ecr-lab-demo-` and 8 hex digits of a hash
 * of its absolute path. docker's image names are global to a daemon, so two learners (or two
 * state dirs) on one daemon each get their own name, and the same one every run.
 */
export function demoImageName(dir: string): string {
  return `ecr-lab-demo-${createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 8)}`;
}

/**
 * Makes sure the state dir exists and can be written, before a command that writes there
 * starts anything: throws a FileAccessError (a file in its place, no permission) otherwise.
 */
export async function ensureStateDir(dir: string = stateDir()): Promise<void> {
  try {
    await makeDir(dir);
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (err) {
    throw asFileError(err, dir, 'write') ?? err;
  }
}

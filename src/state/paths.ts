// Where ecr-lab keeps its files: the XDG state directory (progress, ledger), overridable
// with ECR_LAB_STATE_DIR for tests and for more than one learner on one account.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { xdgState } from 'xdg-basedir';

/** The directory for progress, scores and the live resource ledger. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ECR_LAB_STATE_DIR) return env.ECR_LAB_STATE_DIR;
  return join(xdgState ?? join(homedir(), '.local', 'state'), 'ecr-lab');
}

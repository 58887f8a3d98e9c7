// Asking y/N on the terminal before live changes. Without a terminal nothing is confirmed
// unless --yes said so up front.
import { createInterface } from 'node:readline/promises';
import type { ConfirmRequest } from '../workflow/types.js';

/** A confirm function for the workflow: `--yes` answers yes, a terminal asks about `where` (the target), else no. */
export function terminalConfirm(assumeYes: boolean, where: string): (request: ConfirmRequest) => Promise<boolean> {
  return async (request) => {
    process.stderr.write(`\n${request.description}\n  needs IAM: ${request.iamActions.join(', ') || 'none'}\n`);
    if (assumeYes) return true;
    if (process.stdin.isTTY !== true) return false;
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return /^y(es)?$/i.test((await rl.question(`Go ahead on ${where}? (y/N) `)).trim());
    } finally {
      rl.close();
    }
  };
}

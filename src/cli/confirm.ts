// Asking y/N on the terminal before live changes. Without a terminal nothing is confirmed
// unless --yes said so up front.
import type { ConfirmRequest } from '../workflow/types.js';

/** A confirm function for the workflow: `--yes` answers yes, a terminal asks about `where` (the target), else no. */
export function terminalConfirm(assumeYes: boolean, where: string): (request: ConfirmRequest) => Promise<boolean> {
  return async (request) => {
    // Without a terminal or --yes nothing is asked and the answer is no, and the change is not
    // printed here: the step that asked says what it did not do (credential-helper: how to do it
    // by hand). Live runs and cleanups that change something are refused before they start
    // without a terminal or --yes (run.ts, cleanup.ts), so they never reach this.
    if (!assumeYes && process.stdin.isTTY !== true) return false;
    process.stderr.write(`\n${request.description}\n  needs IAM: ${request.iamActions.join(', ') || 'none'}\n`);
    if (assumeYes) return true;
    // Loaded only to ask (most local runs never do: only credential-helper asks there, on a
    // terminal); readline costs ~1.3 ms to load.
    const { createInterface } = await import('node:readline/promises');
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return /^y(es)?$/i.test((await rl.question(`Go ahead on ${where}? (y/N) `)).trim());
    } finally {
      rl.close();
    }
  };
}

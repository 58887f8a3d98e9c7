// The entry of dist/cli.cjs, the one-file CommonJS build that bin/ecr-lab.js runs `run` from,
// with V8's code cache (see code-cache.ts). `done` settles once the command has ended, when the
// loader keeps what V8 compiled, and says whether that is worth keeping: a command that ran
// and succeeded, not --help or a usage error, which compile only the argument parser.
import { main } from './cli.js';

const outcome: { ran?: boolean } = {};
export const done: Promise<boolean> = main(process.argv, outcome).then((code) => {
  process.exitCode = code;
  return outcome.ran === true && code === 0;
});

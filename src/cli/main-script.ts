// The entry of dist/cli.cjs, the one-file CommonJS build that bin/ecr-lab.js runs `run` from,
// with V8's code cache (see code-cache.ts). `done` settles once the command has ended, when the
// loader keeps what V8 compiled.
import { main } from './cli.js';

export const done: Promise<void> = main(process.argv).then((code) => {
  process.exitCode = code;
});

// `npm start`: builds dist/ only when the checkout changed since the last build (see
// build-stamp.mjs), then runs the CLI (bin/ecr-lab.js) in this same process, so an unchanged checkout pays one
// Node start-up and no esbuild.
import { execFileSync } from 'node:child_process';
import { staleReason } from './build-stamp.mjs';

const why = staleReason();
if (why) {
  process.stderr.write(`ecr-lab: building (${why})\n`);
  try {
    execFileSync(process.execPath, [new URL('build.mjs', import.meta.url).pathname], { stdio: 'inherit' });
  } catch {
    process.stderr.write('ecr-lab: the build failed (see above); fix it and run npm start again\n');
    process.exit(1);
  }
}
await import('../bin/ecr-lab.js');

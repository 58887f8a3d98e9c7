// `npm start`: builds dist/ only when the checkout changed since the last build (see
// build-stamp.mjs), then runs the CLI (bin/ecr-lab.js) in this same process, so an unchanged checkout pays one
// Node start-up and no esbuild.
import { staleReason } from './build-stamp.mjs';

const why = staleReason();
if (why) {
  process.stderr.write(`ecr-lab: building (${why})\n`);
  // Loaded only to build: node:child_process costs an unchanged checkout's start 4-6 ms.
  const { execFileSync } = await import('node:child_process');
  try {
    execFileSync(process.execPath, [new URL('build.mjs', import.meta.url).pathname], { stdio: 'inherit' });
  } catch {
    process.stderr.write('ecr-lab: the build failed (see above); fix it and run npm start again\n');
    process.exit(1);
  }
}
await import('../bin/ecr-lab.js');

// `npm start`: builds dist/ only when the checkout changed since the last build (see
// build-stamp.cjs), then runs the CLI (bin/ecr-lab.js) in this same process, so an unchanged
// checkout pays one Node start-up and no esbuild. CommonJS, as bin/ecr-lab.js is: on Node 20,
// Node's ES module loader would cost the first frame ~13 ms before it has loaded anything.
'use strict';
const { staleReason } = require('./build-stamp.cjs');

const why = staleReason();
if (why) {
  process.stderr.write(`ecr-lab: building (${why})\n`);
  try {
    require('node:child_process').execFileSync(process.execPath, [require('node:path').join(__dirname, 'build.mjs')], { stdio: 'inherit' });
  } catch {
    process.stderr.write('ecr-lab: the build failed (see above); fix it and run npm start again\n');
    process.exit(1);
  }
}
require('../bin/ecr-lab.js');

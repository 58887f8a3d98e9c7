#!/usr/bin/env -S node --max-semi-space-size=2
// The installed command: loads the bundled build made by `npm run build`. A small young
// generation: under 30 clients the default lets it grow to ~16 MiB per semi-space (heapTotal 45
// MiB for 25 MiB used), and V8 reads the flag only at start, so it has to be on the command line.
//
// CommonJS (bin/package.json), so that `run` and the TUI's first frame start without Node's ES
// module loader, which on Node 20 costs ~13 ms to start and compiles every module it loads
// without a code cache (scripts/build.mjs). Every other command loads the ES module build.
'use strict';
const module_ = require('node:module');
const { homedir } = require('node:os');
const { join } = require('node:path');
const { readFileSync } = require('node:fs');

// The Node versions package.json promises (the build checks every bundled dependency keeps
// that promise): an older Node gets one line instead of a syntax error or an SDK's stack trace.
const wanted = JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')).engines.node;
const [need, have] = [wanted.match(/\d+(\.\d+)*/)[0], process.versions.node].map((v) => v.split('.').map(Number));
if (have[0] * 1e6 + have[1] * 1e3 + have[2] < need[0] * 1e6 + (need[1] ?? 0) * 1e3 + (need[2] ?? 0)) {
  process.stderr.write(`ecr-lab: this is Node ${process.versions.node}; ecr-lab needs Node ${wanted}. Fix: install Node 24 (LTS) or 22, then run ecr-lab again\n`);
  process.exit(1);
}

// Node 22.1+ keeps V8's compiled code for the bundle on disk, checked against each file's
// content, so a second start skips most of the parsing and compiling (NODE_DISABLE_COMPILE_CACHE=1
// turns it off). It goes under the XDG cache dir; a cache that cannot be written is no error.
const v8Cache = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ecr-lab', 'v8');
try {
  module_.enableCompileCache?.(v8Cache);
} catch {
  // Node runs the bundle without a cache.
}

const dist = join(__dirname, '../dist');
/** One line for a start that failed before any command could say why, and the exit. */
function cannotStart(err) {
  const missing = err?.code === 'MODULE_NOT_FOUND' || err?.code === 'ERR_MODULE_NOT_FOUND';
  process.stderr.write(missing
    ? `ecr-lab: the build in ${dist} is missing or incomplete. Fix: run npm run build in ${join(__dirname, '..')}\n`
    : `ecr-lab: unexpected error: ${err?.message ?? err} (please report it)\n`);
  process.exit(missing ? 1 : 70);
}
async function start() {
  // `run` comes from dist/cli.cjs, the same CLI as one CommonJS file, with V8's code cache kept
  // after the first run of the same steps that succeeded: it holds the functions a run compiles,
  // which Node's cache above does not (src/cli/code-cache.ts).
  if (process.argv[2] === 'run') {
    const { cacheKey, runWithCodeCache } = require('../dist/code-cache.cjs');
    if (await runWithCodeCache({ distDir: `${dist}/`, cacheDir: v8Cache, key: cacheKey(process.argv.slice(3)) })) return;
  } else if (process.argv[2] === undefined || process.argv[2].startsWith('-')) {
    // No command word: the TUI, whose kept first frame goes on screen before the ES module
    // build loads (src/cli/early-frame.ts).
    require('../dist/early-frame.cjs').showEarlyFrame(join(__dirname, '..'));
  }
  await import('../dist/main.js');
}

// Every command's own failures are one line already (src/cli/cli.ts): only a start gets here.
start().catch(cannotStart);

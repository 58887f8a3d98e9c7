#!/usr/bin/env -S node --max-semi-space-size=2
// The installed command: loads the bundled build made by `npm run build`. A small young
// generation: under 30 clients the default lets it grow to ~16 MiB per semi-space (heapTotal 45
// MiB for 25 MiB used), and V8 reads the flag only at start, so it has to be on the command line.
import module from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

// node:fs and node:url through require(): their ES module facades cost ms at start (scripts/build.mjs).
const require = module.createRequire(import.meta.url);
const { readFileSync } = require('node:fs');
const { fileURLToPath } = require('node:url');

// The Node versions package.json promises (the build checks every bundled dependency keeps
// that promise): an older Node gets one line instead of a syntax error or an SDK's stack trace.
const wanted = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).engines.node;
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
  module.enableCompileCache?.(v8Cache);
} catch {
  // Node runs the bundle without a cache.
}

// `run` comes from dist/cli.cjs, the same CLI as one CommonJS file, with V8's code cache kept
// after the first run of the same steps that succeeded: it holds the functions a run compiles,
// which Node's cache above does not (src/cli/code-cache.ts). Every other command, the TUI's
// first, loads the ES module build.
const codeCache = process.argv[2] === 'run' ? await import('../dist/code-cache.js') : undefined;
const ran = codeCache && await codeCache.runWithCodeCache({
  distDir: fileURLToPath(new URL('../dist/', import.meta.url)), cacheDir: v8Cache, key: codeCache.cacheKey(process.argv.slice(3)),
});
if (!ran) await import('../dist/main.js');

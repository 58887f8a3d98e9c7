// Whether dist/ is the build of the checkout as it is: `npm start` builds only when some
// source or content file is newer than the stamp the last build left (or there is none).
// A walk of ~300 files with fs.statSync takes ~5 ms; a build tool's watcher or a hashing
// cache would cost more than it saves here, so it is written out.
'use strict';
const { readdirSync, statSync, writeFileSync, utimesSync } = require('node:fs');
const { join } = require('node:path');

const packageRoot = join(__dirname, '..');
/** What the build reads: the sources, the content it caches, and what decides how it builds. */
const INPUTS = ['src', 'lessons', 'slides', 'scripts/build.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];
const stampFile = (root) => join(root, 'dist', '.built');

function newestMtime(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Undefined when `root`'s dist/ is up to date, otherwise why it is not. */
function staleReason(root = packageRoot) {
  let built;
  try {
    built = statSync(stampFile(root)).mtimeMs;
  } catch {
    return 'dist/ has not been built';
  }
  for (const input of INPUTS) {
    if (newestMtime(join(root, input)) > built) return `${input} changed since the last build`;
  }
  return undefined;
}

/** Marks dist/ as built from the inputs as they were at `startedMs` (edits during the build count as newer). */
function writeStamp(startedMs, root = packageRoot) {
  const stamp = stampFile(root);
  writeFileSync(stamp, 'written by scripts/build.mjs; npm start rebuilds when a source is newer\n');
  const when = new Date(startedMs);
  utimesSync(stamp, when, when);
}

module.exports = { staleReason, writeStamp };

// Runs a command from dist/cli.cjs, the one-file CommonJS build, with V8's code cache kept after
// an earlier run of the same command: bin/ecr-lab.js does this for `run`.
//
// Why not Node's own compile cache alone (module.enableCompileCache, which bin/ecr-lab.js turns
// on for the ES module build): it keeps what V8 compiles while a module loads, and V8 compiles a
// function only when it is first called, so the cache holds the modules' top level and not the
// functions that do the work. `run all` is mostly such code, run once, cold (the SDK's middleware
// and (de)serialisers, the local ECR's handlers, the steps), and Node 20 has no compile cache
// for ES modules at all. A vm.Script's `createCachedData()` called after the run holds every
// function compiled by then (2 MB against 0.6 MB right after compiling). No kept library does
// this: v8-compile-cache hooks require() file by file and keeps caches made at compile time.
// Figures: README, Performance.
//
// The cache is a file per set of steps (cacheKey), Node version, flags and build under the XDG
// cache dir, next to Node's own; it is written once (atomically: a temp file, then a rename),
// after a command that ran and succeeded when there was none or V8 refused it, and checked
// against a SHA-256 of itself before V8 reads it, since V8 checks only the cache's length and its
// own version in a release build. NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it turns off Node's.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
// node:vm is required, not imported, by the build (scripts/build.mjs): vm.constants is Node 20.12+.
import * as vm from 'node:vm';
import { writeCacheFileSync } from '../state/write-file-sync.js';

/** What the build writes next to the bundle: its file name, the SHA-256 of its bytes and how to read it. */
export interface BundleManifest {
  readonly file: string;
  readonly sha256: string;
  /** latin1 when the bundle is ASCII: the same text, read without decoding UTF-8. */
  readonly encoding: 'latin1' | 'utf8';
}

export interface CodeCacheRun {
  /** dist/, holding cli.cjs.json and the bundle it names. */
  readonly distDir: string;
  /** Where the cache files go (bin/ecr-lab.js: `$XDG_CACHE_HOME/ecr-lab/v8`); undefined: none. */
  readonly cacheDir: string | undefined;
  /** Names the cache (cacheKey): commands that compile different code keep different ones. */
  readonly key: string;
}

/** How a run went: whether it used a kept cache and whether it wrote one. */
export interface CodeCacheResult {
  readonly cache: 'used' | 'none' | 'refused' | 'corrupt' | 'off';
  readonly written: boolean;
}

const MAGIC = Buffer.from('ecrlab-v8-cache-1\n');
const DIGEST_BYTES = 32;
// Node's own wrapper for a CommonJS module, on the bundle's first line so that its other lines
// keep their numbers (and the source map its positions beyond the first line).
const WRAPPER = '(function (exports, require, module, __filename, __dirname) { ';

const sha256 = (bytes: Buffer | string): Buffer => createHash('sha256').update(bytes).digest();

function readManifest(distDir: string): BundleManifest | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(distDir, 'cli.cjs.json'), 'utf8')) as Partial<BundleManifest>;
    if (typeof parsed.file !== 'string' || typeof parsed.sha256 !== 'string') return undefined;
    return { file: parsed.file, sha256: parsed.sha256, encoding: parsed.encoding === 'latin1' ? 'latin1' : 'utf8' };
  } catch {
    return undefined;
  }
}

/** How many cache files of ours one Node with one set of flags keeps; the oldest go first. */
const KEPT = 8;

/**
 * The cache's name for `ecr-lab run <args>`: `run-all`, or the steps asked for (`run-login+whoami`,
 * in any order), since a cache holds only what its first run compiled and one V8 accepts is never
 * replaced: `run whoami` first must not decide what `run push-image` gets. The words before the
 * first option are the steps; anything else is `run`.
 */
export function cacheKey(args: readonly string[]): string {
  const end = args.findIndex((a) => a.startsWith('-'));
  const steps = end < 0 ? args : args.slice(0, end);
  if (steps.length === 0 || steps.some((s) => !/^[a-z][a-z0-9-]{0,40}$/.test(s))) return 'run';
  const joined = [...new Set(steps)].sort().join('+');
  return `run-${joined.length <= 60 ? joined : sha256(joined).toString('hex').slice(0, 12)}`;
}

/**
 * The cache file of this command, Node, Node's flags and build, and the two prefixes it shares:
 * with this command's files of other builds (`prefix`), and with every file this Node and flags
 * keep (`family`). V8 refuses a cache made under other flags (`ecr-lab` runs with
 * --max-semi-space-size=2, `node bin/ecr-lab.js` without), so each set of flags keeps its own
 * rather than replacing the other's at every run. The bundle's size and mtime are in the name
 * too: V8 checks a cache against the source's length only, so a bundle edited in place without
 * a build must not meet the old bytecode.
 */
function cacheName(key: string, manifest: BundleManifest, bundle: { size: number; mtimeMs: number }): { prefix: string; family: string; name: string } {
  const flags = sha256(process.execArgv.join('\0')).toString('hex').slice(0, 8);
  const family = `-${process.version}-${process.arch}-${flags}-`;
  const prefix = `cjs-${key}${family}`;
  const build = `${manifest.sha256.slice(0, 16)}-${bundle.size.toString(36)}-${Math.floor(bundle.mtimeMs).toString(36)}`;
  return { prefix, family, name: `${prefix}${build}.bin` };
}

/** The cached data in `file`, when it is whole; 'corrupt' when it is there but not whole. */
function readCache(file: string): Buffer | 'corrupt' | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const head = MAGIC.length + DIGEST_BYTES;
  if (bytes.length <= head || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return 'corrupt';
  const data = bytes.subarray(head);
  return sha256(data).equals(bytes.subarray(MAGIC.length, head)) ? data : 'corrupt';
}

/**
 * Writes the cache atomically, drops this command's caches of other builds and all but the KEPT
 * newest of this Node and flags; false if it could not write.
 */
function writeCache(dir: string, names: { prefix: string; family: string; name: string }, data: Buffer): boolean {
  // A cache dir that cannot be written (read-only, full) costs the next start its speed only.
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    return false;
  }
  if (!writeCacheFileSync(join(dir, names.name), Buffer.concat([MAGIC, sha256(data), data]))) return false;
  try {
    const ours = readdirSync(dir).filter((f) => f.startsWith('cjs-') && f.endsWith('.bin') && f.includes(names.family) && f !== names.name);
    for (const old of ours.filter((f) => f.startsWith(names.prefix))) rmSync(join(dir, old), { force: true });
    const others = ours.filter((f) => !f.startsWith(names.prefix))
      .map((f) => ({ f, at: statSync(join(dir, f), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
      .sort((a, b) => b.at - a.at);
    for (const { f } of others.slice(KEPT - 1)) rmSync(join(dir, f), { force: true });
  } catch {
    // Another run tidying at the same moment: what is left goes at the next write.
  }
  return true;
}

/**
 * Runs the bundle as Node would run a CommonJS main module, with the kept cache when there is
 * one, and keeps a new one once the command has succeeded when there was none or it was refused.
 * Returns undefined, having run nothing, when dist/ holds no bundle (the caller then runs the ES
 * module build).
 */
export async function runWithCodeCache(run: CodeCacheRun): Promise<CodeCacheResult | undefined> {
  const manifest = readManifest(run.distDir);
  if (!manifest) return undefined;
  const file = join(run.distDir, manifest.file);
  let source: string;
  let bundle: { size: number; mtimeMs: number };
  try {
    source = readFileSync(file, manifest.encoding);
    bundle = statSync(file);
  } catch {
    return undefined;
  }
  const off = run.cacheDir === undefined || process.env.NODE_DISABLE_COMPILE_CACHE === '1';
  const names = cacheName(run.key, manifest, bundle);
  const kept = off ? undefined : readCache(join(run.cacheDir!, names.name));
  const options: vm.ScriptOptions = { filename: file, cachedData: kept instanceof Buffer ? kept : undefined };
  // The build checks that the bundle calls no import(); should one slip in, Node's own loader
  // answers it (Node 20.12 and later) rather than a missing-callback error.
  const loader = (vm.constants as typeof vm.constants | undefined)?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (loader) options.importModuleDynamically = loader;
  const script = new vm.Script(`${WRAPPER}${source}\n})`, options);
  // Used only when V8 says it took it: cachedDataRejected is undefined when it was given none.
  const cache: CodeCacheResult['cache'] = off ? 'off'
    : kept === 'corrupt' ? 'corrupt'
      : kept === undefined ? 'none'
        : script.cachedDataRejected === false ? 'used' : 'refused';

  const module = { exports: {} as { done?: Promise<boolean | void> } };
  const wrapped = script.runInThisContext() as (...args: unknown[]) => void;
  wrapped.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  // Kept only after a command that ran and succeeded: one that stopped early (a repository
  // already there, a fault) or never ran (--help, a usage error) compiled only part of what the
  // command runs, and a cache V8 accepts is never replaced. `done` says false for those.
  const ran = (await module.exports.done) !== false;
  const succeeded = ran && (process.exitCode === undefined || process.exitCode === 0);
  const written = !off && cache !== 'used' && succeeded && writeCache(run.cacheDir!, names, script.createCachedData());
  return { cache, written };
}

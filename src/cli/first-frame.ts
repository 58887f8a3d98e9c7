// The TUI's first frame, on screen before Ink and React have loaded (~150 ms of a start). It is
// the very bytes Ink wrote for the same inputs before: at an earlier start, or rendered off
// screen when the last session quit, for the progress it left. They are kept under the XDG
// cache dir, each file holding its key (everything the first frame is made from) on its first
// line, named by a short hash of that key. Ink then starts as always: when its first frame is
// those same bytes nothing is written twice, and when it is not (an entry that no longer fits),
// the early frame is erased and Ink's is drawn. So the screen is always Ink's own; the cache
// only decides how soon it is there. ECR_LAB_FRAME_CACHE=0 turns it off.
//
// No node:crypto: loading it costs a start 4-5 ms on Node 20 and 6-10 ms on Node 24, more than
// the rest of the early frame (early-frame.ts). A file's name only finds it; its first line is
// compared whole, so two keys of one name never show each other's frame.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { makeDir } from '../state/make-dir.js';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Progress } from '../core/progress.js';

/** The build's id (scripts/build.mjs defines it); unbundled code (tests) is 'source'. */
declare const __ECR_LAB_BUILD__: string | undefined;
const BUILD = typeof __ECR_LAB_BUILD__ === 'string' ? __ECR_LAB_BUILD__ : 'source';

/** Entries kept: a few terminal sizes and states; the oldest go first. */
const KEPT = 12;

/**
 * What else decides the first frame's bytes: colour support (chalk reads these and argv), Ink's
 * screen-reader mode and CI check, and the locale.
 */
const FRAME_ENV = /^(NO_COLOR|FORCE_COLOR|TERM|TERM_PROGRAM|TERM_PROGRAM_VERSION|COLORTERM|CI|CONTINUOUS_INTEGRATION|CI_NAME|TEAMCITY_VERSION|TF_BUILD|AGENT_NAME|GITHUB_ACTIONS|GITEA_ACTIONS|CIRCLECI|TRAVIS|APPVEYOR|GITLAB_CI|BUILDKITE|DRONE|INK_[A-Z_]+|LANG|LC_[A-Z]+)$/;

/** The lesson files as the first frame's key sees them: each name with its size and mtime. */
export type LessonFiles = readonly (readonly [name: string, size: number, mtimeMs: number])[];

/**
 * The lesson files in `dir` (the numbered `.md` files, in name order) by size and mtime, read
 * synchronously: a few stats, where their content's hashes would cost node:crypto and every
 * byte. A lesson edited in place changes its mtime; should one change while keeping both, the
 * early frame shows the old text for a moment and Ink's replaces it.
 */
export function lessonFiles(dir: string): LessonFiles {
  return readdirSync(dir).filter((n) => n.endsWith('.md') && /^\d/.test(n)).sort().map((name) => {
    const s = statSync(join(dir, name));
    return [name, s.size, s.mtimeMs] as const;
  });
}

/** Everything the TUI's first frame on the local ECR is made from. */
export interface FrameInputs {
  readonly lessons: LessonFiles;
  readonly progress: Progress;
  readonly columns: number;
  readonly rows: number;
  /** The command line after `node <script>`, which also carries colour flags. */
  readonly argv?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

/** The first frame's key: every input, with the build and Node's version, as one line of JSON. */
export function frameKey(inputs: FrameInputs): string {
  const env = inputs.env ?? process.env;
  const vars = Object.keys(env).filter((name) => FRAME_ENV.test(name)).sort().map((name) => [name, env[name]]);
  return JSON.stringify([BUILD, process.version, inputs.lessons, inputs.progress, inputs.columns, inputs.rows, inputs.argv ?? process.argv.slice(2), vars]);
}

/** The file name of `key`: two 32-bit FNV-1a hashes of its UTF-16 units (with other offsets and primes), in hex. */
export function frameFileName(key: string): string {
  let a = 0x811c9dc5;
  let b = 0x6c62272e;
  for (let i = 0; i < key.length; i++) {
    const unit = key.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x0100019d);
  }
  return `frame-${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`;
}

/** Where the first frames are kept. */
export function framesDir(env: NodeJS.ProcessEnv = process.env): string {
  // As bin/ecr-lab.js places V8's compile cache.
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ecr-lab', 'frames');
}

/** False when ECR_LAB_FRAME_CACHE=0 (the bench measures both ways). */
export function isFrameCacheOn(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.ECR_LAB_FRAME_CACHE !== '0';
}

/** The output stream the frame goes to: the terminal, or a test's stand-in. */
export interface FrameOutput {
  write(bytes: string): unknown;
}

/** The terminal's input, put in raw mode while the early frame is up so that keys do not echo into it. */
export interface FrameInput {
  readonly isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/** An early frame on screen, until Ink draws its own. */
export interface EarlyFrame {
  /** The bytes on screen. */
  readonly bytes: string;
  /** Puts the terminal back (cooked mode, cursor shown) when Ink never took over (quit before it loaded). */
  release(): void;
}

/**
 * The first frame kept under `key`; undefined when none is kept (or it cannot be read, or the
 * file of that name holds another key). The read is synchronous and small (~3 KiB): it is the
 * whole point.
 */
export function keptFrame(key: string, dir = framesDir()): string | undefined {
  let kept: string;
  try {
    kept = readFileSync(join(dir, frameFileName(key)), 'utf8');
  } catch {
    return undefined;
  }
  const end = kept.indexOf('\n');
  if (end < 0 || kept.slice(0, end) !== key) return undefined;
  const bytes = kept.slice(end + 1);
  return bytes === '' ? undefined : bytes;
}

/** Writes `bytes` as the early frame, then puts the terminal in raw mode, and returns it. */
export function showFrame(bytes: string, output: FrameOutput = process.stdout, given?: FrameInput): EarlyFrame {
  output.write(bytes);
  // Keys typed from now on wait in the terminal, unechoed, for Ink (it reads them on mounting).
  // After the frame: making process.stdin costs a start 2-7 ms (a tty.ReadStream and its modules).
  const input = given ?? process.stdin;
  const isRaw = input.isTTY === true && typeof input.setRawMode === 'function';
  if (isRaw) input.setRawMode!(true);
  let isReleased = false;
  return {
    bytes,
    release: () => {
      if (isReleased) return;
      isReleased = true;
      if (isRaw) input.setRawMode!(false);
      output.write('\u001b[?25h');
    },
  };
}

/** Writes the first frame kept under `key` (keptFrame, showFrame) and returns it; undefined when none is kept. */
export function showKeptFrame(
  key: string, dir = framesDir(), output: FrameOutput = process.stdout, given?: FrameInput,
): EarlyFrame | undefined {
  const bytes = keptFrame(key, dir);
  return bytes === undefined ? undefined : showFrame(bytes, output, given);
}

/** Moves up over `bytes` (which end on a new line) and erases from there to the end of the screen. */
export function eraseFrame(bytes: string): string {
  const lines = bytes.split('\n').length - 1;
  return `${lines > 0 ? `\u001b[${lines}A` : ''}\r\u001b[J`;
}

/**
 * Runs `render` (Ink's first, synchronous render) with the writes it makes to `output` held
 * back, then writes them unless they are the early frame's bytes exactly (erasing the early
 * frame first when they differ). Returns what `render` returned and the bytes Ink wrote.
 */
export function adoptFirstFrame<T>(
  render: () => T, early: EarlyFrame | undefined, output: { write: (...args: never[]) => boolean } = process.stdout,
): { value: T; bytes: string } {
  const write = output.write;
  let bytes = '';
  (output as { write: unknown }).write = (chunk: unknown, ...rest: unknown[]) => {
    bytes += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    done?.();
    return true;
  };
  let value: T;
  try {
    value = render();
  } finally {
    output.write = write;
  }
  if (early === undefined) write.call(output, bytes as never);
  else if (bytes !== early.bytes) write.call(output, `${eraseFrame(early.bytes)}${bytes}` as never);
  return { value, bytes };
}

/**
 * Keeps `bytes` as the first frame for `key` (a temp file renamed over it, so a reader sees all
 * or nothing; the key on its first line), and lets only the newest entries stay. A cache: a
 * failure changes nothing.
 */
export async function keepFrame(key: string, bytes: string, dir = framesDir()): Promise<void> {
  try {
    await makeDir(dir);
    const name = frameFileName(key);
    const temp = join(dir, `.${name}.${process.pid}`);
    await writeFile(temp, `${key}\n${bytes}`, { mode: 0o600 });
    await rename(temp, join(dir, name));
    const names = (await readdir(dir)).filter((n) => !n.startsWith('.'));
    if (names.length <= KEPT) return;
    const aged = await Promise.all(names.map(async (name) => ({ name, at: (await stat(join(dir, name)).catch(() => undefined))?.mtimeMs ?? 0 })));
    aged.sort((a, b) => b.at - a.at);
    await Promise.all(aged.slice(KEPT).map(({ name }) => unlink(join(dir, name)).catch(() => undefined)));
  } catch {
    // No cache dir, a read-only home: the next start draws through Ink, as without a cache.
  }
}

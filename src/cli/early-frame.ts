// The TUI's kept first frame (first-frame.ts), put on screen by bin/ecr-lab.js from
// dist/early-frame.cjs before the ES module build has loaded. Loading dist/main.js, its chunks
// and commander, and on Node 20 starting Node's ES module loader at all, took 40-60 ms of a
// 130-200 ms first frame; the frame needs none of it. It is named from the same inputs as the TUI names it (frameKey),
// read the same way but synchronously, and handed to the TUI through a global symbol; anything
// unusual (a command word, a corrupt progress file, no terminal, no frame kept) leaves it to the
// TUI, which then does as it always did.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isatty } from 'node:tty';
import { EMPTY_PROGRESS, type Progress, progressProblem } from '../core/progress.js';
import { type EarlyFrame, frameKey, framesDir, isFrameCacheOn, keptFrame, lessonFiles, showFrame } from './first-frame.js';
import { applyNoColor } from './color-env.js';
import { listenEarly } from './early-interrupt.js';
import { stateDir } from '../state/paths.js';

/** A kept frame already on screen, and the name it was kept under. */
export interface HandedFrame {
  readonly key: string;
  readonly early: EarlyFrame;
}

// Symbol.for: dist/early-frame.cjs and dist/main.js are two bundles with a module each of this file.
const HANDED = Symbol.for('ecr-lab.early-frame');
type Holder = { [HANDED]?: HandedFrame };

/** Options that only the TUI's own start takes, or that decide it is not one. */
const NOT_THE_TUI = new Set(['--live', '-h', '--help', '-v', '--version']);

/**
 * The saved progress as ProgressStore.load() gives it, or undefined when that would warn or throw
 * (a corrupt file is left where it is: the TUI moves it aside, with its warning).
 */
export function savedProgress(file: string): Progress | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? EMPTY_PROGRESS : undefined;
  }
  try {
    const data: unknown = JSON.parse(text);
    return progressProblem(data) === undefined ? data as Progress : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Shows the frame the TUI kept for this start, when `argv` starts the TUI on the local ECR in a
 * terminal and one is kept; the TUI takes it over with takeEarlyFrame(). `root` is the package's.
 */
export function showEarlyFrame(root: string, argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): HandedFrame | undefined {
  try {
    const args = argv.slice(2);
    if (!isFrameCacheOn(env) || (args[0] !== undefined && !args[0].startsWith('-')) || args.some((a) => NOT_THE_TUI.has(a))) return undefined;
    // The TUI needs both ends to be a terminal; stdin is asked without making process.stdin,
    // which showKeptFrame() makes after the frame is on screen.
    if (process.stdout.isTTY !== true || !isatty(0)) return undefined;
    const progress = savedProgress(join(stateDir(env), 'progress.json'));
    if (progress === undefined) return undefined;
    const lessons = lessonFiles(join(root, 'lessons'));
    // cli.ts does this before the TUI names its frame: the same environment, the same name.
    applyNoColor(env);
    const key = frameKey({ lessons, progress, columns: process.stdout.columns, rows: process.stdout.rows, argv: args, env });
    const bytes = keptFrame(key, framesDir(env));
    if (bytes === undefined) return undefined;
    // On before the frame: a Ctrl-C typed as soon as it shows is SIGINT until raw mode is on.
    listenEarly();
    const early = showFrame(bytes);
    const handed = { key, early };
    (globalThis as Holder)[HANDED] = handed;
    return handed;
  } catch {
    // A cache: whatever failed, the TUI draws its own first frame.
    return undefined;
  }
}

/** The frame showEarlyFrame() put on screen, once: the caller now owns it (adopts or releases it). */
export function takeEarlyFrame(): HandedFrame | undefined {
  const holder = globalThis as Holder;
  const handed = holder[HANDED];
  delete holder[HANDED];
  return handed;
}

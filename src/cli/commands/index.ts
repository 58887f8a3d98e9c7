// Runs one command by name. Heavy modules (ink, the local ECR, the AWS SDK) are imported here,
// lazily, so a plain listing starts as fast as Node itself.
import type { Command } from 'commander';
import { stateDir } from '../../state/paths.js';
import { ProgressStore } from '../../state/progress-store.js';
import { courseScore, drillSummary, type Progress, quizSummary } from '../../core/progress.js';
import { defaultContext } from '../../core/steps.js';
import { type ContentError, formatContentError } from '../../core/lesson.js';
import { loadCourse, findLesson, lessonsDir } from '../content.js';
import { UsageError, UserError } from '../errors.js';
import { importTui } from '../import-tui.js';
import { catchInterrupt, type Interrupt } from '../interrupt.js';
import { lessonLines } from './lessons.js';
import { frameKey, isFrameCacheOn, lessonFiles, showKeptFrame } from '../first-frame.js';
import { takeEarlyFrame } from '../early-frame.js';
import type { FirstFrames } from './tui.js';
import type { TargetFlags } from '../target.js';

type Opts = Record<string, unknown>;

function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Loads progress; a corrupt file is reported on stderr (it was kept aside), never fatal. */
async function loadProgress(store: ProgressStore): Promise<Progress> {
  const loaded = await store.load();
  if (loaded.warning) process.stderr.write(`${loaded.warning}\n`);
  return loaded.value;
}

/** How many drill files there are, without parsing them (the listing stays fast). */
async function drillCount(): Promise<number> {
  const { readdir } = await import('node:fs/promises');
  const { drillsDir } = await import('../drills-content.js');
  return (await readdir(drillsDir()).catch(() => [] as string[])).filter((n) => n.endsWith('.md')).length;
}

async function course() {
  const c = await loadCourse();
  throwContentError(c.errors);
  return c.lessons;
}

function throwContentError(errors: readonly ContentError[]): void {
  if (errors.length > 0) throw new UserError(`${formatContentError(errors[0]!)} (ecr-lab check-content lists every problem)`);
}

function colorWanted(): boolean {
  return process.stdout.isTTY === true && !process.env.NO_COLOR && process.env.FORCE_COLOR !== '0';
}

async function listLessons(): Promise<number> {
  const [lessons, progress] = await Promise.all([course(), loadProgress(new ProgressStore(stateDir()))]);
  out(lessonLines(lessons, progress).join('\n'));
  return 0;
}

async function readLesson(query: string, opts: Opts): Promise<number> {
  const lessons = await course();
  const lesson = findLesson(lessons, query);
  if (!lesson) throw new UsageError(`no lesson '${query}'; ecr-lab lessons lists them (${lessons.map((l) => l.id).join(', ')})`);
  const width = Number(opts.width) || Math.min(process.stdout.columns || 80, 100);
  if (!Number.isInteger(width) || width < 40) throw new UsageError('--width must be a whole number of at least 40');
  const [{ lessonText }, { loadMarkdown }] = await Promise.all([import('./read.js'), import('../../markdown/render.js')]);
  await loadMarkdown();
  out(lessonText(lesson, width, colorWanted(), defaultContext()));
  return 0;
}

async function checkContent(): Promise<number> {
  const c = await loadCourse(undefined, true);
  const [{ loadDrills }, { loadDecks }, { slideProblems }, { loadMarkdown }, { minutesWarning }] = await Promise.all([
    import('../drills-content.js'), import('../decks-content.js'), import('../../markdown/slide.js'), import('../../markdown/render.js'),
    import('../../core/reading-time.js'),
  ]);
  const d = await loadDrills(undefined, c.lessons.map((l) => l.id));
  // Deck includes resolve against the lessons that parsed; the fit check renders the prose.
  const [decks] = await Promise.all([loadDecks(undefined, c.lessons, { fresh: true }), loadMarkdown()]);
  const errors = [...c.errors, ...d.errors, ...decks.errors, ...decks.decks.flatMap((deck) => slideProblems(deck))];
  for (const e of errors) process.stderr.write(`${formatContentError(e)}\n`);
  if (errors.length > 0) return 1;
  // Minutes below the reading estimate mislead a learner planning their time, but the
  // course still works: a warning, and the exit stays 0.
  const warnings = c.lessons.flatMap((l) => minutesWarning(l) ?? []);
  for (const w of warnings) process.stderr.write(`warning: ${formatContentError(w)}\n`);
  const pages = c.lessons.reduce((n, l) => n + l.pages.length, 0);
  const slides = decks.decks.reduce((n, deck) => n + deck.slides.length, 0);
  const verdict = warnings.length === 0 ? 'no problems' : `no errors, ${warnings.length} warning${warnings.length === 1 ? '' : 's'} (above)`;
  out(`ok: ${c.lessons.length} lessons, ${pages} pages, ${d.drills.length} drills, ${decks.decks.length} decks (${slides} slides), ${verdict}`);
  return 0;
}

async function progressCommand(opts: Opts): Promise<number> {
  const store = new ProgressStore(stateDir());
  if (opts.reset) {
    out(await store.reset() ? `progress reset (${store.file} removed)` : `nothing to reset: ${store.file} does not exist`);
    return 0;
  }
  const [lessons, progress] = await Promise.all([course(), loadProgress(store)]);
  out(lessonLines(lessons, progress).join('\n'));
  out(quizSummary(courseScore(progress, lessons)));
  out(drillSummary(progress, await drillCount()));
  for (const [id, record] of Object.entries(progress.drills ?? {})) {
    const last = record.runs[record.runs.length - 1];
    out(`  ${id}: best ${record.best}/100${last ? `, last ${last.points} (${last.isFirstTry ? 'first-try diagnosis' : 'diagnosed after a wrong answer'}, ${last.hintsUsed} hints, ${last.seconds} s)` : ''}`);
  }
  if (progress.last) out(`last position: ${progress.last.lessonId}, page ${progress.last.page + 1} (${store.file})`);
  return 0;
}

/** The clock change, also when it looks like an option to commander (`-1h`). */
function clockArgument(args: unknown[], cmd: Command): string | undefined {
  const given = args[0] as string | undefined;
  return given ?? cmd.args.find((a) => /^[+-]?\d/.test(a));
}

/** Runs a screen command with SIGINT caught from its first moment (loading Ink takes ~0.5 s). */
async function withInterrupt(command: (interrupt: Interrupt) => Promise<number>): Promise<number> {
  const interrupt = catchInterrupt();
  try {
    return await command(interrupt);
  } finally {
    interrupt.release();
  }
}

/** Runs the named command with commander's action arguments (…args, options, command). */
export async function runCommand(name: string, args: unknown[]): Promise<number> {
  const cmd = args[args.length - 1] as Command;
  const opts = cmd.optsWithGlobals() as Opts;
  switch (name) {
    case 'lessons': return listLessons();
    case 'read': return readLesson(String(args[0]), opts);
    case 'check-content': return checkContent();
    case 'progress': return progressCommand(opts);
    case 'serve': return (await import('./serve.js')).serve(opts);
    case 'run': return (await import('./run.js')).run(args[0] as string[], opts);
    case 'policy': return (await import('./policy.js')).policy(args[0] as string[], opts);
    case 'doctor': return (await import('./doctor.js')).doctor(opts);
    case 'cleanup': return (await import('./cleanup.js')).cleanup(opts);
    case 'fault': return (await import('./fault.js')).fault(args[0] as string | undefined, args[1] as string | undefined, opts);
    case 'clock': return (await import('./fault.js')).clock(clockArgument(args, cmd), opts);
    case 'drill': return (await import('./drill.js')).drill(args[0] as string | undefined, opts);
    case 'explain': return (await import('./explain.js')).explain((args[0] as string[]).join(' '));
    case 'present': return withInterrupt((i) => importTui(() => import('./present.js')).then((m) => m.present(args[0] as string | undefined, opts, i)));
    case 'notes': return withInterrupt((i) => importTui(() => import('./notes.js')).then((m) => m.notes(opts, i)));
    case 'export': return (await import('./export.js')).exportCommand(args[0] as string | undefined, opts);
    case 'tui': {
      if (cmd.args.length > 0) throw new UsageError(`unknown command '${cmd.args[0]}'`);
      if (process.stdin.isTTY !== true || process.stdout.isTTY !== true) {
        out('ecr-lab: not a terminal, so here is the plain listing (ecr-lab read <id> prints a lesson):');
        return listLessons();
      }
      return withInterrupt(async (interrupt) => {
        const store = new ProgressStore(stateDir());
        // The course and the progress first (~10 ms), then the first frame kept for them
        // (first-frame.ts, on the local ECR), and only then the screens' ~150 ms of modules,
        // which would otherwise hold the frame back while the main thread compiles them.
        const [c, progress] = await Promise.all([loadCourse(), loadProgress(store)]);
        throwContentError(c.errors);
        const flags = opts as TargetFlags;
        let frames: FirstFrames | undefined;
        // bin/ecr-lab.js may have shown the kept frame already (early-frame.ts); when progress
        // changed in the meantime, adopting it erases it for Ink's.
        const handed = takeEarlyFrame();
        if (!flags.live && isFrameCacheOn()) {
          const lessons = lessonFiles(lessonsDir());
          const key = frameKey({ lessons, progress, columns: process.stdout.columns, rows: process.stdout.rows });
          frames = { lessons, key, early: handed?.early ?? (interrupt.isRequested ? undefined : showKeptFrame(key)) };
        } else {
          handed?.early.release();
        }
        const { runTui } = await importTui(() => import('./tui.js'));
        return runTui(c.lessons, progress, store, flags, interrupt, frames);
      });
    }
    default: throw new Error(`no command '${name}'`);
  }
}

// `ecr-lab export`: a handout of a lesson, a deck or the whole course (`all`: every lesson, in
// course order), or the learner's own lab report, as one HTML file or as markdown.
import { formatContentError, type Lesson } from '../../core/lesson.js';
import type { Handout } from '../../export/handout.js';
import { stateDir } from '../../state/paths.js';
import { loadCourse, findLesson } from '../content.js';
import { UsageError, UserError } from '../errors.js';
import { plural } from '../../core/plural.js';
import { packageRoot } from '../package-root.js';
import { join } from 'node:path';

type Opts = Record<string, unknown>;
type Format = { readonly kind: 'html' | 'md'; readonly file: string };

function format(opts: Opts): Format {
  const html = typeof opts.html === 'string' ? opts.html : undefined;
  const md = typeof opts.md === 'string' ? opts.md : undefined;
  if (html !== undefined && md !== undefined) throw new UsageError('give --html FILE or --md FILE, not both (run export twice for both)');
  if (html === undefined && md === undefined) throw new UsageError('say where to write: --html FILE (one self-contained page) or --md FILE (markdown)');
  const file = (html ?? md)!;
  if (file.trim() === '') throw new UsageError(`--${html !== undefined ? 'html' : 'md'} needs a file name`);
  return html !== undefined ? { kind: 'html', file } : { kind: 'md', file };
}

async function course(): Promise<readonly Lesson[]> {
  const c = await loadCourse();
  if (c.errors.length > 0) throw new UserError(`${formatContentError(c.errors[0]!)} (ecr-lab check-content lists every problem)`);
  return c.lessons;
}

/** The handout `what` names: all, a deck by file or id, a lesson by id or number, a deck by prefix. */
async function handoutFor(what: string, lessons: readonly Lesson[]): Promise<{ handout: Handout; said: string }> {
  const { courseHandout, deckHandout, lessonHandout } = await import('../../export/handout.js');
  if (what === 'all') return { handout: courseHandout(lessons), said: `${lessons.length} lessons` };
  const { loadDecks, findDeck } = await import('../decks-content.js');
  const { decks } = await loadDecks(undefined, lessons);
  const byDeck = async () => (/^\d+$/.test(what) ? undefined : findDeck(decks, what, lessons));
  const exactDeck = decks.find((d) => d.id === what);
  const lesson = what.endsWith('.md') || exactDeck ? undefined : findLesson(lessons, what);
  if (lesson) return { handout: lessonHandout(lesson), said: `lesson ${lesson.id}` };
  const found = await byDeck();
  if (found && 'errors' in found) throw new UserError(`${formatContentError(found.errors[0]!)} (ecr-lab check-content lists every problem)`);
  if (found) return { handout: deckHandout(found.deck), said: `deck ${found.deck.id}, ${found.deck.slides.length} slides` };
  const deckIds = decks.map((d) => d.id).join(', ') || 'none';
  throw new UsageError(`no lesson or deck '${what}'; lessons: ${lessons.map((l) => l.id).join(', ')}; decks: ${deckIds}; or all`);
}

async function reportText(kind: Format['kind']): Promise<{ text: string; said: string }> {
  const [{ ProgressStore }, { Journal }, { Ledger }, { loadDrills }, { buildReport }] = await Promise.all([
    import('../../state/progress-store.js'), import('../../state/journal.js'), import('../../state/ledger.js'),
    import('../drills-content.js'), import('../../export/report.js'),
  ]);
  const dir = stateDir();
  const lessons = await course();
  const journal = Journal.in(dir);
  const ledger = Ledger.in(dir);
  const [progress, drills, steps, created] = await Promise.all([
    new ProgressStore(dir).load(), loadDrills(undefined, lessons.map((l) => l.id)), journal.entries(), ledger.entries(),
  ]);
  for (const warning of [progress.warning, ...journal.takeWarnings(), ...ledger.takeWarnings()]) if (warning) process.stderr.write(`${warning}\n`);
  const report = buildReport({ lessons, progress: progress.value, drills: drills.drills, journal: steps, ledger: created });
  const text = kind === 'html' ? (await import('../../export/report-html.js')).reportHtml(report) : (await import('../../export/report-markdown.js')).reportMarkdown(report);
  return { text, said: `lab report: ${plural(report.steps.length, 'step')}, ${plural(report.drills.length, 'drill')}` };
}

/** Writes the handout or report; one line on success naming the file and its size. */
export async function exportCommand(what: string | undefined, opts: Opts): Promise<number> {
  const target = format(opts);
  if (opts.report && what !== undefined) throw new UsageError(`--report exports your own lab report; drop '${what}' (or drop --report to export it)`);
  if (!opts.report && what === undefined) throw new UsageError('say what to export: a lesson id or number, a deck id, all (every lesson), or --report');
  let text: string;
  let said: string;
  if (opts.report) {
    ({ text, said } = await reportText(target.kind));
  } else {
    const found = await handoutFor(what!, await course());
    said = found.said;
    text = target.kind === 'html'
      ? (await import('../../export/html.js')).handoutHtml(found.handout)
      : (await import('../../export/markdown.js')).handoutMarkdown(found.handout);
  }
  const { writeExport, formatSize, ExportWriteError } = await import('../../export/write-text.js');
  // Never over the course's own files, nor over the deck file being exported.
  const root = packageRoot();
  const kept = [
    ...['lessons', 'slides', 'drills'].map((folder) => ({ path: join(root, folder), isFolder: true, why: `it is in ecr-lab's own ${folder}/` })),
    ...(what?.toLowerCase().endsWith('.md') ? [{ path: what, why: 'it is the deck being exported' }] : []),
  ];
  try {
    const { bytes, isStream } = await writeExport(target.file, text, kept);
    // Said on stderr when the export itself went to a terminal or a pipe (/dev/stdout).
    (isStream ? process.stderr : process.stdout).write(`wrote ${target.file} (${formatSize(bytes)}, ${said})\n`);
  } catch (err) {
    if (err instanceof ExportWriteError) throw new UserError(err.message);
    throw err;
  }
  return 0;
}

// A rehearsal's record: the time spent on each slide against its plan, printed as a table when
// the presenter quits and saved atomically to <state>/rehearsals/<deck>-<time>.json.
import { makeDir } from './make-dir.js';
import { join } from 'node:path';
import { roundToTotal } from '../core/round-to-total.js';
import { saveJson } from './json-file.js';

/** One slide of a rehearsal, in whole seconds. */
export interface RehearsalSlide {
  readonly slide: number;
  readonly title: string;
  readonly plannedSeconds: number;
  /** null for a slide never on screen (an early quit, a jump past it): not the same as passed quickly. */
  readonly spentSeconds: number | null;
}

/** What one rehearsal came to. */
export interface Rehearsal {
  readonly version: 1;
  readonly deckId: string;
  readonly deckTitle: string;
  /** ISO times the rehearsal started and ended. */
  readonly startedAt: string;
  readonly endedAt: string;
  readonly plannedSeconds: number;
  readonly spentSeconds: number;
  readonly slides: readonly RehearsalSlide[];
}

/** The presenter's clock at the quit: its start and end, the ms on each slide, the slides reached. */
export interface RehearsalTimes {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly spentMs: readonly number[];
  readonly reached: readonly boolean[];
}

/** The rehearsal of a deck from its slides' titles and plans and the presenter's clock. */
export function rehearsal(
  deck: { readonly id: string; readonly title: string; readonly slides: readonly { readonly title: string }[] },
  plan: readonly number[], { startedAt, endedAt, spentMs, reached }: RehearsalTimes,
): Rehearsal {
  const raw = deck.slides.map((_, i) => (spentMs[i] ?? 0) / 1000);
  // The total is the time on the slides rounded once, as the presenter's clock counts it; each
  // slide is rounded up or down so that the column adds up to it (rounded one by one, twenty
  // slides of 0.6 s made 20 s of a 12 s run).
  const spentSeconds = Math.round(raw.reduce((n, v) => n + v, 0));
  const spent = roundToTotal(raw, spentSeconds);
  const slides = deck.slides.map((s, i) => ({
    slide: i + 1, title: s.title, plannedSeconds: plan[i] ?? 0, spentSeconds: reached[i] === true ? spent[i] ?? 0 : null,
  }));
  return {
    version: 1, deckId: deck.id, deckTitle: deck.title,
    startedAt: new Date(startedAt).toISOString(), endedAt: new Date(endedAt).toISOString(),
    plannedSeconds: slides.reduce((n, s) => n + s.plannedSeconds, 0),
    spentSeconds,
    slides,
  };
}

const mmss = (seconds: number): string => `${Math.floor(Math.abs(seconds) / 60)}:${String(Math.abs(seconds) % 60).padStart(2, '0')}`;
const signed = (seconds: number): string => (seconds === 0 ? '0:00' : `${seconds > 0 ? '+' : '-'}${mmss(seconds)}`);

/** The table printed on quit: slide, planned, spent, difference, and the total. */
export function rehearsalTable(r: Rehearsal): string[] {
  const titleWidth = Math.min(48, Math.max(5, ...r.slides.map((s) => s.title.length)));
  const cut = (t: string): string => (t.length > titleWidth ? `${t.slice(0, titleWidth - 1)}…` : t).padEnd(titleWidth);
  const row = (n: string, title: string, planned: string, spent: string, diff: string): string =>
    `${n.padStart(3)}  ${cut(title)}  ${planned.padStart(7)}  ${spent.padStart(7)}  ${diff.padStart(7)}`;
  const reached = r.slides.filter((s) => s.spentSeconds !== null);
  // After an early quit the slides not reached are no time short: the total is against the rest.
  const plannedReached = reached.reduce((n, s) => n + s.plannedSeconds, 0);
  const slideRow = (s: RehearsalSlide): string => (s.spentSeconds === null
    ? row(String(s.slide), s.title, mmss(s.plannedSeconds), NOT_REACHED, NOT_REACHED)
    : row(String(s.slide), s.title, mmss(s.plannedSeconds), mmss(s.spentSeconds), signed(s.spentSeconds - s.plannedSeconds)));
  const note = reached.length < r.slides.length
    ? [`${NOT_REACHED} not reached; the total's diff is against the ${mmss(plannedReached)} planned for the ${reached.length} of ${r.slides.length} slides reached`]
    : [];
  return [
    `rehearsal of ${r.deckId} (${r.deckTitle})`,
    row('#', 'slide', 'planned', 'spent', 'diff'),
    ...r.slides.map(slideRow),
    row('', 'total', mmss(r.plannedSeconds), mmss(r.spentSeconds), signed(r.spentSeconds - plannedReached)),
    ...note,
  ];
}

const NOT_REACHED = '—';

/** Saves the rehearsal atomically and returns the file it went to. */
export async function saveRehearsal(stateDir: string, r: Rehearsal): Promise<string> {
  const dir = join(stateDir, 'rehearsals');
  await makeDir(dir);
  // Colons are not allowed in file names everywhere; the time is still ISO 8601 read with dashes.
  const file = join(dir, `${r.deckId}-${r.endedAt.replace(/[:.]/g, '-')}.json`);
  await saveJson(file, r);
  return file;
}

// The deck model: a seminar deck parsed from slides/*.md, with its lesson references already
// resolved, so a slide carries the same blocks (prose, diagrams, quizzes, step cards) as the
// lesson page it borrows from. Independent of how it is shown, presented or exported.
import type { Block } from './lesson.js';
import { roundToTotal } from './round-to-total.js';

/** What a slide borrowed from the course, for check-content, notes and handouts. */
export interface SlideSource {
  /** The reference as written: `page: auth-flow#2`. */
  readonly ref: string;
  readonly kind: IncludeKind;
  readonly lessonId: string;
  /** The line of the include block in the deck file. */
  readonly line: number;
}

/** What an include block can take from a lesson. */
export type IncludeKind = 'page' | 'diagram' | 'quiz' | 'step' | 'objectives';

export interface Slide {
  readonly title: string;
  /**
   * The slide's own blocks and the included ones, in order. The heading that gave the title
   * is not among them (a slide shows its title apart), nor is the heading of an included
   * page whose title the slide took. Empty for a slide that is its title alone.
   */
  readonly blocks: readonly Block[];
  /** Speaker notes, markdown; '' when the slide has none. */
  readonly notes: string;
  /** The planned time of this slide in seconds, when the notes block gives one (`notes 3m`). */
  readonly plannedSeconds?: number;
  readonly sources: readonly SlideSource[];
  /** The line in the deck file of the slide's first written line (past blank lines). */
  readonly line: number;
}

export interface Deck {
  readonly id: string;
  readonly title: string;
  /** The planned length of the whole talk. */
  readonly minutes: number;
  readonly description?: string;
  readonly slides: readonly Slide[];
  readonly file: string;
}

/**
 * The planned seconds of every slide: its own when given, otherwise an equal share of what
 * the deck's minutes leave over (never below zero). When the slides' own times add up to more
 * than the deck's minutes (a talk given shorter with `--minutes`), they shrink in proportion.
 * Shares are rounded so that the plan adds up to the deck's minutes exactly (rounding each
 * on its own made 55 s of `--minutes 1`); slides that all have their own times, adding up to
 * less, keep them.
 */
export function slidePlan(deck: Deck): number[] {
  const total = deck.minutes * 60;
  const fixed = deck.slides.reduce((n, s) => n + (s.plannedSeconds ?? 0), 0);
  const open = deck.slides.filter((s) => s.plannedSeconds === undefined).length;
  const share = open > 0 ? Math.max(0, total - fixed) / open : 0;
  const scale = fixed > total ? total / fixed : 1;
  const shares = deck.slides.map((s) => (s.plannedSeconds === undefined ? share : s.plannedSeconds * scale));
  return roundToTotal(shares, open > 0 || fixed > total ? total : fixed);
}

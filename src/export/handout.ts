// A handout as data: the sections (lessons or slides) that the HTML and markdown writers turn
// into files, so both show the same content in the same order.
import { slidePlan, type Deck } from '../core/deck.js';
import { formatDuration } from '../core/deck-notes.js';
import type { Block, Lesson } from '../core/lesson.js';
import { anchor } from './escape.js';

/** Part of a section: a lesson page, or a slide's content with its notes. */
export interface HandoutPart {
  readonly title?: string;
  readonly anchor?: string;
  readonly blocks: readonly Block[];
  /** Speaker notes (markdown), for slides. */
  readonly notes?: string;
  /** Where included content came from: `page: auth-flow#2`. */
  readonly sources?: readonly string[];
}

/** One lesson, or one slide; each starts a new printed page. */
export interface HandoutSection {
  readonly anchor: string;
  readonly title: string;
  /** One line under the title: minutes, slide number. */
  readonly meta: string;
  readonly objectives: readonly string[];
  readonly parts: readonly HandoutPart[];
}

export interface Handout {
  readonly title: string;
  readonly description?: string;
  readonly kind: 'lesson' | 'course' | 'deck';
  readonly sections: readonly HandoutSection[];
}

// A lesson page's prose opens with its title heading; the handout shows the title itself.
function withoutTitle(blocks: readonly Block[], title: string): readonly Block[] {
  const [first, ...rest] = blocks;
  if (first?.kind !== 'markdown') return blocks;
  const m = /^\s*#{1,6}[ \t]+(.+?)[ \t#]*(?:\n|$)/.exec(first.text);
  if (!m || m[1]!.trim() !== title.trim()) return blocks;
  const text = first.text.slice(m[0].length);
  return text.trim() === '' ? rest : [{ ...first, text }, ...rest];
}

function lessonSection(lesson: Lesson, number?: number): HandoutSection {
  return {
    anchor: anchor('lesson', lesson.id),
    title: number === undefined ? lesson.title : `${number}. ${lesson.title}`,
    meta: `${lesson.minutes} minutes · ${lesson.pages.length} page${lesson.pages.length === 1 ? '' : 's'} · lesson ${lesson.id}`,
    objectives: lesson.objectives,
    parts: lesson.pages.map((page, i) => ({ title: page.title, anchor: anchor('lesson', lesson.id, 'page', i + 1), blocks: withoutTitle(page.blocks, page.title) })),
  };
}

/** One lesson. */
export function lessonHandout(lesson: Lesson): Handout {
  return { title: lesson.title, kind: 'lesson', sections: [lessonSection(lesson)] };
}

/** Every lesson of the course, in order. */
export function courseHandout(lessons: readonly Lesson[]): Handout {
  const minutes = lessons.reduce((n, l) => n + l.minutes, 0);
  return {
    title: 'ecr-lab: Amazon ECR, the course',
    description: `${lessons.length} lessons, about ${minutes} minutes.`,
    kind: 'course',
    sections: lessons.map((l, i) => lessonSection(l, i + 1)),
  };
}

/** A seminar deck: every slide with its content and its speaker notes. */
export function deckHandout(deck: Deck): Handout {
  const plan = slidePlan(deck);
  const n = deck.slides.length;
  return {
    title: deck.title,
    description: [deck.description, `${deck.minutes} minutes, ${n} slides.`].filter(Boolean).join(' '),
    kind: 'deck',
    sections: deck.slides.map((slide, i) => ({
      anchor: anchor('slide', i + 1),
      title: slide.title,
      meta: `slide ${i + 1}/${n} · planned ${formatDuration(plan[i] ?? 0)}`,
      objectives: [],
      parts: [{ blocks: slide.blocks, notes: slide.notes, sources: slide.sources.map((s) => s.ref) }],
    })),
  };
}

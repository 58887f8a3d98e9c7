// The speaker notes of a slide: the ```notes 3m``` block, its text and its planned time.
import type { Collector, Fence } from './lesson-parser.js';

/** What a slide's notes block gave it. */
export interface SlideNotes {
  notes?: string;
  /** The line of the notes block, once one is read. */
  notesLine?: number;
  plannedSeconds?: number;
}

/** Seconds from `3m`, `90s` or `1m30s`; undefined when the text is none of these. */
export function parseDuration(text: string): number | undefined {
  const m = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!m || (m[1] === undefined && m[2] === undefined)) return undefined;
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
}

/** `2m 30s`, `45s`, `3m`: how a planned time reads in messages. */
export function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m === 0 ? `${s}s` : s === 0 ? `${m}m` : `${m}m ${s}s`;
}

/** Reads a ```notes [time]``` block into `notes`; a second one on a slide, or a bad time, is an error. */
export function notesFence(fence: Fence, notes: SlideNotes, c: Collector): void {
  if (notes.notesLine !== undefined) {
    c.add(fence.line, `a second notes block on this slide (the first is on line ${notes.notesLine})`, 'merge the notes into one block');
    return;
  }
  notes.notesLine = fence.line;
  notes.notes = fence.lines.join('\n').trim();
  const time = fence.info.slice('notes'.length).trim();
  if (time === '') return;
  const seconds = parseDuration(time);
  if (seconds === undefined || seconds === 0) {
    c.add(fence.line, `bad time '${time}' on the notes block`, 'write a time such as "notes 3m", "notes 90s" or "notes 1m30s", or none');
  } else {
    notes.plannedSeconds = seconds;
  }
}

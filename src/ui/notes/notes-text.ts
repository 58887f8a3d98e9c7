// The words of the speaker-notes screen, from a snapshot and the time now: the header, the
// timer (ticking on from `sentAt`), the next slide, the last live step, the notes themselves,
// and the plain block `ecr-lab notes` prints when it is not in a terminal.
import { clockText } from '../present/status-text.js';
import type { PresenterSnapshot, SnapshotStep } from '../../core/presenter-snapshot.js';
import { isMarkdownLoaded, renderMarkdown } from '../../markdown/render.js';
import { truncateLine, wrapLine } from '../../markdown/wrap.js';

/** `m:ss`, or `h:mm:ss` from an hour on; negative times count as zero. */
export const formatDuration = clockText;

/** How long since the snapshot was taken: the timers run on by this much between snapshots. */
function since(s: PresenterSnapshot, now: number): number {
  return Math.max(0, now - s.sentAt);
}

/** `3/12  Title`. */
export function headerText(s: PresenterSnapshot): string {
  return `${s.slide + 1}/${s.slideCount}  ${s.title}`;
}

/** `elapsed 12:04 · 32:56 left · slide 1:20 of 2:00`, with `+m:ss over` past the plan. */
export function timerText(s: PresenterSnapshot, now: number): string {
  const elapsed = s.elapsedMs + since(s, now);
  const slide = s.slideElapsedMs + since(s, now);
  const parts = [`elapsed ${formatDuration(elapsed)}`];
  if (s.plannedMs > 0) {
    parts.push(elapsed <= s.plannedMs ? `${formatDuration(s.plannedMs - elapsed)} left` : `+${formatDuration(elapsed - s.plannedMs)} over`);
  }
  if (s.slidePlannedMs > 0) {
    const over = slide > s.slidePlannedMs ? ` (+${formatDuration(slide - s.slidePlannedMs)})` : '';
    parts.push(`slide ${formatDuration(slide)} of ${formatDuration(s.slidePlannedMs)}${over}`);
  } else {
    parts.push(`slide ${formatDuration(slide)}`);
  }
  return parts.join(' · ');
}

/** True when the talk or the slide has run past its plan (the screen shows the timer as a warning). */
export function isOverTime(s: PresenterSnapshot, now: number): boolean {
  const elapsed = s.elapsedMs + since(s, now);
  return (s.plannedMs > 0 && elapsed > s.plannedMs)
    || (s.slidePlannedMs > 0 && s.slideElapsedMs + since(s, now) > s.slidePlannedMs);
}

/** `Next: Title`, or that this is the last slide. */
export function nextText(s: PresenterSnapshot): string {
  return s.nextTitle === undefined ? 'Next: (this is the last slide)' : `Next: ${s.nextTitle}`;
}

const TARGETS: Readonly<Record<SnapshotStep['target'], string>> = {
  local: 'local ECR',
  live: 'live AWS',
  fallback: 'local ECR (fallback after live failed)',
};

/** The step line wrapped to at most `rows` rows of `width`, the last one cut if it is longer still. */
export function stepRows(step: SnapshotStep | undefined, width: number, rows = 2): string[] {
  const wrapped = wrapLine(stepText(step), width);
  if (wrapped.length <= rows) return wrapped;
  return [...wrapped.slice(0, rows - 1), truncateLine(wrapped.slice(rows - 1).join(' '), width)];
}

/** `Last step: create-repository succeeded on local ECR · summary`. */
export function stepText(step: SnapshotStep | undefined): string {
  if (!step) return 'Last step: none run yet';
  const summary = step.summary.trim() === '' ? '' : ` · ${step.summary}`;
  return `Last step: ${step.stepId} ${step.status} on ${TARGETS[step.target]}${summary}`;
}

/** The tone of the last step line: a failure shows as one. */
export function stepTone(step: SnapshotStep | undefined): 'good' | 'bad' | 'dim' | 'plain' {
  if (!step) return 'dim';
  if (step.status === 'succeeded') return 'good';
  return step.status === 'running' ? 'plain' : 'bad';
}

/** The notes as terminal lines `width` columns wide (markdown once it is loaded, wrapped text before). */
export function notesLines(notes: string, width: number, color: boolean): string[] {
  const text = notes.trim() === '' ? '_No notes for this slide._' : notes;
  if (!isMarkdownLoaded()) return text.split('\n').flatMap((l) => wrapLine(l, width));
  return renderMarkdown(text, width, { color }).split('\n');
}

/** What makes a snapshot a change worth printing again: everything but the clocks. */
export function changeKey(s: PresenterSnapshot): string {
  return JSON.stringify([s.deckId, s.slide, s.slideCount, s.title, s.notes, s.nextTitle, s.isBlank, s.lastStep]);
}

/** The block printed for a snapshot when `ecr-lab notes` is not in a terminal. */
export function plainBlock(s: PresenterSnapshot, now: number, width: number): string {
  return [
    `== ${headerText(s)}`,
    s.isBlank ? `${timerText(s, now)} · screen blanked` : timerText(s, now),
    '',
    ...notesLines(s.notes, width, false),
    '',
    nextText(s),
    stepText(s.lastStep),
    '',
  ].join('\n');
}

/** What the screen says while no presenter answers. */
export function waitingText(stateDir: string): string {
  return `waiting for \`ecr-lab present\` in this state dir (${stateDir})`;
}

/** A horizontal rule `width` columns wide with `label` set into it (cut when it does not fit). */
export function ruleText(label: string, width: number): string {
  const head = label === '' ? '' : `── ${label} `;
  return head.length >= width ? head.slice(0, width) : head + '─'.repeat(width - head.length);
}

/** `lines 3-14 of 30`, or nothing when the notes fit the window. */
export function scrollText(offset: number, height: number, total: number): string {
  if (total <= height) return '';
  return `lines ${offset + 1}-${Math.min(total, offset + height)} of ${total}`;
}

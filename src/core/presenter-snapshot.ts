// What the presenter tells its followers (`ecr-lab notes`): one self-contained snapshot of the
// talk at a moment, sent whole on every change, so a follower that joins late or misses a
// message is up to date with the next one. Pure data, the same on both ends of the socket.

/** The result of the last live step run from a slide. */
export interface SnapshotStep {
  readonly stepId: string;
  readonly status: 'running' | 'succeeded' | 'failed' | 'cancelled' | 'crashed';
  /** Where it ran: 'local' (the local ECR), 'live' (AWS) or 'fallback' (local, after live failed). */
  readonly target: 'local' | 'live' | 'fallback';
  /** One line: the verified values or the error code and message (secrets masked). */
  readonly summary: string;
}

export interface PresenterSnapshot {
  readonly version: 1;
  readonly deckId: string;
  readonly deckTitle: string;
  /** 0-based index of the slide on screen, and how many there are. */
  readonly slide: number;
  readonly slideCount: number;
  readonly title: string;
  /** The current slide's speaker notes, markdown. */
  readonly notes: string;
  /** The next slide's title; absent on the last slide. */
  readonly nextTitle?: string;
  /** Milliseconds since the talk started, and the planned length (`--minutes` or the deck's). */
  readonly elapsedMs: number;
  readonly plannedMs: number;
  /** Milliseconds on the current slide so far, and its planned share. */
  readonly slideElapsedMs: number;
  readonly slidePlannedMs: number;
  readonly isBlank: boolean;
  readonly lastStep?: SnapshotStep;
  /** Wall-clock time (ms since the epoch) the snapshot was taken; followers tick the timer from it. */
  readonly sentAt: number;
}

/** Parses one line of the channel; undefined when it is not a snapshot this version knows. */
export function parseSnapshot(line: string): PresenterSnapshot | undefined {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return undefined;
  }
  const d = data as Partial<PresenterSnapshot> | null;
  if (!d || d.version !== 1 || typeof d.slide !== 'number' || typeof d.slideCount !== 'number'
    || typeof d.title !== 'string' || typeof d.notes !== 'string' || typeof d.sentAt !== 'number') return undefined;
  return d as PresenterSnapshot;
}

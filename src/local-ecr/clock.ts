// The local ECR's clock: real time plus an offset the learner can move (`ecr-lab clock +13h`),
// plus a shift that a fault holds while it is on (token-expired), so that a 12-hour registry
// token can expire in a seminar and `clock reset` and `fault off` each undo only their own part.

export interface Clock {
  /** Milliseconds since the epoch, as the local ECR sees it. */
  now(): number;
  /**
   * The time on the learner's own machine. Moving the clock means time passes for the whole
   * world, the learner's machine included, so SigV4's skew check compares a request's date with
   * this (the clients' clocks did not move) while tokens and sessions age by `now()`.
   */
  clientNow(): number;
  /** Moves the clock forward (or back, with a negative value). */
  advance(ms: number): void;
  /** The current offset from real time, in milliseconds (moves and fault shifts together). */
  offset(): number;
  /** The learner's own moves (`advance` since the last `reset`), without a fault's shift. */
  moved(): number;
  /** Undoes every `advance`; a fault's shift stays while the fault is on. */
  reset(): void;
  /** Sets the part of the offset a fault holds (0 when no fault shifts time). */
  setShift(ms: number): void;
  /** Calls `listener` after every move, reset or shift (the lifecycle runner); returns an unsubscribe. */
  onMove(listener: () => void): () => void;
}

export function createClock(initialOffsetMs = 0, realNow: () => number = Date.now): Clock {
  let moved = initialOffsetMs;
  let shift = 0;
  const listeners = new Set<() => void>();
  const moves = () => { for (const listener of [...listeners]) listener(); };
  return {
    now: () => realNow() + moved + shift,
    clientNow: () => realNow(),
    advance: (ms) => { moved += ms; moves(); },
    offset: () => moved + shift,
    moved: () => moved,
    reset: () => { moved = 0; moves(); },
    setShift: (ms) => { shift = ms; moves(); },
    onMove: (listener) => {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
  };
}

/** A clock that stands still at `atMs` until moved (tests). */
export function frozenClock(atMs: number): Clock {
  return createClock(0, () => atMs);
}

/** The furthest one move may take the clock: ten years, well inside what a Date can hold. */
export const MAX_CLOCK_MOVE_MS = 3650 * 86_400_000;

/** Parses `+13h`, `-30m`, `90s`, `2d` into milliseconds; undefined when it does not fit. */
export function parseDuration(text: string): number | undefined {
  const m = /^([+-]?)(\d+(?:\.\d+)?)([smhd])$/.exec(text.trim());
  if (!m) return undefined;
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[3] as 's' | 'm' | 'h' | 'd'];
  const ms = (m[1] === '-' ? -1 : 1) * Number(m[2]) * unit;
  return Math.abs(ms) <= MAX_CLOCK_MOVE_MS ? ms : undefined;
}

/**
 * A clock for the data directory: the learner's moves are kept in `<data>/clock.json`, so a
 * restart does not send the world back in time while images, scans and sessions carry the
 * moved dates. A failed write only loses the offset, never a request.
 */
export async function persistentClock(dataDir: string): Promise<{ readonly clock: Clock; readonly warning?: string; flush(): Promise<void> }> {
  const { loadJson } = await import('../state/json-file.js');
  const { Persister } = await import('./store/persister.js');
  const { join } = await import('node:path');
  const file = join(dataDir, 'clock.json');
  const loaded = await loadJson<{ movedMs: number }>(file, { movedMs: 0 },
    (d) => (typeof (d as { movedMs?: unknown })?.movedMs === 'number' && Math.abs((d as { movedMs: number }).movedMs) <= MAX_CLOCK_MOVE_MS ? undefined : 'movedMs is not a number of milliseconds'));
  const clock = createClock(loaded.value.movedMs);
  // Written like the rest of the local ECR's own data: one write at a time, each of the moves
  // as they are when it starts, so the file ends with the last (atomic, not fsynced).
  const persister = new Persister(file, () => ({ movedMs: clock.moved() }));
  let saved = clock.moved();
  clock.onMove(() => {
    if (clock.moved() === saved) return;
    saved = clock.moved();
    persister.save().catch(() => undefined);
  });
  // close() waits for the last move's write: a process that exits at once would lose it, and
  // a data dir removed right after close() met a temp file appearing in it.
  return { clock, flush: () => persister.idle(), ...(loaded.warning ? { warning: loaded.warning } : {}) };
}

// The local ECR's clock: real time plus an offset the learner can move (`ecr-lab clock +13h`),
// so that a 12-hour registry token can expire in a seminar.

export interface Clock {
  /** Milliseconds since the epoch, as the local ECR sees it. */
  now(): number;
  /** Moves the clock forward (or back, with a negative value). */
  advance(ms: number): void;
  /** The current offset from real time, in milliseconds. */
  offset(): number;
}

export function createClock(initialOffsetMs = 0, realNow: () => number = Date.now): Clock {
  let offset = initialOffsetMs;
  return {
    now: () => realNow() + offset,
    advance: (ms) => { offset += ms; },
    offset: () => offset,
  };
}

/** Parses `+13h`, `-30m`, `90s`, `2d` into milliseconds; undefined when it does not fit. */
export function parseDuration(text: string): number | undefined {
  const m = /^([+-]?)(\d+(?:\.\d+)?)([smhd])$/.exec(text.trim());
  if (!m) return undefined;
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[3] as 's' | 'm' | 'h' | 'd'];
  return (m[1] === '-' ? -1 : 1) * Number(m[2]) * unit;
}

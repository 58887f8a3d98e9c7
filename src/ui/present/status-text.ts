// The words of the presenter's status bar: the slide counter, the elapsed time, the countdown to
// the planned length (or how far over), and what the steps run against.

/** `m:ss` (or `h:mm:ss` from an hour) of a duration in ms, rounded down to the second. */
export function clockText(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** `12:03 elapsed · 32:57 left`, or `… · +2:10 over` past the planned end. */
export function timerText(elapsedMs: number, plannedMs: number): string {
  const left = plannedMs - elapsedMs;
  const end = left >= 0 ? `${clockText(left)} left` : `+${clockText(-left)} over`;
  return `${clockText(elapsedMs)} elapsed · ${end}`;
}

/** What the presenter runs steps on, as the status bar names it. */
export interface PresenterTarget {
  /** `local ECR 127.0.0.1:5000` or `live AWS 1234… us-east-1`. */
  readonly label: string;
  readonly isLive: boolean;
  /** Why live AWS cannot be reached (it opened in fallback mode), or why the local ECR did not start. */
  readonly problem?: string;
}

/** The target part of the status bar: where the last step ran when that was elsewhere, the faults on. */
export function targetText(target: PresenterTarget, lastRanOn?: 'local' | 'live' | 'fallback', faults: readonly string[] = []): string {
  let where = target.label;
  if (target.problem) where = target.isLive ? `live AWS unreachable (${target.problem})` : `local ECR did not start: ${target.problem}`;
  // Where the last step really ran matters more on a narrow bar than the target's full label.
  const parts = [faults.length > 0 ? `faults: ${faults.join(', ')}` : '', lastRanOn === 'fallback' ? 'last step on local ECR' : '', where];
  return parts.filter((p) => p !== '').join(' · ');
}

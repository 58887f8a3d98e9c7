// The time now, refreshed on an interval while asked to tick, so a timer runs between snapshots.
import { useEffect, useState } from 'react';

/** `now()` read again every `everyMs` while `isTicking`; unchanged otherwise. */
export function useNow(now: () => number, isTicking: boolean, everyMs = 500): number {
  const [time, setTime] = useState(now);
  useEffect(() => {
    if (!isTicking) return undefined;
    const tick = (): void => setTime(now());
    // A timer that starts ticking again reads the clock at once, not one interval later.
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, everyMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [now, isTicking, everyMs]);
  return time;
}

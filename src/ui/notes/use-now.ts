// The time now, refreshed on an interval while asked to tick, so a timer runs between snapshots.
import { useEffect, useState } from 'react';

/** `now()` read again every `everyMs` while `isTicking`; unchanged otherwise. */
export function useNow(now: () => number, isTicking: boolean, everyMs = 500): number {
  const [time, setTime] = useState(now);
  useEffect(() => {
    if (!isTicking) return undefined;
    setTime(now());
    const timer = setInterval(() => setTime(now()), everyMs);
    return () => clearInterval(timer);
  }, [now, isTicking, everyMs]);
  return time;
}

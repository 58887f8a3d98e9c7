// The presenter's state, held so that each key of a chunk sees the state the key before it made
// (`g12` then Enter typed faster than a frame is a jump, not a `g` and two answers), and a clock
// that ticks the screen every second.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Deck } from '../../core/deck.js';
import { type PresenterAction, type PresenterState, initialPresenterState, present } from '../../core/presenter.js';

/** The state on screen, the state after every action applied so far, and how to apply one. */
export interface PresenterStore {
  readonly state: PresenterState;
  readonly current: () => PresenterState;
  readonly apply: (action: PresenterAction) => void;
}

/** The presenter's reducer over `deck`, started at `now()`. */
export function usePresenterState(deck: Deck, now: () => number): PresenterStore {
  const [state, setState] = useState(() => initialPresenterState(deck, now()));
  // What `apply` reads and writes between renders (keys may come faster than frames).
  const ref = useRef(state);
  const apply = useCallback((action: PresenterAction) => {
    const before = ref.current;
    const next = present(before, action, deck);
    if (next === before) return;
    ref.current = next;
    setState(next);
  }, [deck]);
  const current = useCallback(() => ref.current, []);
  return { state, current, apply };
}

/** The time now, read again every `tickMs` so the timer moves. */
export function useTick(now: () => number, tickMs: number): number {
  const [time, setTime] = useState(now);
  useEffect(() => {
    const timer = setInterval(() => setTime(now()), tickMs);
    // The tick alone must not keep the process alive after the presenter has ended.
    timer.unref?.();
    return () => clearInterval(timer);
  }, [now, tickMs]);
  return time;
}

// Empties the reducer's outbox: each effect is taken once and carried out after the one before
// it (a drill's finish waits for its scene, two switches of one fault never overlap), and the
// drill view gets what the drill's steps printed and returned.
import { type Dispatch, useCallback, useEffect, useRef, useState } from 'react';
import { useLatest } from './use-latest.js';
import type { Drill } from '../core/drill.js';
import type { NavAction } from '../core/navigation.js';
import type { QueuedEffect } from '../core/troubleshooting-nav.js';
import type { DrillRun } from '../workflow/drill-runner.js';
import type { Troubleshooting } from '../workflow/troubleshooting.js';
import { type DrillRunView, type EffectDeps, performEffect } from './drill-effects.js';

/**
 * Carries out the effects in `effects`, calling `onDone` after each; returns the view of the
 * drill being played, if any.
 */
export function useTroubleshooting(
  port: Troubleshooting | undefined, drills: readonly Drill[], effects: readonly QueuedEffect[], dispatch: Dispatch<NavAction>,
  onDone: () => void,
): DrillRunView | undefined {
  const [view, setView] = useState<DrillRunView>();
  const taken = useRef(0);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const runs = useRef(new Map<number, DrillRun>());
  const ended = useRef(new Set<number>());
  // The port and drills arrive after the first frame: effects use the latest.
  const latest = useLatest({ port, drills, onDone });

  const update = useCallback((play: number, change: (v: DrillRunView) => DrillRunView) => {
    setView((v) => (v && v.play === play ? change(v) : v));
  }, []);

  useEffect(() => {
    const fresh = effects.filter((e) => e.seq > taken.current);
    if (fresh.length === 0) return;
    taken.current = fresh[fresh.length - 1]?.seq ?? taken.current;
    const { port: now, drills: known } = latest.current;
    const deps: EffectDeps = {
      port: now, drills: known, dispatch, update, begin: setView, runs: runs.current, isEnded: (play) => ended.current.has(play),
    };
    for (const { effect } of fresh) {
      // Known at once, so that a scene still being set stops before its next step.
      if (effect.kind === 'drill-finish') ended.current.add(effect.play);
      chain.current = chain.current.then(() => performEffect(effect, deps)).catch((err: unknown) => {
        if (effect.kind !== 'drill-start') return;
        dispatch({ type: 'drill-broken', play: effect.play, reason: `The drill could not run: ${(err as Error).message}` });
      }).finally(() => latest.current.onDone());
    }
    dispatch({ type: 'effects-taken', upTo: taken.current });
  }, [effects, dispatch, update, latest]);

  return view;
}

// The drills side of the main box: the drill being played, or the drills screen.
import type { Dispatch } from 'react';
import type { Drill } from '../core/drill.js';
import type { Lesson } from '../core/lesson.js';
import type { NavAction, NavState } from '../core/navigation.js';
import type { TargetContext } from '../core/steps.js';
import type { DrillRunView } from './drill-effects.js';
import { DrillList } from './DrillList.js';
import { DrillView } from './DrillView.js';

export interface DrillScreenProps {
  readonly state: NavState;
  readonly drills: readonly Drill[];
  readonly lessons: readonly Lesson[];
  /** What the drill's steps printed and returned, from the effects. */
  readonly run?: DrillRunView;
  readonly context: TargetContext;
  readonly width: number;
  readonly height: number;
  readonly dispatch: Dispatch<NavAction>;
}

/** The play on the drill screen, else the list. */
export function DrillScreen({ state, drills, lessons, run, context, width, height, dispatch }: DrillScreenProps) {
  if (state.screen === 'drill' && state.play) {
    return <DrillView play={state.play} run={run} context={context} width={width} height={height} dispatch={dispatch} />;
  }
  return <DrillList drills={drills} lessons={lessons} progress={state.progress} selected={state.drillIndex}
    isLive={context.kind === 'live'} width={width} height={height} />;
}

/** While a drill's question is open, the status bar must not name its faults or the clock. */
export function isDiagnosing(state: NavState): boolean {
  const phase = state.play?.session?.phase;
  return state.screen === 'drill' && phase !== 'fix' && phase !== 'done';
}

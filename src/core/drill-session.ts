// A drill being played, as pure data: the learner sees the failure, picks the root cause
// (scored before any fix is accepted), may take hints, fixes it, and the fix is read from
// state. `drillStep(state, action)` is the only way it changes; the score is computed here.
import type { Drill } from './drill.js';

export type DrillPhase = 'diagnose' | 'fix' | 'done';

export interface DrillSession {
  readonly drillId: string;
  readonly phase: DrillPhase;
  /** Epoch ms when the drill started. */
  readonly startedAt: number;
  /** Every choice the learner picked, in order (0-based). */
  readonly attempts: readonly number[];
  readonly hintsUsed: number;
  /** Epoch ms when the fix was confirmed. */
  readonly finishedAt?: number;
  /** What the last check said when it did not pass. */
  readonly lastCheck?: readonly string[];
}

export type DrillAction =
  | { readonly type: 'answer'; readonly choice: number }
  | { readonly type: 'hint' }
  | { readonly type: 'checked'; readonly failures: readonly string[]; readonly at: number };

export function startDrill(drill: Drill, now: number): DrillSession {
  return { drillId: drill.id, phase: 'diagnose', startedAt: now, attempts: [], hintsUsed: 0 };
}

/** The next state of a drill after one action; actions that do not fit the phase change nothing. */
export function drillStep(drill: Drill, state: DrillSession, action: DrillAction): DrillSession {
  switch (action.type) {
    case 'answer': {
      if (state.phase !== 'diagnose' || action.choice < 0 || action.choice >= drill.diagnosis.choices.length) return state;
      const attempts = [...state.attempts, action.choice];
      return { ...state, attempts, phase: action.choice === drill.diagnosis.answer ? 'fix' : 'diagnose' };
    }
    case 'hint':
      return state.phase === 'done' ? state : { ...state, hintsUsed: Math.min(3, state.hintsUsed + 1) };
    case 'checked':
      if (state.phase !== 'fix') return state;
      return action.failures.length === 0
        ? { ...state, phase: 'done', finishedAt: action.at, lastCheck: [] }
        : { ...state, lastCheck: action.failures };
    default:
      return state;
  }
}

/** How a finished drill scored: points out of 100 and where they came from. */
export interface DrillScore {
  readonly points: number;
  readonly diagnosis: number;
  readonly time: number;
  readonly fix: number;
  readonly hintPenalty: number;
  readonly isFirstTry: boolean;
  readonly seconds: number;
}

/**
 * Scores a finished drill: diagnosis 50 on the first try, 25 on the second, 10 after; the fix
 * 20; time 30 within the drill's minutes, 15 within twice that; minus 10 for each hint.
 */
export function scoreDrill(drill: Drill, state: DrillSession): DrillScore | undefined {
  if (state.phase !== 'done' || state.finishedAt === undefined) return undefined;
  const tries = state.attempts.length;
  const diagnosis = tries === 1 ? 50 : tries === 2 ? 25 : 10;
  const seconds = Math.max(0, Math.round((state.finishedAt - state.startedAt) / 1000));
  const planned = drill.minutes * 60;
  const time = seconds <= planned ? 30 : seconds <= 2 * planned ? 15 : 0;
  const hintPenalty = state.hintsUsed * 10;
  const points = Math.max(0, diagnosis + 20 + time - hintPenalty);
  return { points, diagnosis, time, fix: 20, hintPenalty, isFirstTry: tries === 1, seconds };
}

// A drill being played, as pure data: the story, the scene being set, the diagnosis, the fix
// and the score, with the scroll of the drill view. Its keys and the results of its effects
// change it; the scoring itself is drill-session.ts's.
import type { Drill } from './drill.js';
import { type DrillScore, type DrillSession, drillStep, scoreDrill, startDrill } from './drill-session.js';
import type { NavAction, NavState } from './navigation.js';
import { recordDrill } from './progress.js';
import type { Effect, TroubleAction } from './troubleshooting-nav.js';

/** The actions settlePlay takes: a drill's results and the drill view's size. */
export type PlayResult = Extract<TroubleAction, { type: 'drill-layout' | 'drill-ready' | 'drill-broken' | 'drill-checked' | 'drill-simulated' }>;

/** A line the drill view shows under what the learner just did. */
export interface DrillNotice {
  readonly text: string;
  readonly tone: 'good' | 'bad' | 'plain';
}

/**
 * One play of a drill: the story until Enter, then the scene (setup and the failing steps),
 * then the session (diagnose, fix, done); `broken` when the scene could not be set.
 */
export interface DrillPlay {
  readonly id: number;
  readonly drill: Drill;
  readonly stage: 'story' | 'scene' | 'broken' | 'session';
  readonly session?: DrillSession;
  readonly reason?: string;
  /** The choice under the cursor in the question, and the fix step under the cursor. */
  readonly choice: number;
  readonly fixCursor: number;
  readonly notice?: DrillNotice;
  readonly score?: DrillScore;
  readonly scroll: number;
  readonly height: number;
  readonly contentHeight: number;
  /** Keep the end in view as lines arrive; scrolling up stops it. */
  readonly isFollowing: boolean;
}

const clamp = (n: number, low: number, high: number): number => Math.max(low, Math.min(high, n));

/** Puts an effect in the outbox. */
export function queue(state: NavState, effect: Effect): NavState {
  const seq = state.effectSeq + 1;
  return { ...state, effectSeq: seq, effects: [...state.effects, { seq, effect }] };
}

/** A new play of `drill`, at its story. */
export function newPlay(id: number, drill: Drill): DrillPlay {
  return { id, drill, stage: 'story', choice: 0, fixCursor: 0, scroll: 0, height: 0, contentHeight: 0, isFollowing: false };
}

const withPlay = (state: NavState, change: Partial<DrillPlay>): NavState =>
  (state.play ? { ...state, play: { ...state.play, ...change } } : state);

const maxScroll = (p: DrillPlay): number => Math.max(0, p.contentHeight - p.height);

function scrolled(state: NavState, play: DrillPlay, rows: number): NavState {
  const scroll = clamp(play.scroll + rows, 0, maxScroll(play));
  return withPlay(state, { scroll, isFollowing: scroll >= maxScroll(play) && play.stage !== 'story' });
}

/** A change to the active part of the drill brings the end of the view back. */
const toEnd = (play: DrillPlay): Partial<DrillPlay> => ({ isFollowing: true, scroll: maxScroll(play) });

function answer(state: NavState, play: DrillPlay, session: DrillSession, choice: number): NavState {
  const next = drillStep(play.drill, session, { type: 'answer', choice });
  if (next === session) return state;
  const notice: DrillNotice | undefined = next.phase === 'fix'
    ? undefined : { text: `✘ Not that one (${choice + 1}). Look at the failure again; h gives a hint.`, tone: 'bad' };
  return withPlay(state, { session: next, choice, notice, ...toEnd(play) });
}

function onSession(state: NavState, action: NavAction, play: DrillPlay, session: DrillSession): NavState {
  const { drill } = play;
  const isDiagnosing = session.phase === 'diagnose';
  switch (action.type) {
    case 'up': case 'down': {
      const delta = action.type === 'up' ? -1 : 1;
      if (isDiagnosing) return withPlay(state, { choice: clamp(play.choice + delta, 0, drill.diagnosis.choices.length - 1), ...toEnd(play) });
      if (session.phase === 'fix') return withPlay(state, { fixCursor: clamp(play.fixCursor + delta, 0, Math.max(0, drill.fix.length - 1)), ...toEnd(play) });
      return scrolled(state, play, delta);
    }
    case 'choose': return isDiagnosing ? answer(state, play, session, action.index) : state;
    case 'hint': return withPlay(state, { session: drillStep(drill, session, { type: 'hint' }), ...toEnd(play) });
    case 'activate': {
      if (isDiagnosing) return answer(state, play, session, play.choice);
      const stepId = drill.fix[play.fixCursor];
      if (session.phase === 'fix' && stepId) return queue(state, { kind: 'drill-step', play: play.id, slot: play.fixCursor, stepId });
      return session.phase === 'done' ? { ...state, screen: 'drills', play: undefined } : state;
    }
    case 'check': case 'simulate':
      return session.phase === 'fix' ? queue(state, { kind: action.type === 'check' ? 'drill-check' : 'drill-simulate', play: play.id }) : state;
    default: return state;
  }
}

/** A drill being played. Esc leaves it (its faults go off); the keys of each stage act on it. */
export function onDrill(state: NavState, action: NavAction): NavState {
  const play = state.play;
  if (!play) return { ...state, screen: 'drills' };
  if (action.type === 'back') {
    const left: NavState = { ...state, screen: 'drills', play: undefined };
    const isFinished = play.stage === 'story' || play.session?.phase === 'done';
    return isFinished ? left : queue(left, { kind: 'drill-finish', play: play.id });
  }
  if (action.type === 'page-up' || action.type === 'page-down') {
    return scrolled(state, play, (action.type === 'page-up' ? -1 : 1) * Math.max(1, play.height - 1));
  }
  if (play.stage === 'story' && action.type === 'activate') {
    return queue(withPlay(state, { stage: 'scene', isFollowing: true }), { kind: 'drill-start', play: play.id, drillId: play.drill.id });
  }
  if (play.session) return onSession(state, action, play, play.session);
  return action.type === 'up' || action.type === 'down' ? scrolled(state, play, action.type === 'up' ? -1 : 1) : state;
}

function checked(state: NavState, play: DrillPlay, session: DrillSession, failures: readonly string[], at: number): NavState {
  // A second check that was asked before the first one passed must not score the drill twice.
  if (session.phase !== 'fix') return state;
  const next = drillStep(play.drill, session, { type: 'checked', failures, at });
  const score = scoreDrill(play.drill, next);
  if (!score) return withPlay(state, { session: next, notice: { text: `✘ Not fixed yet: ${failures.join('; ')}`, tone: 'bad' }, ...toEnd(play) });
  const progress = recordDrill(state.progress, play.drill.id, {
    points: score.points, isFirstTry: score.isFirstTry, hintsUsed: next.hintsUsed, seconds: score.seconds, at: new Date(at).toISOString(),
  });
  const done = withPlay({ ...state, progress }, { session: next, score, notice: { text: '✔ Fixed: the state says so.', tone: 'good' }, ...toEnd(play) });
  return queue(done, { kind: 'drill-finish', play: play.id });
}

/** A drill's result or the drill view's size, for the play on screen (an older play's is ignored). */
export function settlePlay(state: NavState, action: PlayResult): NavState {
  const play = state.play;
  if (!play) return state;
  if (action.type === 'drill-layout') {
    const sized = { ...play, height: action.height, contentHeight: action.contentHeight };
    return { ...state, play: { ...sized, scroll: sized.isFollowing ? maxScroll(sized) : clamp(sized.scroll, 0, maxScroll(sized)) } };
  }
  if (play.id !== action.play) return state;
  if (action.type === 'drill-ready') return withPlay(state, { stage: 'session', session: startDrill(play.drill, action.at), ...toEnd(play) });
  if (action.type === 'drill-broken') return withPlay(state, { stage: 'broken', reason: action.reason });
  if (action.type === 'drill-simulated') {
    let text = 'This fix happens entirely in AWS: there is nothing on your machine to simulate.';
    if (action.names.length > 0) text = `Simulated repair on your machine: ${action.names.join(', ')} switched off (nothing on your machine changed).`;
    else if (action.canSimulate) text = 'Nothing left to repair on your machine.';
    return withPlay(state, { notice: { text, tone: 'plain' }, ...toEnd(play) });
  }
  return play.session ? checked(state, play, play.session, action.failures, action.at) : state;
}

// The troubleshooting side of the TUI's navigation as pure data: the fault panel's cursor, the
// drills screen, and the effects they and a drill's play (drill-play.ts) ask the UI to carry
// out: an outbox the UI empties, whose results come back as actions.
import type { Drill } from './drill.js';
import { newPlay, queue, settlePlay } from './drill-play.js';
import { FAULTS } from './faults.js';
import type { NavAction, NavState } from './navigation.js';

/** What the reducer asks the UI to do to the local ECR; `play` names the drill play it is for. */
export type Effect =
  | { readonly kind: 'toggle-fault'; readonly name: string }
  | { readonly kind: 'faults-off' | 'clock-reset' }
  | { readonly kind: 'clock'; readonly ms: number }
  | { readonly kind: 'drill-start'; readonly play: number; readonly drillId: string }
  | { readonly kind: 'drill-step'; readonly play: number; readonly slot: number; readonly stepId: string }
  | { readonly kind: 'drill-check' | 'drill-simulate' | 'drill-finish'; readonly play: number };

/** An effect in the outbox; `seq` grows by one with each, so none is carried out twice. */
export interface QueuedEffect {
  readonly seq: number;
  readonly effect: Effect;
}

/** Keys of the fault panel and drills, the results of effects, and the drill view's size. */
export type TroubleAction =
  | { readonly type: 'faults-off' | 'clock-reset' | 'drills' | 'hint' | 'check' | 'simulate' }
  | { readonly type: 'clock'; readonly ms: number }
  | { readonly type: 'effects-taken'; readonly upTo: number }
  | { readonly type: 'drill-layout'; readonly height: number; readonly contentHeight: number }
  | { readonly type: 'fault-toggled'; readonly error?: string }
  | { readonly type: 'drill-ready'; readonly play: number; readonly at: number }
  | { readonly type: 'drill-broken'; readonly play: number; readonly reason: string }
  | { readonly type: 'drill-checked'; readonly play: number; readonly failures: readonly string[]; readonly at: number }
  /** `names`: the faults a simulated repair switched off; `canSimulate`: the drill has such a part at all. */
  | { readonly type: 'drill-simulated'; readonly play: number; readonly names: readonly string[]; readonly canSimulate: boolean };

const clamp = (n: number, low: number, high: number): number => Math.max(low, Math.min(high, n));

/** The fault panel: up and down choose, Enter or Space switches, x all off, + T 0 the clock. */
export function onFaultPanel(state: NavState, action: NavAction): NavState {
  switch (action.type) {
    case 'up': case 'down':
      return { ...state, faultCursor: clamp(state.faultCursor + (action.type === 'up' ? -1 : 1), 0, FAULTS.length - 1) };
    case 'activate': return queue(state, { kind: 'toggle-fault', name: FAULTS[state.faultCursor]?.name ?? '' });
    case 'faults-off': case 'clock-reset': return queue(state, { kind: action.type });
    case 'clock': return queue(state, { kind: 'clock', ms: action.ms });
    case 'back': return { ...state, panel: undefined };
    default: return state;
  }
}

/** Opens the drills screen from the list or a lesson; Esc there returns to where it was. */
export function openDrills(state: NavState): NavState {
  if (state.screen !== 'list' && state.screen !== 'lesson') return state;
  return { ...state, screen: 'drills', drillsFrom: state.screen };
}

/** The drills screen: up and down choose, Enter plays, Esc goes back. */
export function onDrills(state: NavState, action: NavAction, drills: readonly Drill[]): NavState {
  switch (action.type) {
    case 'up': case 'down':
      return { ...state, drillIndex: clamp(state.drillIndex + (action.type === 'up' ? -1 : 1), 0, Math.max(0, drills.length - 1)) };
    case 'activate': {
      const drill = drills[state.drillIndex];
      // A play takes a number from the effects' sequence, so results of an older play are told apart.
      const id = state.effectSeq + 1;
      return drill ? { ...state, effectSeq: id, screen: 'drill', play: newPlay(id, drill) } : state;
    }
    case 'back': return { ...state, screen: state.drillsFrom ?? 'list' };
    default: return state;
  }
}

/** The result of an effect, or the drill view's size; undefined for any other action. */
export function settle(state: NavState, action: NavAction): NavState | undefined {
  switch (action.type) {
    case 'effects-taken': return { ...state, effects: state.effects.filter((e) => e.seq > action.upTo) };
    case 'fault-toggled': return { ...state, faultNotice: action.error };
    case 'drill-layout': case 'drill-ready': case 'drill-broken': case 'drill-checked': case 'drill-simulated':
      return settlePlay(state, action);
    default: return undefined;
  }
}

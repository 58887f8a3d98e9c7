// The presenter's reducer, the parts beside the slide itself: the clock as slides change, the
// fault panel (as in the lesson TUI), the `g`-number jump, and results that arrive at any time.
import { FAULTS } from './faults.js';
import type { PresenterAction, PresenterClock, PresenterState } from './presenter.js';
import type { Effect } from './troubleshooting-nav.js';

const clamp = (n: number, low: number, high: number): number => Math.max(low, Math.min(high, n));

/** The clock with the time on the current slide up to `at` added to it. */
export function settleClock(state: PresenterState, at: number): PresenterClock {
  const { clock } = state;
  const spent = Math.max(0, at - clock.enteredAt);
  return { ...clock, enteredAt: at, spentMs: clock.spentMs.map((ms, i) => (i === state.slide ? ms + spent : ms)) };
}

/** The state on slide `slide` (clamped) at time `at`, unblanked, focus dropped. */
export function goTo(state: PresenterState, slide: number, at: number): PresenterState {
  const target = clamp(slide, 0, Math.max(0, state.slideCount - 1));
  if (target === state.slide) return { ...state, isBlank: false };
  const clock = settleClock(state, at);
  return { ...state, slide: target, focus: -1, isBlank: false, clock: { ...clock, reached: clock.reached.map((r, i) => r || i === target) } };
}

function queue(state: PresenterState, effect: Effect): PresenterState {
  const seq = state.effectSeq + 1;
  return { ...state, effectSeq: seq, effects: [...state.effects, { seq, effect }] };
}

/** The fault panel, as in the lesson TUI: up and down choose, Enter switches, x all off, the clock. */
export function onFaultPanel(state: PresenterState, action: PresenterAction): PresenterState {
  switch (action.type) {
    case 'up': case 'down':
      return { ...state, faultCursor: clamp(state.faultCursor + (action.type === 'up' ? -1 : 1), 0, FAULTS.length - 1) };
    case 'activate': return queue(state, { kind: 'toggle-fault', name: FAULTS[state.faultCursor]?.name ?? '' });
    case 'faults-off': case 'clock-reset': return queue(state, { kind: action.type });
    case 'clock': return queue(state, { kind: 'clock', ms: action.ms });
    case 'back': case 'faults': return { ...state, isFaultPanelOpen: false };
    default: return state;
  }
}

/** Typing a jump: digits, Backspace, Enter goes (or says the number is out of range), anything else cancels. */
export function onJump(state: PresenterState, action: PresenterAction, jump: string): PresenterState {
  switch (action.type) {
    case 'jump-digit': return jump.length < 4 ? { ...state, jump: jump + action.digit } : state;
    case 'jump-delete': return { ...state, jump: jump.slice(0, -1) };
    case 'jump-go': {
      const n = Number(jump);
      if (jump === '' || n < 1 || n > state.slideCount) {
        const notice = jump === '' ? 'no slide number typed' : `no slide ${jump} (this deck: 1 to ${state.slideCount})`;
        return { ...state, jump: undefined, notice };
      }
      return goTo({ ...state, jump: undefined }, n - 1, action.at);
    }
    default: return { ...state, jump: undefined };
  }
}

/** Results that arrive whatever is on screen; undefined for any other action. */
export function settle(state: PresenterState, action: PresenterAction): PresenterState | undefined {
  switch (action.type) {
    case 'effects-taken': return { ...state, effects: state.effects.filter((e) => e.seq > action.upTo) };
    case 'fault-toggled': return { ...state, faultNotice: action.error };
    case 'step-finished':
      if (action.isVenueFailure) return { ...state, fallbackOffer: { slide: action.slide, block: action.block } };
      return state.fallbackOffer?.slide === action.slide && state.fallbackOffer.block === action.block
        ? { ...state, fallbackOffer: undefined } : state;
    case 'quit': return { ...state, isQuitting: true, clock: settleClock(state, action.at) };
    default: return undefined;
  }
}


// The presenter as pure data: the slide on screen, blank screen, help, the fault panel, the
// `g`-number jump, focus and tries of a slide's quiz or step, run and fallback requests, and
// the clock (time arrives in actions, never read here). Changed only by `present(state, action, deck)`;
// the clock, fault panel, jump and late results are in presenter-parts.ts.
import type { Deck } from './deck.js';
import type { QuizBlock } from './lesson.js';
import { canReveal, withTry } from './quiz.js';
import { goTo, onFaultPanel, onJump, settle } from './presenter-parts.js';
import type { QueuedEffect } from './troubleshooting-nav.js';

/** What a key (or the clock, or a finished step) asks of the presenter. */
export type PresenterAction =
  | { readonly type: 'next' | 'prev' | 'first' | 'last'; readonly at: number }
  | { readonly type: 'jump-start' | 'jump-cancel' | 'jump-delete' }
  | { readonly type: 'jump-digit'; readonly digit: string }
  | { readonly type: 'jump-go'; readonly at: number }
  | { readonly type: 'blank' | 'help' | 'faults' | 'back' | 'up' | 'down' | 'focus-next' | 'focus-prev' | 'activate' | 'reveal' }
  | { readonly type: 'choose'; readonly index: number }
  | { readonly type: 'fallback' }
  | { readonly type: 'step-finished'; readonly slide: number; readonly block: number; readonly isVenueFailure: boolean }
  | { readonly type: 'faults-off' | 'clock-reset' }
  | { readonly type: 'clock'; readonly ms: number }
  | { readonly type: 'effects-taken'; readonly upTo: number }
  | { readonly type: 'fault-toggled'; readonly error?: string }
  | { readonly type: 'quit'; readonly at: number };

/** A step card the presenter asked to run; `isFallback` reruns it on the local ECR. */
export interface SlideRunRequest {
  readonly slide: number;
  readonly block: number;
  readonly seq: number;
  readonly isFallback: boolean;
}

/** When the talk started, when the current slide came up, and the time spent on each slide. */
export interface PresenterClock {
  readonly startedAt: number;
  readonly enteredAt: number;
  readonly spentMs: readonly number[];
  /** The slides that have been on screen: after an early quit or a jump, 0 ms is not "passed quickly". */
  readonly reached: readonly boolean[];
}

export interface PresenterState {
  readonly slide: number;
  readonly slideCount: number;
  readonly isBlank: boolean;
  readonly isHelpOpen: boolean;
  readonly isFaultPanelOpen: boolean;
  readonly faultCursor: number;
  readonly faultNotice?: string;
  /** The digits typed after `g`; undefined when no jump is being typed. */
  readonly jump?: string;
  /** One line for the status bar (a jump out of range); cleared by the next key. */
  readonly notice?: string;
  /** Index into the slide's interactive blocks; -1 when none is focused. */
  readonly focus: number;
  /** Quiz key (`slide/block`) -> the choice under the cursor, and the choices tried (first first). */
  readonly selections: Readonly<Record<string, number>>;
  readonly tries: Readonly<Record<string, readonly number[]>>;
  /** Quiz keys whose answer was shown after a wrong try. */
  readonly revealed: readonly string[];
  readonly runRequest?: SlideRunRequest;
  /** The step card whose run failed for a reason outside the lesson: `L` reruns it locally. */
  readonly fallbackOffer?: { readonly slide: number; readonly block: number };
  readonly clock: PresenterClock;
  /** Fault switches asked for and not yet taken by the UI (the lesson TUI's outbox shape). */
  readonly effects: readonly QueuedEffect[];
  readonly effectSeq: number;
  readonly isQuitting: boolean;
}

const clamp = (n: number, low: number, high: number): number => Math.max(low, Math.min(high, n));

/** The key of a block on a slide, for quiz selections and step runs. */
export function blockKey(slide: number, block: number): string {
  return `${slide}/${block}`;
}

/** Indexes into the slide's blocks of the quizzes and steps, in order. */
export function slideInteractive(deck: Deck, slide: number): number[] {
  return (deck.slides[slide]?.blocks ?? []).flatMap((b, i) => (b.kind === 'quiz' || b.kind === 'step' ? [i] : []));
}

/** The block index that has focus on the current slide, or undefined. */
export function focusedIndex(state: PresenterState, deck: Deck): number | undefined {
  return state.focus < 0 ? undefined : slideInteractive(deck, state.slide)[state.focus];
}

/** The first state: slide 1, the clock started at `at`. */
export function initialPresenterState(deck: Deck, at: number): PresenterState {
  return {
    slide: 0, slideCount: deck.slides.length, isBlank: false, isHelpOpen: false, isFaultPanelOpen: false, faultCursor: 0,
    focus: -1, selections: {}, tries: {}, revealed: [], clock: { startedAt: at, enteredAt: at, spentMs: deck.slides.map(() => 0), reached: deck.slides.map((_, i) => i === 0) },
    effects: [], effectSeq: 0, isQuitting: false,
  };
}

function quizAt(deck: Deck, slide: number, block: number): QuizBlock | undefined {
  const b = deck.slides[slide]?.blocks[block];
  return b?.kind === 'quiz' ? b : undefined;
}

/** The choice under a quiz's cursor: as moved, else the last choice tried, else the first. */
export function slideQuizSelection(state: PresenterState, slide: number, block: number): number {
  const key = blockKey(slide, block);
  return state.selections[key] ?? state.tries[key]?.at(-1) ?? 0;
}

/** A choice made on a slide's quiz: kept with the tries before it (none once it is right). */
function tryChoice(state: PresenterState, quiz: QuizBlock, key: string, choice: number): PresenterState {
  const tries = state.tries[key] ?? [];
  const next = withTry(quiz, tries, choice);
  return { ...state, selections: { ...state.selections, [key]: choice }, tries: next === tries ? state.tries : { ...state.tries, [key]: next } };
}

function onFocused(state: PresenterState, action: PresenterAction, deck: Deck): PresenterState {
  const block = focusedIndex(state, deck);
  if (block === undefined) return action.type === 'activate' ? moveFocus(state, deck, 1) : state;
  const key = blockKey(state.slide, block);
  const quiz = quizAt(deck, state.slide, block);
  const selected = slideQuizSelection(state, state.slide, block);
  if (!quiz) {
    if (action.type !== 'activate') return state;
    const seq = (state.runRequest?.seq ?? 0) + 1;
    return { ...state, fallbackOffer: undefined, runRequest: { slide: state.slide, block, seq, isFallback: false } };
  }
  switch (action.type) {
    case 'up': case 'down': {
      const choice = clamp(selected + (action.type === 'up' ? -1 : 1), 0, quiz.choices.length - 1);
      return { ...state, selections: { ...state.selections, [key]: choice } };
    }
    case 'activate': return tryChoice(state, quiz, key, selected);
    case 'choose': return action.index < quiz.choices.length ? tryChoice(state, quiz, key, action.index) : state;
    case 'reveal': return canReveal(quiz, state.tries[key] ?? []) && !state.revealed.includes(key)
      ? { ...state, revealed: [...state.revealed, key] } : state;
    default: return state;
  }
}

function moveFocus(state: PresenterState, deck: Deck, step: 1 | -1): PresenterState {
  const count = slideInteractive(deck, state.slide).length;
  if (count === 0) return state;
  // Cycles through the blocks only: a slide does not scroll, so "nothing focused" would only make
  // Tab, Enter on a slide's one card unfocus it instead of running it again. Esc unfocuses.
  const from = state.focus < 0 ? (step === 1 ? -1 : 0) : state.focus;
  return { ...state, focus: (from + step + count) % count };
}

function onFallback(state: PresenterState): PresenterState {
  const offer = state.fallbackOffer;
  if (!offer || offer.slide !== state.slide) return state;
  const seq = (state.runRequest?.seq ?? 0) + 1;
  return { ...state, fallbackOffer: undefined, runRequest: { ...offer, seq, isFallback: true } };
}

function onSlide(state: PresenterState, action: PresenterAction, deck: Deck): PresenterState {
  switch (action.type) {
    case 'next': return goTo(state, state.slide + 1, action.at);
    case 'prev': return goTo(state, state.slide - 1, action.at);
    case 'first': return goTo(state, 0, action.at);
    case 'last': return goTo(state, state.slideCount - 1, action.at);
    case 'jump-start': return { ...state, jump: '' };
    case 'blank': return { ...state, isBlank: !state.isBlank };
    case 'faults': return { ...state, isFaultPanelOpen: true };
    case 'focus-next': return moveFocus(state, deck, 1);
    case 'focus-prev': return moveFocus(state, deck, -1);
    case 'fallback': return onFallback(state);
    case 'back':
      if (state.isBlank) return { ...state, isBlank: false };
      return state.focus >= 0 ? { ...state, focus: -1 } : state;
    default: return onFocused(state, action, deck);
  }
}

const MOVES: ReadonlySet<PresenterAction['type']> = new Set(['next', 'prev', 'first', 'last']);

/** The state after one action. Pure: the same state, action and deck give the same result. */
export function present(state: PresenterState, action: PresenterAction, deck: Deck): PresenterState {
  const settled = settle(state, action);
  if (settled) return settled;
  const base = state.notice === undefined ? state : { ...state, notice: undefined };
  // On a blank screen a key that is not a move only brings the slide back: help or the fault
  // panel opened unseen would leave the projector black and b doing nothing.
  if (base.isBlank && !MOVES.has(action.type)) return { ...base, isBlank: false };
  if (base.jump !== undefined) return onJump(base, action, base.jump);
  if (action.type === 'help') return { ...base, isHelpOpen: !base.isHelpOpen };
  if (base.isHelpOpen) return action.type === 'back' ? { ...base, isHelpOpen: false } : base;
  if (base.isFaultPanelOpen) return onFaultPanel(base, action);
  return onSlide(base, action, deck);
}

/** Milliseconds since the talk started, and on the current slide (with what it had before). */
export function elapsed(state: PresenterState, now: number): { total: number; slide: number } {
  const { clock } = state;
  return { total: Math.max(0, now - clock.startedAt), slide: (clock.spentMs[state.slide] ?? 0) + Math.max(0, now - clock.enteredAt) };
}

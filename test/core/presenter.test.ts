// Table tests of the presenter's reducer: navigation, jump, blank, help, fault panel, focus,
// quiz answers, run and fallback requests, and the clock.
import { describe, expect, it } from 'vitest';
import {
  type PresenterAction, type PresenterState, elapsed, initialPresenterState, present,
} from '../../src/core/presenter.js';
import { fixtureDeck } from '../fixtures/present/deck-fixture.js';

const deck = fixtureDeck();
const start = (): PresenterState => initialPresenterState(deck, 1_000);
const run = (actions: PresenterAction[], from = start()): PresenterState => actions.reduce((s, a) => present(s, a, deck), from);
const at = 2_000;

describe('slide navigation', () => {
  const table: Array<[string, PresenterAction[], number]> = [
    ['next', [{ type: 'next', at }], 1],
    ['prev at the first slide stays', [{ type: 'prev', at }], 0],
    ['next twice then prev', [{ type: 'next', at }, { type: 'next', at }, { type: 'prev', at }], 1],
    ['last', [{ type: 'last', at }], 4],
    ['next past the end stays', [{ type: 'last', at }, { type: 'next', at }], 4],
    ['first', [{ type: 'last', at }, { type: 'first', at }], 0],
    ['g 3 Enter', [{ type: 'jump-start' }, { type: 'jump-digit', digit: '3' }, { type: 'jump-go', at }], 2],
    ['g 1 2 Backspace Enter', [{ type: 'jump-start' }, { type: 'jump-digit', digit: '1' }, { type: 'jump-digit', digit: '2' }, { type: 'jump-delete' }, { type: 'jump-go', at }], 0],
    ['g 4 Esc cancels', [{ type: 'jump-start' }, { type: 'jump-digit', digit: '4' }, { type: 'jump-cancel' }], 0],
    ['g 9 Enter is out of range', [{ type: 'jump-start' }, { type: 'jump-digit', digit: '9' }, { type: 'jump-go', at }], 0],
    ['keys under help do not move', [{ type: 'help' }, { type: 'next', at }], 0],
    ['keys under the fault panel do not move', [{ type: 'faults' }, { type: 'next', at }], 0],
  ];
  it.each(table)('%s', (_name, actions, slide) => {
    expect(run(actions).slide).toBe(slide);
  });

  it('an out-of-range jump says so in one line, and the next key clears it', () => {
    const s = run([{ type: 'jump-start' }, { type: 'jump-digit', digit: '9' }, { type: 'jump-go', at }]);
    expect(s.notice).toBe('no slide 9 (this deck: 1 to 5)');
    expect(s.jump).toBeUndefined();
    expect(present(s, { type: 'next', at }, deck).notice).toBeUndefined();
  });

  it('a jump with no digits is a notice too', () => {
    expect(run([{ type: 'jump-start' }, { type: 'jump-go', at }]).notice).toBe('no slide number typed');
  });
});

describe('blank, help and the fault panel', () => {
  it('b blanks and unblanks; Esc and moving unblank', () => {
    expect(run([{ type: 'blank' }]).isBlank).toBe(true);
    expect(run([{ type: 'blank' }, { type: 'blank' }]).isBlank).toBe(false);
    expect(run([{ type: 'blank' }, { type: 'back' }]).isBlank).toBe(false);
    const moved = run([{ type: 'blank' }, { type: 'next', at }]);
    expect([moved.isBlank, moved.slide]).toEqual([false, 1]);
  });

  it('on a blank screen ? and f only bring the slide back, so nothing opens unseen', () => {
    for (const type of ['help', 'faults', 'jump-start'] as const) {
      const after = run([{ type: 'blank' }, { type }]);
      expect([after.isBlank, after.isHelpOpen, after.isFaultPanelOpen, after.jump]).toEqual([false, false, false, undefined]);
    }
  });

  it('? opens and closes help; Esc closes it', () => {
    expect(run([{ type: 'help' }]).isHelpOpen).toBe(true);
    expect(run([{ type: 'help' }, { type: 'help' }]).isHelpOpen).toBe(false);
    expect(run([{ type: 'help' }, { type: 'back' }]).isHelpOpen).toBe(false);
  });

  it('the fault panel moves its cursor and queues a switch of the fault under it', () => {
    const s = run([{ type: 'faults' }, { type: 'down' }, { type: 'down' }, { type: 'up' }, { type: 'activate' }]);
    expect(s.faultCursor).toBe(1);
    expect(s.effects).toHaveLength(1);
    expect(s.effects[0]?.effect.kind).toBe('toggle-fault');
    const closed = run([{ type: 'faults' }]);
    expect(run([{ type: 'faults' }], closed).isFaultPanelOpen).toBe(false);
    expect(run([{ type: 'effects-taken', upTo: 1 }], s).effects).toEqual([]);
    expect(run([{ type: 'fault-toggled', error: 'no local ECR' }], s).faultNotice).toBe('no local ECR');
  });

  it('x, + and 0 in the fault panel queue their effects', () => {
    const s = run([{ type: 'faults' }, { type: 'faults-off' }, { type: 'clock', ms: 3_600_000 }, { type: 'clock-reset' }]);
    expect(s.effects.map((e) => e.effect.kind)).toEqual(['faults-off', 'clock', 'clock-reset']);
  });
});

describe('quizzes and steps on a slide', () => {
  const onQuiz = (): PresenterState => run([{ type: 'next', at }, { type: 'focus-next' }]);

  it('Tab focuses the quiz, down moves the choice, Enter answers it', () => {
    const s = run([{ type: 'down' }, { type: 'down' }, { type: 'activate' }], onQuiz());
    expect(s.tries['1/1']).toEqual([2]);
  });

  it('a number answers the focused quiz; one past its choices does nothing', () => {
    expect(run([{ type: 'choose', index: 0 }], onQuiz()).tries['1/1']).toEqual([0]);
    expect(run([{ type: 'choose', index: 5 }], onQuiz()).tries).toEqual({});
  });

  it('a wrong answer can be tried again, the answer shown on request after it, and none taken once right', () => {
    const wrong = run([{ type: 'choose', index: 1 }], onQuiz());
    expect(run([{ type: 'reveal' }], onQuiz()).revealed).toEqual([]);
    expect(run([{ type: 'reveal' }], wrong).revealed).toEqual(['1/1']);
    const right = run([{ type: 'choose', index: 0 }, { type: 'choose', index: 2 }], wrong);
    expect(right.tries['1/1']).toEqual([1, 0]);
    expect(run([{ type: 'reveal' }], right).revealed).toEqual([]);
  });

  it('Tab cycles through the blocks and never to none (Esc unfocuses); leaving the slide drops focus', () => {
    const both = run([{ type: 'jump-start' }, { type: 'jump-digit', digit: '4' }, { type: 'jump-go', at }]);
    const focuses = [1, 2, 3].map((n) => run(Array.from({ length: n }, () => ({ type: 'focus-next' }) as const), both).focus);
    expect(focuses).toEqual([0, 1, 0]);
    expect(run([{ type: 'focus-prev' }], both).focus).toBe(1);
    expect(run([{ type: 'focus-next' }, { type: 'back' }], both).focus).toBe(-1);
    expect(run([{ type: 'prev', at }], onQuiz()).focus).toBe(-1);
  });

  it('Enter on a step card asks to run it; a venue failure offers the fallback, and L asks for it', () => {
    const asked = run([{ type: 'next', at }, { type: 'next', at }, { type: 'focus-next' }, { type: 'activate' }]);
    expect(asked.runRequest).toEqual({ slide: 2, block: 1, seq: 1, isFallback: false });
    expect(run([{ type: 'fallback' }], asked).runRequest?.seq).toBe(1);
    const failed = run([{ type: 'step-finished', slide: 2, block: 1, isVenueFailure: true }], asked);
    expect(failed.fallbackOffer).toEqual({ slide: 2, block: 1 });
    const rerun = run([{ type: 'fallback' }], failed);
    expect(rerun.runRequest).toEqual({ slide: 2, block: 1, seq: 2, isFallback: true });
    expect(rerun.fallbackOffer).toBeUndefined();
  });

  it('a lesson failure offers no fallback, and a later success withdraws one', () => {
    const asked = run([{ type: 'next', at }, { type: 'next', at }, { type: 'focus-next' }, { type: 'activate' }]);
    expect(run([{ type: 'step-finished', slide: 2, block: 1, isVenueFailure: false }], asked).fallbackOffer).toBeUndefined();
    const offered = run([{ type: 'step-finished', slide: 2, block: 1, isVenueFailure: true }], asked);
    expect(run([{ type: 'step-finished', slide: 2, block: 1, isVenueFailure: false }], offered).fallbackOffer).toBeUndefined();
    expect(run([{ type: 'next', at }, { type: 'fallback' }], offered).runRequest?.isFallback).toBe(false);
  });
});

describe('the clock', () => {
  it('adds the time on each slide as the presenter moves, and settles the last on quit', () => {
    const s = run([{ type: 'next', at: 4_000 }, { type: 'next', at: 9_000 }, { type: 'prev', at: 10_000 }, { type: 'quit', at: 12_000 }]);
    expect(s.clock.spentMs).toEqual([3_000, 5_000 + 2_000, 1_000, 0, 0]);
    expect(s.isQuitting).toBe(true);
  });

  it('marks the slides that came on screen, the first from the start, none jumped over', () => {
    const s = run([{ type: 'next', at: 4_000 }, { type: 'jump-start' }, { type: 'jump-digit', digit: '4' }, { type: 'jump-go', at: 5_000 }, { type: 'quit', at: 6_000 }]);
    expect(s.clock.reached).toEqual([true, true, false, true, false]);
  });

  it('elapsed counts from the start and on the slide from when it came up, with its earlier visits', () => {
    const s = run([{ type: 'next', at: 4_000 }, { type: 'prev', at: 5_000 }]);
    expect(elapsed(s, 7_000)).toEqual({ total: 6_000, slide: 3_000 + 2_000 });
  });

  it('a jump to the slide already on screen leaves the clock alone', () => {
    const s = run([{ type: 'jump-start' }, { type: 'jump-digit', digit: '1' }, { type: 'jump-go', at: 5_000 }]);
    expect(s.clock.enteredAt).toBe(1_000);
  });
});

// The presenter's key table: each key in each context stands for the action the help says.
import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { initialPresenterState } from '../../src/core/presenter.js';
import {
  PRESENTER_BINDINGS, type PresenterKeyAction, type PresenterKeyContext, presenterActionFor, presenterKeyContext,
} from '../../src/ui/present/keymap.js';
import { fixtureDeck } from '../fixtures/present/deck-fixture.js';

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
  backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};
const key = (flags: Partial<Key>): Key => ({ ...NO_KEY, ...flags });
const at = 42;

describe('presenterActionFor', () => {
  it.each<[string, PresenterKeyContext, string, Partial<Key>, PresenterKeyAction | undefined]>([
    ['→', 'slide', '', { rightArrow: true }, { type: 'next', at }],
    ['Space', 'slide', ' ', {}, { type: 'next', at }],
    ['PgDn', 'slide', '', { pageDown: true }, { type: 'next', at }],
    ['l', 'slide', 'l', {}, { type: 'next', at }],
    ['←', 'slide', '', { leftArrow: true }, { type: 'prev', at }],
    ['PgUp', 'slide', '', { pageUp: true }, { type: 'prev', at }],
    ['h', 'slide', 'h', {}, { type: 'prev', at }],
    ['Home', 'slide', '', { home: true }, { type: 'first', at }],
    ['End', 'slide', '', { end: true }, { type: 'last', at }],
    ['g', 'slide', 'g', {}, { type: 'jump-start' }],
    ['b', 'slide', 'b', {}, { type: 'blank' }],
    ['f', 'slide', 'f', {}, { type: 'faults' }],
    ['Tab', 'slide', '', { tab: true }, { type: 'focus-next' }],
    ['Shift+Tab', 'slide', '', { tab: true, shift: true }, { type: 'focus-prev' }],
    ['Enter', 'slide', '\r', { return: true }, { type: 'activate' }],
    ['3', 'slide', '3', {}, { type: 'choose', index: 2 }],
    ['a shows a question\'s answer', 'slide', 'a', {}, { type: 'reveal' }],
    ['7 is no choice', 'slide', '7', {}, undefined],
    ['y', 'slide', 'y', {}, { type: 'confirm', isYes: true }],
    ['L', 'slide', 'L', { shift: true }, { type: 'fallback' }],
    ['Esc (ink 6 also sets meta)', 'slide', '', { escape: true, meta: true }, { type: 'back' }],
    ['?', 'slide', '?', {}, { type: 'help' }],
    ['q', 'slide', 'q', {}, { type: 'quit', at }],
    ['Ctrl+b is not b', 'slide', 'b', { ctrl: true }, undefined],
    ['Ctrl+C', 'slide', 'c', { ctrl: true }, { type: 'quit', at }],
    ['Ctrl+C while typing a jump', 'jump', 'c', { ctrl: true }, { type: 'quit', at }],
    ['a digit after g', 'jump', '7', {}, { type: 'jump-digit', digit: '7' }],
    ['Enter after g', 'jump', '\r', { return: true }, { type: 'jump-go', at }],
    ['Backspace after g', 'jump', '', { delete: true }, { type: 'jump-delete' }],
    ['any other key after g', 'jump', 'x', {}, { type: 'jump-cancel' }],
    ['↓ in the fault panel', 'faults', '', { downArrow: true }, { type: 'down' }],
    ['Space in the fault panel', 'faults', ' ', {}, { type: 'activate' }],
    ['x in the fault panel', 'faults', 'x', {}, { type: 'faults-off' }],
    ['T in the fault panel', 'faults', 'T', { shift: true }, { type: 'clock', ms: 13 * 3_600_000 }],
    ['0 in the fault panel', 'faults', '0', {}, { type: 'clock-reset' }],
    ['f closes the fault panel', 'faults', 'f', {}, { type: 'faults' }],
    ['→ does nothing in the fault panel', 'faults', '', { rightArrow: true }, undefined],
    ['Esc closes help', 'help', '', { escape: true, meta: true }, { type: 'back' }],
    ['→ does nothing under help', 'help', '', { rightArrow: true }, undefined],
  ])('%s', (_name, context, input, flags, expected) => {
    expect(presenterActionFor(input, key(flags), context, at)).toEqual(expected);
  });
});

describe('the table', () => {
  it('lists every binding with keys and a description', () => {
    for (const b of PRESENTER_BINDINGS) expect([b.keys, b.description].every((t) => t.length > 0)).toBe(true);
  });

  it('reads the context from the state: a jump being typed, help, the fault panel, or the slide', () => {
    const s = initialPresenterState(fixtureDeck(), 0);
    expect([
      presenterKeyContext(s), presenterKeyContext({ ...s, jump: '' }), presenterKeyContext({ ...s, isHelpOpen: true }),
      presenterKeyContext({ ...s, isFaultPanelOpen: true }),
    ]).toEqual(['slide', 'jump', 'help', 'faults']);
  });
});

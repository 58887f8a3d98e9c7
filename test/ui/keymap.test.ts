import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { BINDINGS, type KeyAction, actionFor } from '../../src/ui/keymap.js';

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
  backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};
const key = (flags: Partial<Key>): Key => ({ ...NO_KEY, ...flags });

describe('actionFor', () => {
  it.each<[string, string, Partial<Key>, KeyAction | undefined]>([
    ['right arrow', '', { rightArrow: true }, { type: 'next' }],
    ['l', 'l', {}, { type: 'next' }],
    ['left arrow', '', { leftArrow: true }, { type: 'prev' }],
    ['h', 'h', {}, { type: 'prev' }],
    ['up arrow', '', { upArrow: true }, { type: 'up' }],
    ['k', 'k', {}, { type: 'up' }],
    ['down arrow', '', { downArrow: true }, { type: 'down' }],
    ['j', 'j', {}, { type: 'down' }],
    ['page up', '', { pageUp: true }, { type: 'page-up' }],
    ['page down', '', { pageDown: true }, { type: 'page-down' }],
    ['space', ' ', {}, { type: 'page-down' }],
    ['Enter', '\r', { return: true }, { type: 'activate' }],
    ['Tab', '\t', { tab: true }, { type: 'focus-next' }],
    ['Shift+Tab', '', { tab: true, shift: true }, { type: 'focus-prev' }],
    ['Esc (ink 6 also sets meta)', '', { escape: true, meta: true }, { type: 'back' }],
    ['Backspace (arrives as delete)', '', { delete: true }, { type: 'back' }],
    ['?', '?', {}, { type: 'help' }],
    ['q', 'q', {}, { type: 'quit' }],
    ['i', 'i', {}, { type: 'panel', panel: 'whoami' }],
    ['r', 'r', {}, { type: 'panel', panel: 'registry' }],
    ['w', 'w', {}, { type: 'panel', panel: 'wire' }],
    ['Ctrl+r is not r', 'r', { ctrl: true }, undefined],
    ['digit 2', '2', {}, { type: 'choose', index: 1 }],
    ['y', 'y', {}, { type: 'confirm', isYes: true }],
    ['n', 'n', {}, { type: 'confirm', isYes: false }],
    ['Alt+l is not l', 'l', { meta: true }, undefined],
    ['Ctrl+q is not q', 'q', { ctrl: true }, undefined],
    ['an unbound letter', 'x', {}, undefined],
    ['0 is not a choice', '0', {}, undefined],
  ])('%s', (_name, input, flags, expected) => {
    expect(actionFor(input, key(flags))).toEqual(expected);
  });

  it('labels every binding once, with a description, for the help overlay', () => {
    const labels = BINDINGS.map((b) => b.keys);
    expect(new Set(labels).size).toBe(labels.length);
    expect(BINDINGS.every((b) => b.description.length > 0)).toBe(true);
  });
});

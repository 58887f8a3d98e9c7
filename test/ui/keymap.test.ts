import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { BINDINGS, type KeyAction, type KeyContext, actionFor, bindingsFor } from '../../src/ui/keymap.js';

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
    ['f', 'f', {}, { type: 'panel', panel: 'faults' }],
    ['d', 'd', {}, { type: 'drills' }],
    ['Ctrl+r is not r', 'r', { ctrl: true }, undefined],
    ['digit 2', '2', {}, { type: 'choose', index: 1 }],
    ['a shows a question\'s answer', 'a', {}, { type: 'reveal' }],
    ['y', 'y', {}, { type: 'confirm', isYes: true }],
    ['n', 'n', {}, { type: 'confirm', isYes: false }],
    ['Alt+l is not l', 'l', { meta: true }, undefined],
    ['Ctrl+q is not q', 'q', { ctrl: true }, undefined],
    ['an unbound letter', 'x', {}, undefined],
    ['0 is not a choice', '0', {}, undefined],
  ])('%s', (_name, input, flags, expected) => {
    expect(actionFor(input, key(flags))).toEqual(expected);
  });

  it.each<[KeyContext, string, Partial<Key>, KeyAction | undefined]>([
    ['faults', '', { downArrow: true }, { type: 'down' }],
    ['faults', 'k', {}, { type: 'up' }],
    ['faults', ' ', {}, { type: 'activate' }],
    ['faults', '\r', { return: true }, { type: 'activate' }],
    ['faults', 'x', {}, { type: 'faults-off' }],
    ['faults', '+', {}, { type: 'clock', ms: 3_600_000 }],
    ['faults', 'T', {}, { type: 'clock', ms: 13 * 3_600_000 }],
    ['faults', '0', {}, { type: 'clock-reset' }],
    ['faults', 'f', {}, { type: 'panel', panel: 'faults' }],
    ['faults', '', { escape: true, meta: true }, { type: 'back' }],
    ['faults', 'l', {}, undefined],
    ['drills', '', { upArrow: true }, { type: 'up' }],
    ['drills', '\r', { return: true }, { type: 'activate' }],
    ['drills', 'd', {}, undefined],
    ['drill', 'h', {}, { type: 'hint' }],
    ['drill', 'c', {}, { type: 'check' }],
    ['drill', 'F', {}, { type: 'simulate' }],
    ['drill', '3', {}, { type: 'choose', index: 2 }],
    ['drill', '', { pageUp: true }, { type: 'page-up' }],
    ['drill', '', { leftArrow: true }, undefined],
    ['drill', 'x', {}, undefined],
    ['drill', 'a', {}, undefined],
    ['main', 'c', {}, undefined],
    ['main', 'e', {}, { type: 'explain' }],
    ['drills', 'e', {}, { type: 'explain' }],
    ['drill', 'e', {}, undefined],
    ['paste', 'q', {}, { type: 'paste-text', text: 'q' }],
    ['paste', 'f', {}, { type: 'paste-text', text: 'f' }],
    ['paste', '?', {}, { type: 'paste-text', text: '?' }],
    ['paste', ' ', {}, { type: 'paste-text', text: ' ' }],
    ['paste', 'denied: a\nb', {}, { type: 'paste-text', text: 'denied: a\nb' }],
    ['paste', '[31m', {}, undefined],
    ['paste', '\r', { return: true }, { type: 'activate' }],
    ['paste', '', { delete: true }, { type: 'paste-delete' }],
    ['paste', '', { escape: true, meta: true }, { type: 'back' }],
    ['paste', 'u', { ctrl: true }, { type: 'paste-clear' }],
    ['paste', 'c', { ctrl: true }, undefined],
    ['paste', 'x', { meta: true }, undefined],
    ['paste', '', { upArrow: true }, { type: 'up' }],
    ['paste', '', { pageDown: true }, { type: 'page-down' }],
  ])('in %s, %j', (context, input, flags, expected) => {
    expect(actionFor(input, key(flags), context)).toEqual(expected);
  });

  it.each<KeyContext>(['main', 'faults', 'drills', 'drill', 'paste'])('labels every binding of %s once, with a description', (context) => {
    const labels = bindingsFor(context).map((b) => b.keys);
    expect(new Set(labels).size).toBe(labels.length);
    expect(bindingsFor(context).every((b) => b.description.length > 0)).toBe(true);
  });

  it('puts every binding in some context', () => {
    expect(BINDINGS.every((b) => b.where.length > 0)).toBe(true);
  });
});

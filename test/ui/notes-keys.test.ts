// The notes screen's pure parts as tables: keys to actions, the scroll reducer, the clocks.
import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { notesAction, notesHint, scrollNotes, type NotesAction } from '../../src/ui/notes/notes-keys.js';
import { changeKey, formatDuration, scrollText, stepRows, timerText } from '../../src/ui/notes/notes-text.js';
import { snapshot } from '../workflow/present-fixture.js';

const NO_KEY: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
} as Key;

describe('notes keys', () => {
  it.each<[string, string, Partial<Key>, NotesAction | undefined]>([
    ['up', '', { upArrow: true }, { type: 'line', by: -1 }],
    ['down', '', { downArrow: true }, { type: 'line', by: 1 }],
    ['PgUp', '', { pageUp: true }, { type: 'page', by: -1 }],
    ['PgDn', '', { pageDown: true }, { type: 'page', by: 1 }],
    ['Home', '', { home: true }, { type: 'top' }],
    ['End', '', { end: true }, { type: 'bottom' }],
    ['q', 'q', {}, { type: 'quit' }],
    ['Ctrl+Q is not q', 'q', { ctrl: true }, undefined],
    ['Right does nothing here', '', { rightArrow: true }, undefined],
    ['x does nothing', 'x', {}, undefined],
  ])('%s', (_name, input, key, action) => {
    expect(notesAction(input, { ...NO_KEY, ...key })).toEqual(action);
  });

  it('lists its keys in the footer hint', () => {
    expect(notesHint()).toBe('↑↓ scroll · PgUp PgDn page · q quit');
  });
});

describe('scrolling the notes', () => {
  const view = { height: 10, contentHeight: 35 };
  it.each<[string, number, NotesAction, number]>([
    ['down one line', 0, { type: 'line', by: 1 }, 1],
    ['not above the top', 0, { type: 'line', by: -1 }, 0],
    ['a page keeps one line of context', 0, { type: 'page', by: 1 }, 9],
    ['a page up', 20, { type: 'page', by: -1 }, 11],
    ['not past the end', 24, { type: 'page', by: 1 }, 25],
    ['to the end', 3, { type: 'bottom' }, 25],
    ['to the top', 17, { type: 'top' }, 0],
  ])('%s', (_name, offset, action, expected) => {
    expect(scrollNotes(offset, action, view)).toBe(expected);
  });

  it('does not move notes that fit', () => {
    expect(scrollNotes(0, { type: 'page', by: 1 }, { height: 10, contentHeight: 4 })).toBe(0);
    expect(scrollText(0, 10, 4)).toBe('');
    expect(scrollText(25, 10, 35)).toBe('lines 26-35 of 35');
  });
});

describe('the clocks', () => {
  it.each([[0, '0:00'], [59_999, '0:59'], [61_000, '1:01'], [3_600_000, '1:00:00'], [3_723_000, '1:02:03'], [-5_000, '0:00']])(
    '%d ms is %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

  const sentAt = 1_000_000;
  it.each<[string, number, number, number, string]>([
    ['on plan', 120_000, 30_000, 0, 'elapsed 2:00 · 43:00 left · slide 0:30 of 3:00'],
    ['runs on since sentAt', 120_000, 30_000, 15_000, 'elapsed 2:15 · 42:45 left · slide 0:45 of 3:00'],
    ['exactly on time', 45 * 60_000, 0, 0, 'elapsed 45:00 · 0:00 left · slide 0:00 of 3:00'],
    ['over the talk and the slide', 46 * 60_000, 200_000, 10_000, 'elapsed 46:10 · +1:10 over · slide 3:30 of 3:00 (+0:30)'],
  ])('%s', (_name, elapsedMs, slideElapsedMs, later, text) => {
    expect(timerText(snapshot(1, { elapsedMs, slideElapsedMs, sentAt }), sentAt + later)).toBe(text);
  });

  it('has no countdown without a plan', () => {
    expect(timerText(snapshot(1, { elapsedMs: 5_000, plannedMs: 0, slidePlannedMs: 0, slideElapsedMs: 5_000, sentAt }), sentAt))
      .toBe('elapsed 0:05 · slide 0:05');
  });

  it('counts a snapshot that only moves the clocks as no change', () => {
    const a = snapshot(2, { elapsedMs: 1, sentAt: 1 });
    expect(changeKey(snapshot(2, { elapsedMs: 9_000, slideElapsedMs: 9_000, sentAt: 9_000 }))).toBe(changeKey(a));
    expect(changeKey(snapshot(2, { isBlank: true }))).not.toBe(changeKey(a));
    expect(changeKey(snapshot(2, { lastStep: { stepId: 'login', status: 'running', target: 'local', summary: '' } }))).not.toBe(changeKey(a));
  });

  it('wraps a long step result to two rows and cuts the rest', () => {
    const rows = stepRows({ stepId: 'push-image', status: 'failed', target: 'live', summary: 'word '.repeat(60) }, 40);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.length <= 40)).toBe(true);
    expect(rows[1]).toMatch(/…$/);
  });
});

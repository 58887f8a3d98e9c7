// The early first frame's own decisions (the drawing itself: test/e2e/tui-first-frame.test.ts):
// it reads progress as the TUI does without ever writing, it leaves every start that is not the
// TUI's in a terminal alone, what it hands over is taken once, and a SIGINT meanwhile counts.
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { savedProgress, showEarlyFrame, takeEarlyFrame } from '../../src/cli/early-frame.js';
import { listenEarly, takeEarlyInterrupt } from '../../src/cli/early-interrupt.js';
import { catchInterrupt } from '../../src/cli/interrupt.js';
import { EMPTY_PROGRESS } from '../../src/core/progress.js';
import { ProgressStore } from '../../src/state/progress-store.js';

const ROOT = join(import.meta.dirname, '../..');

describe('savedProgress', () => {
  it('gives what ProgressStore.load() gives for a missing and for a saved file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'early-'));
    const store = new ProgressStore(dir);
    expect(savedProgress(store.file)).toEqual(EMPTY_PROGRESS);
    const saved = { ...EMPTY_PROGRESS, last: { lessonId: 'identities', page: 2 } };
    await store.save(saved);
    expect(savedProgress(store.file)).toEqual((await store.load()).value);
    expect(JSON.stringify(savedProgress(store.file))).toBe(JSON.stringify((await store.load()).value));
  });

  it('gives up on a corrupt file or a directory in its place, and moves nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'early-'));
    writeFileSync(join(dir, 'progress.json'), '{"version": 1, "lessons": ');
    expect(savedProgress(join(dir, 'progress.json'))).toBeUndefined();
    writeFileSync(join(dir, 'progress.json'), '{"version": 99}');
    expect(savedProgress(join(dir, 'progress.json'))).toBeUndefined();
    expect(readdirSync(dir)).toEqual(['progress.json']);
    mkdirSync(join(dir, 'other.json'));
    expect(savedProgress(join(dir, 'other.json'))).toBeUndefined();
  });
});

describe('showEarlyFrame', () => {
  it('draws nothing for a command, --help, --live, with the cache off, or without a terminal', () => {
    const env = { ECR_LAB_STATE_DIR: mkdtempSync(join(tmpdir(), 'early-')), XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'early-')) };
    for (const args of [['lessons'], ['--help'], ['--engine', 'builtin', '--live'], ['-v'], ['--engine', 'builtin']]) {
      expect(showEarlyFrame(ROOT, ['node', 'ecr-lab', ...args], env), args.join(' ')).toBeUndefined();
    }
    expect(showEarlyFrame(ROOT, ['node', 'ecr-lab'], { ...env, ECR_LAB_FRAME_CACHE: '0' })).toBeUndefined();
    expect(takeEarlyFrame()).toBeUndefined();
  });
});

describe('a SIGINT while the early frame is up', () => {
  it('is noted, taken over by the screen command\'s own listener, and SIGINT is never without one', () => {
    const before = process.listenerCount('SIGINT');
    listenEarly();
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    process.emit('SIGINT');
    const interrupt = catchInterrupt();
    expect(interrupt.isRequested).toBe(true);
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    interrupt.release();
    expect(process.listenerCount('SIGINT')).toBe(before);
  });

  it('leaves the screen command unasked when none came, and taking it twice is harmless', () => {
    listenEarly();
    const interrupt = catchInterrupt();
    expect(interrupt.isRequested).toBe(false);
    expect(takeEarlyInterrupt()).toBe(false);
    interrupt.release();
  });
});

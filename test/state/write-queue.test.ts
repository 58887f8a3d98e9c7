// The one write queue of the stores: jobs run one at a time in order, and a failed job fails
// only its own caller (the bug it replaced: one failed progress save failed every later save).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WriteQueue } from '../../src/state/write-queue.js';
import { ProgressStore } from '../../src/state/progress-store.js';
import { EMPTY_PROGRESS, markPageSeen } from '../../src/core/progress.js';
import { FileAccessError } from '../../src/state/file-error.js';

describe('WriteQueue', () => {
  it('runs jobs one after another, in the order asked', async () => {
    const queue = new WriteQueue();
    const seen: string[] = [];
    const job = (name: string, ms: number) => () => new Promise<string>((resolve) => {
      seen.push(`start ${name}`);
      setTimeout(() => { seen.push(`end ${name}`); resolve(name); }, ms);
    });
    expect(await Promise.all([queue.run(job('a', 30)), queue.run(job('b', 1)), queue.run(job('c', 10))])).toEqual(['a', 'b', 'c']);
    expect(seen).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('a failed job rejects alone; the next one runs and succeeds', async () => {
    const queue = new WriteQueue();
    const failed = queue.run(async () => { throw new Error('disk full'); });
    const next = queue.run(async () => 'saved');
    await expect(failed).rejects.toThrow('disk full');
    await expect(next).resolves.toBe('saved');
    await expect(queue.idle()).resolves.toBeUndefined();
  });
});

describe('ProgressStore after a failed save', () => {
  it('saves again once the cause is gone', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ecr-lab-queue-'));
    const dir = join(root, 'state');
    await writeFile(dir, 'a file where the state dir belongs');
    const store = new ProgressStore(dir);
    const first = markPageSeen(EMPTY_PROGRESS, 'auth-flow', 0);
    const err = await store.save(first).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileAccessError);
    expect((err as FileAccessError).message).toBe(`cannot create ${dir}: it is a file, where a directory belongs`);
    await rm(dir);
    const second = markPageSeen(first, 'auth-flow', 1);
    await store.save(second);
    expect((await store.load()).value).toEqual(second);
  });

  it('reset says whether there was a file, after the saves asked before it', async () => {
    const store = new ProgressStore(await mkdtemp(join(tmpdir(), 'ecr-lab-queue-')));
    expect(await store.reset()).toBe(false);
    void store.save(markPageSeen(EMPTY_PROGRESS, 'auth-flow', 0));
    expect(await store.reset()).toBe(true);
    expect((await store.load()).value).toEqual(EMPTY_PROGRESS);
  });
});

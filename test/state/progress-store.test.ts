import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProgressStore } from '../../src/state/progress-store.js';
import { EMPTY_PROGRESS, markPageSeen, recordAnswer } from '../../src/core/progress.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'ecr-lab-progress-'));

describe('ProgressStore', () => {
  it('starts empty when there is no file', async () => {
    const store = new ProgressStore(join(await tempDir(), 'nested'));
    expect(await store.load()).toEqual({ value: EMPTY_PROGRESS });
  });

  it('saves and loads back, newest save winning', async () => {
    const store = new ProgressStore(await tempDir());
    const a = markPageSeen(EMPTY_PROGRESS, 'auth-flow', 0);
    const b = recordAnswer(markPageSeen(a, 'auth-flow', 1), 'auth-flow', 'auth-flow#1', 2);
    await Promise.all([store.save(a), store.save(b)]);
    expect((await store.load()).value).toEqual(b);
    expect(b.last).toEqual({ lessonId: 'auth-flow', page: 1 });
  });

  it.each([
    ['truncated JSON', '{"version":1,"less'],
    ['wrong shape', '{"version":7,"lessons":{}}'],
    ['empty file', ''],
  ])('moves a corrupt file aside with a warning (%s)', async (_name, text) => {
    const dir = await tempDir();
    const store = new ProgressStore(dir);
    await writeFile(store.file, text);
    const loaded = await store.load();
    expect(loaded.value).toEqual(EMPTY_PROGRESS);
    expect(loaded.warning).toMatch(/^warning: .*progress\.json was unreadable .* kept it as .*corrupt-/);
    const files = await readdir(dir);
    const aside = files.find((f) => f.startsWith('progress.json.corrupt-'))!;
    expect(await readFile(join(dir, aside), 'utf8')).toBe(text);
    expect(files).not.toContain('progress.json');
  });

  it('leaves no temp files behind after saving', async () => {
    const dir = await tempDir();
    const store = new ProgressStore(dir);
    for (let i = 0; i < 5; i++) await store.save(markPageSeen(EMPTY_PROGRESS, 'x', i));
    expect(await readdir(dir)).toEqual(['progress.json']);
  });
});

import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProgressStore } from '../../src/state/progress-store.js';
import type { Lesson, QuizBlock } from '../../src/core/lesson.js';
import { EMPTY_PROGRESS, isLessonDone, lessonScore, markPageSeen, quizTries, recordAnswer, revealAnswer } from '../../src/core/progress.js';

const quiz = (id: string, answer: number): QuizBlock => ({
  kind: 'quiz', id, question: '?', choices: ['a', 'b', 'c'], answer, explain: 'why', line: 1,
});
const lesson = (id: string): Lesson => ({
  id, title: id, minutes: 5, objectives: [], file: `${id}.md`,
  pages: [{ title: 'p', line: 1, blocks: [quiz(`${id}#1`, 1), quiz(`${id}#2`, 0)] }],
});

const tempDir = () => mkdtemp(join(tmpdir(), 'ecr-lab-progress-'));

describe('ProgressStore', () => {
  it('starts empty when there is no file', async () => {
    const store = new ProgressStore(join(await tempDir(), 'nested'));
    expect(await store.load()).toEqual({ value: EMPTY_PROGRESS });
  });

  it('saves and loads back, newest save winning', async () => {
    const store = new ProgressStore(await tempDir());
    const a = markPageSeen(EMPTY_PROGRESS, 'auth-flow', 0);
    const b = recordAnswer(markPageSeen(a, 'auth-flow', 1), 'auth-flow', quiz('auth-flow#1', 1), 2);
    await Promise.all([store.save(a), store.save(b)]);
    expect((await store.load()).value).toEqual(b);
    expect(b.last).toEqual({ lessonId: 'auth-flow', page: 1 });
  });

  it('loads a progress.json written before questions could be tried again, losing nothing', async () => {
    const dir = await tempDir();
    // As the version before retries wrote it: one answer per question, nothing else.
    const old = '{"version":1,"lessons":{"a":{"pagesSeen":[0],"answers":{"a#1":1,"a#2":0}},'
      + '"b":{"pagesSeen":[0],"answers":{"b#1":2,"b#2":0}}},"last":{"lessonId":"b","page":0}}';
    await writeFile(join(dir, 'progress.json'), old);
    const store = new ProgressStore(dir);
    const loaded = await store.load();
    expect(loaded.warning).toBeUndefined();
    expect(loaded.value).toEqual(JSON.parse(old));
    expect(isLessonDone(loaded.value, lesson('a'))).toBe(true);
    // A wrong old answer is the first answer, and the question can now be tried again.
    expect(isLessonDone(loaded.value, lesson('b'))).toBe(false);
    expect(lessonScore(loaded.value, lesson('b'))).toEqual({ right: 1, answered: 2, total: 2 });
    const retried = revealAnswer(recordAnswer(loaded.value, 'b', quiz('b#1', 1), 0), 'b', quiz('b#1', 1));
    await store.save(retried);
    const again = (await new ProgressStore(dir).load()).value;
    expect(quizTries(again.lessons.b!, 'b#1')).toEqual([2, 0]);
    expect(again.lessons.b?.revealed).toEqual(['b#1']);
    expect(again.lessons.a).toEqual({ pagesSeen: [0], answers: { 'a#1': 1, 'a#2': 0 } });
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

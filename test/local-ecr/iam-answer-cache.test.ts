// The IAM simulator's answers kept between runs: a later process answers a question it was asked
// before without the simulator (and without starting its thread), asks again whatever differs,
// and ignores a file of another build or simulator, or one it cannot read or write.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnswerCache, simulatorStamp } from '../../src/local-ecr/iam/answer-cache.js';
import { evaluate, forgetAnswers, loadSimulator } from '../../src/local-ecr/iam/evaluate.js';
import { SimulatorThread, isSimulatorStarted } from '../../src/local-ecr/iam/simulator-thread.js';
import type { Caller } from '../../src/local-ecr/iam/types.js';

const ACCOUNT = '123456789012';
const REPO = `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/app`;
const learner: Caller = {
  kind: 'user', accessKeyId: 'AKIAEXAMPLELEARNER1', secretAccessKey: 's', arn: `arn:aws:iam::${ACCOUNT}:user/learner`,
  userId: 'AIDAEXAMPLELEARNER001', account: ACCOUNT, entity: 'learner',
};
const allow = (action: string) => ({ name: 'p', document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] }) });
const ask = (action: string, policy = allow('ecr:PutImage')) => evaluate({ caller: learner, action, resource: REPO, identityPolicies: [policy], nowMs: 0 });

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'ecr-lab-answers-')); });
afterEach(async () => {
  forgetAnswers();
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('answers kept between runs', () => {
  it('with answers kept, the simulator\'s thread starts only at a question without one', async () => {
    // First in this file, which runs in a process of its own: no earlier test started the thread.
    const file = join(dir, 'iam-answers.json');
    const cache = await AnswerCache.open(file);
    cache.set('a question asked before', null);
    loadSimulator(await AnswerCache.open(file));
    expect(isSimulatorStarted()).toBe(false);
    expect(await ask('ecr:PutImage')).toBeUndefined();
    expect(isSimulatorStarted()).toBe(true);
  });
  it('a later process answers the same questions without the simulator, and asks it what differs', async () => {
    const file = join(dir, 'iam-answers.json');
    loadSimulator(await AnswerCache.open(file));
    expect(await ask('ecr:PutImage')).toBeUndefined();
    expect(await ask('ecr:DeleteRepository')).toBe('no-identity-allow');
    const text = await readFile(file, 'utf8');
    expect(Object.values(JSON.parse(text).answers)).toEqual([null, 'no-identity-allow']);
    expect(text).not.toContain('ecr:PutImage');

    // The next run: this process's own memory forgotten, the simulator watched.
    forgetAnswers();
    const asked = vi.spyOn(SimulatorThread.prototype, 'run');
    loadSimulator(await AnswerCache.open(file));
    expect(await ask('ecr:PutImage')).toBeUndefined();
    expect(await ask('ecr:DeleteRepository')).toBe('no-identity-allow');
    expect(asked).not.toHaveBeenCalled();
    // Another policy is another question.
    expect(await ask('ecr:DeleteRepository', allow('ecr:Delete*'))).toBeUndefined();
    expect(asked).toHaveBeenCalledTimes(1);
  });

  it('a file of another build or simulator is not read', async () => {
    const file = join(dir, 'iam-answers.json');
    const old = await AnswerCache.open(file, 'an earlier build');
    old.set('question', 'identity-deny');
    expect((await AnswerCache.open(file, 'an earlier build')).get('question')).toBe('identity-deny');
    expect((await AnswerCache.open(file)).get('question')).toBeUndefined();
    expect(simulatorStamp()).toMatch(/ iam-simulate@\d+\.\d+\.\d+ /);
  });

  it('a file that is not one of its own, or that cannot be written, changes no answer and throws nothing', async () => {
    const file = join(dir, 'iam-answers.json');
    await writeFile(file, '{"version": 1, "stamp": ');
    const cache = await AnswerCache.open(file);
    expect(cache.size).toBe(0);
    await writeFile(file, JSON.stringify({ version: 1, stamp: simulatorStamp(), answers: { [hashOf('q')]: 'not an answer' } }));
    expect((await AnswerCache.open(file)).size).toBe(0);
    // A file where its directory belongs fails for every user, root included.
    const blocked = join(dir, 'blocked');
    await writeFile(blocked, '');
    const unwritable = await AnswerCache.open(join(blocked, 'sub', 'iam-answers.json'));
    expect(() => unwritable.set('q', null)).not.toThrow();
    loadSimulator(unwritable);
    expect(await ask('ecr:PutImage')).toBeUndefined();
  });

});

function hashOf(question: string): string {
  return createHash('sha256').update(question).digest('base64url');
}

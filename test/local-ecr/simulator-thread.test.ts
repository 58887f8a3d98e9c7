// The IAM simulator on its worker thread: the same answers as the simulator run here, and when
// the thread is gone, the questions waiting and those after it are answered on this thread.
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatorThread, type SimulationInput } from '../../src/local-ecr/iam/simulator-thread.js';

const USER = 'arn:aws:iam::123456789012:user/learner';
const REPO = 'arn:aws:ecr:us-east-1:123456789012:repository/ecr-lab/demo';

function question(action: string, statements: readonly object[]): SimulationInput {
  return {
    request: { principal: USER, action, resource: { resource: REPO, accountId: '123456789012' }, contextVariables: { 'aws:SourceIp': '127.0.0.1' } },
    identityPolicies: [{ name: 'p', policy: { Version: '2012-10-17', Statement: statements } }],
    serviceControlPolicies: [], resourceControlPolicies: [],
  };
}

const ALLOW_ECR = { Effect: 'Allow', Action: 'ecr:*', Resource: '*' };
const DENY_PUSH = { Effect: 'Deny', Action: 'ecr:PutImage', Resource: REPO };
const QUESTIONS: readonly [string, SimulationInput, string][] = [
  ['allowed', question('ecr:CreateRepository', [ALLOW_ECR]), 'Allowed'],
  ['explicitly denied', question('ecr:PutImage', [ALLOW_ECR, DENY_PUSH]), 'ExplicitlyDenied'],
  ['implicitly denied', question('ecr:PutImage', [{ Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: '*' }]), 'ImplicitlyDenied'],
];

let thread: SimulatorThread | undefined;
afterEach(async () => { await thread?.terminate(); thread = undefined; });

describe('the simulator thread', () => {
  it.each(QUESTIONS)('answers %s on the worker, as the simulator does on this thread', async (_name, input, overall) => {
    thread = new SimulatorThread();
    expect(thread.isOnWorker).toBe(true);
    const answer = await thread.run(input);
    expect(answer).toEqual(await runSimulation(input, {}));
    expect(answer.resultType === 'error' ? answer.resultType : answer.overallResult).toBe(overall);
  });

  it('answers many questions at once, each with its own answer', async () => {
    thread = new SimulatorThread();
    const answers = await Promise.all(QUESTIONS.flatMap(([, input]) => [thread!.run(input), thread!.run(input)]));
    expect(answers.map((a) => (a.resultType === 'error' ? 'error' : a.overallResult))).toEqual(QUESTIONS.flatMap(([, , o]) => [o, o]));
  });

  it('answers on this thread once the worker is gone, the question waiting included', async () => {
    thread = new SimulatorThread();
    const waiting = thread.run(QUESTIONS[1][1]);
    await thread.terminate();
    expect(thread.isOnWorker).toBe(false);
    expect(await waiting).toMatchObject({ overallResult: 'ExplicitlyDenied' });
    expect(await thread.run(QUESTIONS[0][1])).toMatchObject({ overallResult: 'Allowed' });
  });

  it('when the worker cannot load the simulator, this thread answers', async () => {
    thread = new SimulatorThread('/nonexistent/iam-simulate.js');
    expect(await thread.run(QUESTIONS[1][1])).toMatchObject({ overallResult: 'ExplicitlyDenied' });
    expect(thread.isOnWorker).toBe(false);
  });

  it('a question the simulator cannot answer fails with its reason', async () => {
    thread = new SimulatorThread();
    await expect(thread.run({ request: 'not a request' } as unknown as SimulationInput)).rejects.toThrow(/^IAM simulator: /);
    expect(thread.isOnWorker).toBe(true);
  });
});

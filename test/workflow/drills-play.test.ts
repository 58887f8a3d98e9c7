// Every drill in drills/ played to a score on one local target with the built-in engine: its
// setup runs, its faults produce a failure, the right diagnosis is accepted, the fix (steps,
// real IAM and ECR calls through the SDK, or the simulated repair where the fix lies on the
// learner's machine) makes its checks pass, and switching its faults off puts the world back.
import { readdir } from 'node:fs/promises';
import { AttachUserPolicyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { ECRClient, PutImageTagMutabilityCommand } from '@aws-sdk/client-ecr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Drill } from '../../src/core/drill.js';
import { drillStep, scoreDrill, startDrill } from '../../src/core/drill-session.js';
import { drillsDir, loadDrills } from '../../src/cli/drills-content.js';
import { ADMIN_ACCESS_KEY_ID, ADMIN_SECRET_ACCESS_KEY, EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY } from '../../src/local-ecr/iam/world.js';
import { createDrillRun } from '../../src/workflow/drill-runner.js';
import { describeOutcome, startLab, type Lab } from './helpers.js';

let lab: Lab;
const drills: Drill[] = (await loadDrills()).drills;
const LEARNER = { accessKeyId: EXAMPLE_ACCESS_KEY_ID, secretAccessKey: EXAMPLE_SECRET_ACCESS_KEY };
const ADMIN = { accessKeyId: ADMIN_ACCESS_KEY_ID, secretAccessKey: ADMIN_SECRET_ACCESS_KEY };
const iam = (credentials = LEARNER) => new IAMClient({ endpoint: lab.target.server.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
const PUSH = ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage', 'ecr:BatchGetImage'];

/** How the learner fixes each drill with the real tools, beyond its own fix steps. */
const FIXES: Readonly<Record<string, () => Promise<unknown>>> = {
  'access-denied-push': () => iam().send(new AttachUserPolicyCommand({ UserName: 'learner', PolicyArn: 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser' })),
  'credentials-invalid': () => iam(ADMIN).send(new UpdateAccessKeyCommand({ UserName: 'learner', AccessKeyId: EXAMPLE_ACCESS_KEY_ID, Status: 'Active' })),
  'least-privilege': async () => {
    await iam().send(new CreateUserCommand({ UserName: 'ecr-pusher' }));
    // Push actions on every repository are more than it needs: the check must refuse that first.
    const put = (statements: object[]) => iam().send(new PutUserPolicyCommand({ UserName: 'ecr-pusher', PolicyName: 'push-only',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }) }));
    await put([{ Effect: 'Allow', Action: PUSH, Resource: '*' }]);
    const run = createDrillRun(lab.target, drills.find((d) => d.id === 'least-privilege')!);
    expect((await run.check()).join('\n')).toMatch(/may also do ecr:InitiateLayerUpload, ecr:PutImage on other repositories/);
    await put([
      { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      { Effect: 'Allow', Action: PUSH.slice(1), Resource: 'arn:aws:ecr:us-east-1:123456789012:repository/ecr-lab/demo' },
    ]);
  },
  'release-retag-denied': async () => {
    await iam().send(new PutUserPolicyCommand({ UserName: 'learner', PolicyName: 'login', PolicyDocument: JSON.stringify({
      Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }] }) }));
    // The learner's own policy no longer has ECR's admin actions: the administrator changes the setting.
    await new ECRClient({ endpoint: lab.target.server.endpoint, region: 'us-east-1', credentials: ADMIN, maxAttempts: 1 })
      .send(new PutImageTagMutabilityCommand({ repositoryName: 'ecr-lab/demo', imageTagMutability: 'MUTABLE' }));
  },
  'tag-immutable': () => new ECRClient({ endpoint: lab.target.server.endpoint, region: 'us-east-1', credentials: LEARNER, maxAttempts: 1 })
    .send(new PutImageTagMutabilityCommand({ repositoryName: 'ecr-lab/demo', imageTagMutability: 'MUTABLE' })),
};

beforeAll(async () => {
  lab = await startLab();
});
afterAll(async () => { await lab.dispose(); });

describe('every drill, played to a score', () => {
  it('covers every file in drills/', async () => {
    expect(drills.length).toBe((await readdir(drillsDir())).filter((n) => n.endsWith('.md')).length);
  });

  it.each(drills.map((d) => [d.id, d] as const))('%s', async (_id, drill) => {
    const run = createDrillRun(lab.target, drill);
    const setup = await run.prepare();
    for (const o of setup) expect(o.status === 'succeeded' || o.error?.code === 'RepositoryAlreadyExistsException', describeOutcome(o)).toBe(true);
    const tried = [];
    for (const step of drill.try) tried.push(await run.runStep(step));
    if (drill.faults.length) expect(tried.some((o) => o.status === 'failed'), `${drill.id}: the faults should break a try step`).toBe(true);
    let session = startDrill(drill, 0);
    const wrong = (drill.diagnosis.answer + 1) % drill.diagnosis.choices.length;
    session = drillStep(drill, session, { type: 'answer', choice: wrong });
    expect(session.phase).toBe('diagnose');
    session = drillStep(drill, session, { type: 'checked', failures: [], at: 1 });
    expect(session.phase, 'no fix counts before the diagnosis').toBe('diagnose');
    session = drillStep(drill, session, { type: 'answer', choice: drill.diagnosis.answer });
    expect(session.phase).toBe('fix');
    await FIXES[drill.id]?.();
    for (const step of drill.fix) await run.runStep(step);
    await run.applySimulatedFixes();
    const failures = await run.check();
    expect(failures, drill.id).toEqual([]);
    session = drillStep(drill, session, { type: 'checked', failures, at: 60_000 });
    expect(scoreDrill(drill, session)).toMatchObject({ points: 75, diagnosis: 25, fix: 20, time: 30, isFirstTry: false });
    await run.finish();
    expect(lab.target.server.context.faults.list()).toEqual([]);
  });
});

// Each server-side fault produces its documented symptom through ecr-lab's own steps (the AWS
// SDK and the built-in engine) on the next request, and `off` puts the world back.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fillFaultText, findFault } from '../../src/core/faults.js';
import type { StepOutcome } from '../../src/workflow/types.js';
import { describeOutcome, startLab, type Lab } from '../workflow/helpers.js';

let lab: Lab;
const REPO = 'ecr-lab/demo';

async function run(id: string, params: Record<string, string> = {}): Promise<StepOutcome> {
  return lab.target.runner.run(id, params, { onEvent: () => undefined });
}

async function ok(id: string, params: Record<string, string> = {}): Promise<void> {
  const o = await run(id, params);
  expect(o.status, describeOutcome(o)).toBe('succeeded');
}

/** The fault's symptom for `tool`, filled in with this lab's values. */
function symptom(name: string, tool: 'docker' | 'cli' | 'sdk'): string {
  const c = lab.target.context;
  const text = findFault(name)?.symptoms[tool] ?? '';
  return fillFaultText(text, { account: c.account, region: c.region, host: c.registry, repository: REPO, tag: 'v1' })
    .replace(/^(denied|name unknown|tag invalid): /, '').replace(/^[A-Za-z]+Exception: /, '');
}

function failureText(o: StepOutcome): string {
  return `${o.error?.message ?? ''}\n${o.output.join('\n')}`;
}

beforeAll(async () => {
  lab = await startLab();
  for (const step of ['create-repository', 'login', 'build-image', 'tag-image', 'push-image']) await ok(step);
});
afterAll(async () => { await lab.dispose(); });
beforeEach(async () => { await lab.target.server.faults.reset(); });

const on = (name: string) => lab.target.server.faults.on(name, { repository: REPO, tag: 'v1' });

describe('server-side faults through the SDK and the built-in engine', () => {
  it('token-expired: the next push is denied with ECR\'s text; a new login fixes it; off restores the clock', async () => {
    const before = lab.target.server.context.clock.offset();
    await on('token-expired');
    const o = await run('push-image');
    expect(o.status).toBe('failed');
    expect(failureText(o)).toContain(symptom('token-expired', 'docker'));
    await ok('login');
    await ok('push-image');
    await lab.target.server.faults.off('token-expired');
    expect(lab.target.server.context.clock.offset()).toBe(before);
  });

  it('repository-missing: describe and push say it does not exist; creating it ends the fault and keeps the images', async () => {
    await on('repository-missing');
    const o = await run('push-image');
    expect(failureText(o)).toContain(symptom('repository-missing', 'docker'));
    expect(failureText(await run('describe-images'))).toContain(symptom('repository-missing', 'sdk'));
    await ok('create-repository');
    expect(lab.target.server.context.faults.isOn('repository-missing')).toBe(false);
    expect(lab.target.server.context.store.resolveTag(REPO, 'v1')).toMatch(/^sha256:/);
  });

  it('access-denied-push: InitiateLayerUpload is denied by the identity policy; off gives the old policies back', async () => {
    const before = lab.target.server.context.iam.user('learner');
    await on('access-denied-push');
    // The layers are already in the repository, so the push skips them and is refused at PutImage.
    const o = await run('push-image');
    expect(failureText(o)).toContain(symptom('access-denied-push', 'docker').replaceAll('InitiateLayerUpload', 'PutImage'));
    await lab.target.server.faults.off('access-denied-push');
    const after = lab.target.server.context.iam.user('learner');
    expect({ ...after, attached: [...after!.attached].sort() }).toEqual({ ...before, attached: [...before!.attached].sort() });
  });

  it('access-denied-pull and access-denied-login name the missing action', async () => {
    await on('access-denied-pull');
    expect(failureText(await run('pull-image'))).toContain('ecr:BatchGetImage on resource');
    await lab.target.server.faults.off('access-denied-pull');
    await on('access-denied-login');
    expect(failureText(await run('login'))).toContain(symptom('access-denied-login', 'cli').replace(/^.*operation: /, ''));
  });

  it('repository-policy-deny: an explicit deny in the resource policy', async () => {
    await on('repository-policy-deny');
    expect(failureText(await run('push-image'))).toContain('with an explicit deny in a resource-based policy');
    await lab.target.server.faults.off('repository-policy-deny');
    expect(lab.target.server.context.store.getRepository(REPO)?.repositoryPolicy).toBeUndefined();
  });

  it('credentials-invalid, credentials-expired and signature-mismatch break every API call with AWS\'s texts', async () => {
    for (const [name, code] of [['credentials-invalid', 'UnrecognizedClientException'], ['credentials-expired', 'ExpiredTokenException'], ['signature-mismatch', 'InvalidSignatureException']] as const) {
      await on(name);
      const o = await run('whoami');
      expect(o.status).toBe('failed');
      expect(o.error?.code, name).toMatch(new RegExp(`${code.replace('Exception', '')}|InvalidClientTokenId|ExpiredToken|SignatureDoesNotMatch`));
      const failed = await run('describe-repositories');
      expect(failed.error?.code).toBe(code);
      await lab.target.server.faults.off(name);
      await ok('whoami');
    }
  });

  it('tag-immutable: pushing the same tag with other content is TAG_INVALID', async () => {
    await on('tag-immutable');
    await ok('build-image', { tag: 'v1' });
    const repo = lab.target.server.context.store.getRepository(REPO);
    expect(repo?.imageTagMutability).toBe('IMMUTABLE');
    await lab.target.server.faults.off('tag-immutable');
    expect(lab.target.server.context.store.getRepository(REPO)?.imageTagMutability).toBe('MUTABLE');
  });

  it('manifest-unknown: the tag is gone until the fault is off', async () => {
    await on('manifest-unknown');
    expect(failureText(await run('pull-image'))).toContain('Requested image not found');
    await lab.target.server.faults.off('manifest-unknown');
    await ok('pull-image');
  });

  it('throttled: a second GetAuthorizationToken within a minute is ThrottlingException', async () => {
    await on('throttled');
    await ok('login');
    const o = await run('login');
    expect(o.error?.code).toBe('ThrottlingException');
    expect(o.error?.message).toBe('Rate exceeded');
  });
});

describe('network-blocked', () => {
  it('an SDK call gets no answer and times out on the client', async () => {
    await on('network-blocked');
    const started = Date.now();
    const o = await run('describe-repositories');
    expect(o.status).toBe('failed');
    expect(o.error?.code).toMatch(/TimeoutError|RequestTimeout|ECONNRESET/);
    // One attempt of the local target's 10 s: a second would end after 20 s. A busy CI machine
    // once took 15.8 s for the one.
    expect(Date.now() - started).toBeGreaterThanOrEqual(9_000);
    expect(Date.now() - started).toBeLessThan(19_000);
    await lab.target.server.faults.off('network-blocked');
    await ok('describe-repositories');
  }, 30_000);
});

describe('client-side faults on ecr-lab\'s own steps (built-in engine)', () => {
  it('not-logged-in: the push gets no basic auth credentials; logging in is the fix; off keeps that login', async () => {
    await on('not-logged-in');
    expect(failureText(await run('push-image'))).toContain('no basic auth credentials');
    await ok('login');
    await lab.target.server.faults.off('not-logged-in');
    await ok('push-image');
  });

  it('not-logged-in: off puts the old login back when the learner did not log in again', async () => {
    await on('not-logged-in');
    await lab.target.server.faults.off('not-logged-in');
    await ok('push-image');
  });

  it('token-for-other-registry: the registry calls the token invalid', async () => {
    await on('token-for-other-registry');
    expect(failureText(await run('push-image'))).toContain('Your Authorization Token is invalid.');
    await lab.target.server.faults.off('token-for-other-registry');
    await ok('push-image');
  });

  it('image-not-tagged-locally: the local tag is gone and comes back on off', async () => {
    await on('image-not-tagged-locally');
    expect(failureText(await run('push-image'))).toContain(`An image does not exist locally with the tag: ${lab.target.context.registry}/${REPO}`);
    await lab.target.server.faults.off('image-not-tagged-locally');
    await ok('push-image');
  });

  it('wrong-region: the SDK signs for eu-west-1 and the local ECR refuses the scope', async () => {
    await on('wrong-region');
    const o = await run('describe-repositories');
    expect(o.error?.code).toBe('InvalidSignatureException');
    expect(o.error?.message).toBe("Credential should be scoped to a valid region, not 'eu-west-1'.");
    await lab.target.server.faults.off('wrong-region');
    await ok('describe-repositories');
  });

  it('wrong-account-in-uri: the push goes to another account\'s registry host', async () => {
    await on('wrong-account-in-uri');
    const o = await run('push-image');
    expect(o.status).toBe('failed');
    expect(failureText(o)).toContain('210987654321.dkr.ecr.us-east-1.amazonaws.com');
    await lab.target.server.faults.off('wrong-account-in-uri');
  });

  it('refuses docker-only faults on the built-in engine with one line', async () => {
    await expect(on('docker-daemon-down')).rejects.toThrow(/needs the docker engine/);
    expect(lab.target.server.context.faults.isOn('docker-daemon-down')).toBe(false);
  });
});

describe.runIf(existsSync('/usr/bin/aws'))('get-login-removed (AWS CLI v2 in /usr/bin)', () => {
  it('the login step runs aws ecr get-login, which CLI v2 refuses with exit 252', async () => {
    await on('get-login-removed');
    const o = await run('login');
    expect(o.status).toBe('failed');
    expect(o.error?.message).toMatch(/^aws ecr get-login \(exit 252\): .*Invalid choice/s);
    expect(o.error?.explanation?.cause ?? '').toMatch(/CLI v1/);
  });
});

describe('disk-full', () => {
  it('refuses every layer upload with a 500 that says it is simulated; off lets the push through', async () => {
    // A repository that holds none of the layers yet, so the push has to upload them.
    const fresh = { repository: 'ecr-lab/full' };
    await ok('create-repository', fresh);
    await ok('tag-image', fresh);
    await on('disk-full');
    const pushed = await run('push-image', fresh);
    expect(pushed.status, describeOutcome(pushed)).toBe('failed');
    expect(failureText(pushed)).toMatch(/500|unknown error/);
    await lab.target.server.faults.off('disk-full');
    await ok('push-image', fresh);
  });
});

describe('off keeps what the learner changed while a fault was on', () => {
  it('a policy attached during access-denied-push stays; the fault\'s own change goes', async () => {
    const iam = lab.target.server.context.iam;
    await on('access-denied-push');
    const learner = iam.user('learner')!;
    const power = 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser';
    await iam.update((s) => ({ ...s, users: { ...s.users, learner: { ...learner, attached: [...learner.attached, power] } } }));
    await lab.target.server.faults.off('access-denied-push');
    const after = iam.user('learner')!;
    expect(after.attached).toContain(power);
    expect(after.attached).toContain('arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryFullAccess');
    expect(after.attached).not.toContain('arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly');
    await iam.update((s) => ({ ...s, users: { ...s.users, learner: { ...after, attached: after.attached.filter((a) => a !== power) } } }));
  });

  it('refuses a second access fault on the same user, and key faults undo only their own field', async () => {
    await on('access-denied-push');
    await expect(on('access-denied-pull')).rejects.toThrow(/already changes the learner's policies/);
    await lab.target.server.faults.off('access-denied-push');
    await on('signature-mismatch');
    await on('credentials-invalid');
    await lab.target.server.faults.off('signature-mismatch');
    await lab.target.server.faults.off('credentials-invalid');
    await ok('whoami');
  });
});

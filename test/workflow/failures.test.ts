// The failures of the workflow end as data: one clear error, explained from the catalogue.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/state/ledger.js';
import type { StepOutcome } from '../../src/workflow/types.js';
import { describeOutcome, startLab, type Lab } from './helpers.js';

let lab: Lab;
beforeEach(async () => { lab = await startLab(); });
afterEach(async () => { await lab.dispose(); });

const run = (id: string, params: Record<string, string | number | boolean> = {}): Promise<StepOutcome> => lab.target.runner.run(id, params);

async function ready(...ids: string[]): Promise<void> {
  for (const id of ids) {
    const o = await run(id);
    expect(o.status, describeOutcome(o)).toBe('succeeded');
  }
}

describe('failures, explained', () => {
  it('a repository name ECR refuses ends with one InvalidParameterException, explained', async () => {
    const o = await run('create-repository', { repository: 'Bad_Name' });
    expect(o.status).toBe('failed');
    expect(o.error?.code).toBe('InvalidParameterException');
    expect(o.error?.message).toMatch(/repositoryName/);
    expect(o.error?.explanation?.id).toBe('invalid-repository-name');
    expect(o.error?.explanation?.lesson).toBe('create-repository');
    expect(await Ledger.in(lab.dir).entries()).toEqual([]);
  });

  it('creating the same repository twice is RepositoryAlreadyExistsException', async () => {
    await ready('create-repository');
    const o = await run('create-repository');
    expect(o.error?.code).toBe('RepositoryAlreadyExistsException');
    expect(o.error?.explanation?.id).toBe('repository-exists');
  });

  it('pushing before logging in: no basic auth credentials', async () => {
    await ready('create-repository', 'build-image', 'tag-image');
    const o = await run('push-image');
    expect(o.error?.message).toBe('no basic auth credentials');
    expect(o.error?.explanation?.id).toBe('no-basic-auth');
  });

  it('pushing to a repository that does not exist: name unknown', async () => {
    await ready('login', 'build-image');
    await ready('tag-image');
    const nosuch = await run('tag-image', { repository: 'nosuch' });
    expect(nosuch.status).toBe('succeeded');
    const o = await run('push-image', { repository: 'nosuch' });
    expect(o.error?.code).toBe('NAME_UNKNOWN');
    expect(o.error?.message).toMatch(/^name unknown: The repository with name 'nosuch' does not exist/);
    expect(o.error?.explanation?.id).toBe('repository-not-found');
  });

  it('pushing an image that was never tagged: does not exist locally', async () => {
    await ready('create-repository', 'login');
    const o = await run('push-image');
    expect(o.error?.message).toMatch(/An image does not exist locally with the tag/);
    expect(o.error?.explanation?.id).toBe('image-not-tagged');
  });

  it('pulling a tag that is not there: manifest unknown', async () => {
    await ready('create-repository', 'login', 'build-image', 'tag-image', 'push-image');
    const o = await run('pull-image', { tag: 'nope' });
    expect(o.status).toBe('failed');
    expect(o.error?.message).toMatch(/manifest for .*:nope not found: manifest unknown/);
    expect(o.error?.explanation?.id).toBe('manifest-unknown');
  });

  it('a registry token older than 12 hours: denied, token expired', async () => {
    await ready('create-repository', 'login', 'build-image', 'tag-image');
    lab.target.server.context.clock.advance(13 * 3600 * 1000);
    const o = await run('push-image');
    expect(o.error?.message).toMatch(/authorization token has expired/);
    expect(o.error?.explanation?.id).toBe('registry-token-expired');
  });

  it('overwriting a tag in an immutable repository: tag invalid', async () => {
    await ready('create-repository', 'login', 'build-image', 'tag-image', 'push-image', 'set-tag-immutability');
    const o = await run('push-image');
    expect(o.status).toBe('failed');
    expect(o.error?.explanation?.id).toBe('tag-immutable');
  });

  it('a second scan within 24 hours (scan on push counts) shows the existing findings', async () => {
    await ready('login', 'build-image', 'tag-image');
    expect((await run('create-repository', { scanOnPush: true })).status).toBe('succeeded');
    await ready('push-image');
    lab.target.server.context.clock.advance(5000);
    const o = await run('start-image-scan');
    expect(o.status, describeOutcome(o)).toBe('succeeded');
    expect(o.output.join('\n')).toMatch(/scan quota per image has been exceeded.*one scan per image every 24 hours/);
    expect(o.verified[0]).toEqual({ label: 'scan status', value: 'COMPLETE' });
  });

  it('an unknown step or a wrong parameter fails before any call', async () => {
    expect((await run('nope')).error?.code).toBe('UnknownStep');
    const bad = await run('create-repository', { mutability: 'SOMETIMES' });
    expect(bad.error).toMatchObject({ code: 'InvalidStepParameter' });
    expect((await run('whoami', { colour: 'blue' })).error?.message).toMatch(/no parameter 'colour'/);
    expect(lab.target.requestLog.since(0).filter((e) => e.api.startsWith('ecr:CreateRepository'))).toEqual([]);
  });

  it('parameters given as text (from the command line) are coerced', async () => {
    const o = await run('put-lifecycle-policy', { repository: 'nosuch', keep: '2' });
    expect(o.error?.code).toBe('RepositoryNotFoundException');
    expect(o.commands[0]).toContain('"countNumber":2');
  });
});

describe('confirmation (as on live AWS)', () => {
  beforeEach(async () => {
    await lab.dispose();
    lab = await startLab('builtin', true);
  });

  it('declined: the step is cancelled and nothing is created', async () => {
    const asked: string[] = [];
    const o = await lab.target.runner.run('create-repository', {}, { confirm: async (r) => { asked.push(r.description); return false; } });
    expect(o.status).toBe('cancelled');
    expect(asked[0]).toMatch(/^Create a repository: aws ecr create-repository/);
    expect(lab.target.server.context.store.getRepository('ecr-lab/demo')).toBeUndefined();
    expect(await Ledger.in(lab.dir).entries()).toEqual([]);
  });

  it('the local ECR asks nothing', async () => {
    const local = await startLab('builtin');
    let asked = 0;
    const o = await local.target.runner.run('create-repository', {}, { confirm: async () => { asked++; return false; } });
    await local.dispose();
    expect(o.status).toBe('succeeded');
    expect(asked).toBe(0);
  });

  it('steps that change nothing are not confirmed', async () => {
    let asked = 0;
    const o = await lab.target.runner.run('whoami', {}, { confirm: async () => { asked++; return false; } });
    expect(o.status).toBe('succeeded');
    expect(asked).toBe(0);
  });
});

describe('cancellation', () => {
  it('an aborted push ends cancelled, with nothing half-written', async () => {
    await ready('create-repository', 'login', 'build-image', 'tag-image');
    const ledgerBefore = await Ledger.in(lab.dir).entries();
    const controller = new AbortController();
    const o = await lab.target.runner.run('push-image', {}, {
      signal: controller.signal,
      onEvent: (e) => { if (e.type === 'layer' && e.status === 'Pushing') controller.abort(); },
    });
    expect(o.status).toBe('cancelled');
    expect(o.error).toBeUndefined();
    expect(await Ledger.in(lab.dir).entries()).toEqual(ledgerBefore);
    expect(lab.target.server.context.store.listImages('ecr-lab/demo')).toEqual([]);
    const described = await run('describe-images');
    expect(described.verified[0]).toEqual({ label: 'images', value: '0' });
  });

  it('a signal aborted before the start cancels without calling anything', async () => {
    const controller = new AbortController();
    controller.abort();
    const before = lab.target.requestLog.last();
    const o = await lab.target.runner.run('create-repository', {}, { signal: controller.signal });
    expect(o.status).toBe('cancelled');
    expect(lab.target.requestLog.last()).toBe(before);
  });
});

describe('cleanup', () => {
  it('deletes only what the ledger lists, removing each entry as it goes', async () => {
    await ready('create-repository');
    const { createEcrApi } = await import('../../src/workflow/aws/clients.js');
    const { EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY } = await import('../../src/local-ecr/config.js');
    const ecr = createEcrApi({ region: 'us-east-1', endpoint: lab.target.context.endpointUrl, maxAttempts: 1,
      credentials: { accessKeyId: EXAMPLE_ACCESS_KEY_ID, secretAccessKey: EXAMPLE_SECRET_ACCESS_KEY } });
    await ecr.createRepository({ repositoryName: 'someone-else/app' });
    const none = await run('cleanup', { repository: 'someone-else/app' });
    expect(none.summary).toMatch(/Nothing to delete/);
    const all = await run('cleanup', { repository: '*' });
    expect(all.status, describeOutcome(all)).toBe('succeeded');
    expect(all.commands).toHaveLength(1);
    expect(lab.target.server.context.store.getRepository('ecr-lab/demo')).toBeUndefined();
    expect(lab.target.server.context.store.getRepository('someone-else/app')).toBeDefined();
    expect(await Ledger.in(lab.dir).entries()).toEqual([]);
  });
});

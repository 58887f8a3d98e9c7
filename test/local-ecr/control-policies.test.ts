// Lifecycle and repository policy operations through the real SDK.
import {
  CreateRepositoryCommand, DeleteLifecyclePolicyCommand, DeleteRepositoryPolicyCommand, GetLifecyclePolicyCommand,
  GetLifecyclePolicyPreviewCommand, GetRepositoryPolicyCommand, PutLifecyclePolicyCommand, SetRepositoryPolicyCommand,
  StartLifecyclePolicyPreviewCommand,
} from '@aws-sdk/client-ecr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, failure, startControlHarness, type ControlHarness } from './control-helpers.js';

let h: ControlHarness;
const DAY = 86_400;
const digests: Record<string, string> = {};

const policy = (rules: unknown[]) => JSON.stringify({ rules }, null, 2);
const KEEP_TWO_PROD = policy([{ rulePriority: 1, description: 'keep two prod', selection: { tagStatus: 'tagged', tagPrefixList: ['prod'], countType: 'imageCountMoreThan', countNumber: 2 }, action: { type: 'expire' } }]);
const UNTAGGED_WEEK = policy([{ rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 7 }, action: { type: 'expire' } }]);

beforeAll(async () => {
  h = await startControlHarness();
  await h.client.send(new CreateRepositoryCommand({ repositoryName: 'svc' }));
  const now = Date.now() / 1000;
  for (const [name, tag, age] of [['p1', 'prod-1', 30], ['p2', 'prod-2', 20], ['p3', 'prod-3', 10], ['u1', undefined, 9], ['u2', undefined, 1]] as const) {
    digests[name] = await h.storeImage('svc', tag, name, now - age * DAY);
  }
});
afterAll(async () => { await h.close(); });

describe('lifecycle policy', () => {
  it('is missing at first', async () => {
    expect(await failure(h.client.send(new GetLifecyclePolicyCommand({ repositoryName: 'svc' })))).toEqual({
      name: 'LifecyclePolicyNotFoundException', status: 400,
      message: `Lifecycle policy does not exist for the repository with name 'svc' in the registry with id '${ACCOUNT}'`,
    });
    expect(await failure(h.client.send(new DeleteLifecyclePolicyCommand({ repositoryName: 'svc' })))).toMatchObject({ name: 'LifecyclePolicyNotFoundException', status: 400 });
    expect(await failure(h.client.send(new StartLifecyclePolicyPreviewCommand({ repositoryName: 'svc' })))).toMatchObject({ name: 'LifecyclePolicyNotFoundException', status: 400 });
    expect(await failure(h.client.send(new GetLifecyclePolicyPreviewCommand({ repositoryName: 'svc' })))).toMatchObject({ name: 'LifecyclePolicyPreviewNotFoundException', status: 400 });
  });

  it('is stored compacted and read back', async () => {
    const put = await h.client.send(new PutLifecyclePolicyCommand({ repositoryName: 'svc', lifecyclePolicyText: KEEP_TWO_PROD }));
    expect(put).toMatchObject({ registryId: ACCOUNT, repositoryName: 'svc', lifecyclePolicyText: JSON.stringify(JSON.parse(KEEP_TWO_PROD)) });
    const got = await h.client.send(new GetLifecyclePolicyCommand({ repositoryName: 'svc' }));
    expect(got.lifecyclePolicyText).toBe(put.lifecyclePolicyText);
  });

  it.each([
    ['x'.repeat(120), "Could not map policyString into LifecyclePolicy.'"],
    [JSON.stringify({ rulez: [], pad: 'x'.repeat(100) }), 'object has missing required properties (["rules"])\''],
    [policy([{ rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 0 }, action: { type: 'expire' } }]), "numeric instance is lower than the required minimum (minimum: 1, found: 0)'"],
    [policy([{ rulePriority: 1, selection: { tagStatus: 'tagged', countType: 'imageCountMoreThan', countNumber: 1 }, action: { type: 'expire' } }]), "instance failed to match exactly one schema (matched 0 out of 4)'"],
  ])('refuses an invalid policy (%#)', async (text, tail) => {
    expect(await failure(h.client.send(new PutLifecyclePolicyCommand({ repositoryName: 'svc', lifecyclePolicyText: text })))).toEqual({
      name: 'InvalidParameterException', status: 400,
      message: `Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: ${tail}`,
    });
  });

  it('refuses a policy text shorter than 100 characters', async () => {
    expect(await failure(h.client.send(new PutLifecyclePolicyCommand({ repositoryName: 'svc', lifecyclePolicyText: '{"rules":[]}' })))).toEqual({
      name: 'InvalidParameterException', status: 400,
      message: "Invalid parameter at 'lifecyclePolicyText' failed to satisfy constraint: 'Member must have length greater than or equal to 100'",
    });
  });

  it('previews the stored policy', async () => {
    const started = await h.client.send(new StartLifecyclePolicyPreviewCommand({ repositoryName: 'svc' }));
    expect(started.status).toBe('IN_PROGRESS');
    const preview = await h.client.send(new GetLifecyclePolicyPreviewCommand({ repositoryName: 'svc' }));
    expect(preview.status).toBe('COMPLETE');
    expect(preview.summary).toEqual({ expiringImageTotalCount: 1 });
    expect(preview.previewResults).toHaveLength(1);
    expect(preview.previewResults?.[0]).toMatchObject({ imageDigest: digests.p1, imageTags: ['prod-1'], action: { type: 'EXPIRE' }, appliedRulePriority: 1 });
    expect(preview.previewResults?.[0].imagePushedAt).toBeInstanceOf(Date);
  });

  it('previews a given policy text and pages the results', async () => {
    const text = policy([{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 1 }, action: { type: 'expire' } }]);
    const started = await h.client.send(new StartLifecyclePolicyPreviewCommand({ repositoryName: 'svc', lifecyclePolicyText: text }));
    expect(started.lifecyclePolicyText).toBe(text);
    const first = await h.client.send(new GetLifecyclePolicyPreviewCommand({ repositoryName: 'svc', maxResults: 3 }));
    expect(first.previewResults?.map((r) => r.imageDigest)).toEqual([digests.p1, digests.p2, digests.p3]);
    const rest = await h.client.send(new GetLifecyclePolicyPreviewCommand({ repositoryName: 'svc', maxResults: 3, nextToken: first.nextToken }));
    expect(rest.previewResults?.map((r) => r.imageDigest)).toEqual([digests.u1]);
    expect(rest.summary?.expiringImageTotalCount).toBe(4);
    const untagged = await h.client.send(new GetLifecyclePolicyPreviewCommand({ repositoryName: 'svc', filter: { tagStatus: 'UNTAGGED' } }));
    expect(untagged.previewResults?.map((r) => r.imageDigest)).toEqual([digests.u1]);
    expect(await failure(h.client.send(new GetLifecyclePolicyPreviewCommand({ repositoryName: 'svc', maxResults: 101 })))).toMatchObject({ name: 'InvalidParameterException', status: 400 });
  });

  it('previews by age, then deletes the policy', async () => {
    await h.client.send(new StartLifecyclePolicyPreviewCommand({ repositoryName: 'svc', lifecyclePolicyText: UNTAGGED_WEEK }));
    const preview = await h.client.send(new GetLifecyclePolicyPreviewCommand({ repositoryName: 'svc' }));
    expect(preview.previewResults?.map((r) => r.imageDigest)).toEqual([digests.u1]);
    const deleted = await h.client.send(new DeleteLifecyclePolicyCommand({ repositoryName: 'svc' }));
    expect(deleted.lifecyclePolicyText).toBe(JSON.stringify(JSON.parse(KEEP_TWO_PROD)));
    expect(await failure(h.client.send(new GetLifecyclePolicyCommand({ repositoryName: 'svc' })))).toMatchObject({ name: 'LifecyclePolicyNotFoundException' });
  });
});

describe('repository policy', () => {
  const POLICY = { Version: '2012-10-17', Statement: [{ Sid: 'AllowPull', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] }] };
  const FORMATTED = `{\n  "Version" : "2012-10-17",\n  "Statement" : [ {\n    "Sid" : "AllowPull",\n    "Effect" : "Allow",\n    "Principal" : {\n      "AWS" : "arn:aws:iam::${ACCOUNT}:root"\n    },\n    "Action" : [ "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer" ]\n  } ]\n}`;

  it('is missing at first', async () => {
    expect(await failure(h.client.send(new GetRepositoryPolicyCommand({ repositoryName: 'svc' })))).toEqual({
      name: 'RepositoryPolicyNotFoundException', status: 400,
      message: `Repository policy does not exist for the repository with name 'svc' in the registry with id '${ACCOUNT}'`,
    });
  });

  it('is set, read back re-formatted, and deleted', async () => {
    const set = await h.client.send(new SetRepositoryPolicyCommand({ repositoryName: 'svc', policyText: JSON.stringify(POLICY) }));
    expect(set).toMatchObject({ registryId: ACCOUNT, repositoryName: 'svc', policyText: FORMATTED });
    expect((await h.client.send(new GetRepositoryPolicyCommand({ repositoryName: 'svc' }))).policyText).toBe(FORMATTED);
    expect((await h.client.send(new DeleteRepositoryPolicyCommand({ repositoryName: 'svc' }))).policyText).toBe(FORMATTED);
    expect(await failure(h.client.send(new DeleteRepositoryPolicyCommand({ repositoryName: 'svc' })))).toMatchObject({ name: 'RepositoryPolicyNotFoundException', status: 400 });
  });

  it('refuses an invalid or too long policy', async () => {
    expect(await failure(h.client.send(new SetRepositoryPolicyCommand({ repositoryName: 'svc', policyText: '{"nope":1}' })))).toEqual({
      name: 'InvalidParameterException', status: 400,
      message: "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'",
    });
    // A statement without a principal, and a key the policy grammar does not know, as ECR refuses them.
    for (const statement of [{ Effect: 'Allow', Action: 'ecr:BatchGetImage' }, { Effect: 'Allow', Principal: '*', Action: 'ecr:*', Resources: '*' }]) {
      const policyText = JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
      expect(await failure(h.client.send(new SetRepositoryPolicyCommand({ repositoryName: 'svc', policyText })))).toMatchObject({
        name: 'InvalidParameterException', message: expect.stringContaining('Invalid repository policy provided') });
    }
    expect(await failure(h.client.send(new SetRepositoryPolicyCommand({ repositoryName: 'svc', policyText: 'x'.repeat(10241) })))).toEqual({
      name: 'InvalidParameterException', status: 400,
      message: "Invalid parameter at 'policyText' failed to satisfy constraint: 'Member must have length less than or equal to 10240'",
    });
  });
});

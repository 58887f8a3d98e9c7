// The real AWS CLI v2 2.9.19 (/usr/bin/aws) with what its older model can send of the 2025
// features: a lifecycle policy with a `transition` rule (the text is opaque to the CLI), the
// preview showing it, the runner applying it after a clock move, tag mutability with exclusions
// (the CLI cannot send filters, so ECR's refusal), and KMS without a key.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalEcr, type LocalEcr } from '../../src/local-ecr/server.js';
import { json, runAws, type Run } from './aws-cli-runner.js';
import { pushViaPutImage } from './aws-cli-images.js';

const ACCOUNT = '123456789012';
const DAY_MS = 86_400_000;
const POLICY = {
  rules: [
    { rulePriority: 1, description: 'archive releases not pulled for 30 days',
      selection: { tagStatus: 'tagged', tagPatternList: ['v*'], countType: 'sinceImagePulled', countUnit: 'days', countNumber: 30 },
      action: { type: 'transition', targetStorageClass: 'archive' } },
    { rulePriority: 2, description: 'expire untagged images after a day',
      selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 }, action: { type: 'expire' } },
  ],
};

let ecr: LocalEcr;
let dir: string;

const aws = (args: readonly string[]): Promise<Run> => runAws(ecr.endpoint, dir, args);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-cli-lifecycle-'));
  ecr = await startLocalEcr({ dataDir: join(dir, 'data'), account: ACCOUNT, region: 'us-east-1' });
});

afterAll(async () => {
  await ecr?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('aws 2.9 and the 2025 lifecycle, mutability and KMS features', () => {
  it('puts a policy with a transition rule, previews it, and sees it applied after a clock move', async () => {
    json(await aws(['ecr', 'create-repository', '--repository-name', 'life']));
    const release = await pushViaPutImage(ecr, 'life', 'v1', 'release');
    const untagged = await pushViaPutImage(ecr, 'life', undefined, 'scratch');
    const put = json(await aws(['ecr', 'put-lifecycle-policy', '--repository-name', 'life', '--lifecycle-policy-text', JSON.stringify(POLICY, null, 2)]));
    expect(put.lifecyclePolicyText).toBe(JSON.stringify(POLICY));

    ecr.context.clock.advance(40 * DAY_MS);
    await ecr.lifecycle.evaluate();
    // The archived release is hidden from a DescribeImages without an imageStatus filter, which
    // 2.9 cannot send; the untagged image is gone.
    const images = json(await aws(['ecr', 'describe-images', '--repository-name', 'life'])).imageDetails as unknown[];
    expect(images).toEqual([]);
    expect(ecr.context.store.getImage('life', untagged)).toBeUndefined();
    expect(ecr.context.store.getImage('life', release)).toMatchObject({ imageStatus: 'ARCHIVED', tags: ['v1'] });
    const evaluated = json(await aws(['ecr', 'get-lifecycle-policy', '--repository-name', 'life']));
    expect(typeof evaluated.lastEvaluatedAt).toBe('string');

    // The preview of a second release, pushed (on the record) 40 days ago and never pulled.
    const second = await pushViaPutImage(ecr, 'life', 'v2', 'release-2');
    await ecr.context.store.updateImage('life', second, (i) => ({ ...i, pushedAt: i.pushedAt - 40 * 86_400 }));
    json(await aws(['ecr', 'start-lifecycle-policy-preview', '--repository-name', 'life']));
    const preview = json(await aws(['ecr', 'get-lifecycle-policy-preview', '--repository-name', 'life']));
    expect(preview.status).toBe('COMPLETE');
    // 2.9's model knows action.type (a string) but not targetStorageClass, so the CLI drops it.
    expect(preview.previewResults).toEqual([expect.objectContaining({ imageDigest: second, imageTags: ['v2'], action: { type: 'TRANSITION' }, appliedRulePriority: 1 })]);
    expect(preview.summary).toEqual({ expiringImageTotalCount: 0 });
  });

  it('refuses IMMUTABLE_WITH_EXCLUSION without filters (the 2.9 CLI cannot send them)', async () => {
    const run = await aws(['ecr', 'put-image-tag-mutability', '--repository-name', 'life', '--image-tag-mutability', 'IMMUTABLE_WITH_EXCLUSION']);
    expect(run.exitCode).toBe(254);
    expect(run.stderr).toBe("\nAn error occurred (InvalidParameterException) when calling the PutImageTagMutability operation: Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: 'ImageTagMutabilityExclusionFilters can't be null when imageTagMutability is set as IMMUTABLE_WITH_EXCLUSION'");
    const ok = json(await aws(['ecr', 'put-image-tag-mutability', '--repository-name', 'life', '--image-tag-mutability', 'IMMUTABLE']));
    expect(ok).toEqual({ registryId: ACCOUNT, repositoryName: 'life', imageTagMutability: 'IMMUTABLE' });
  });

  it('creates a KMS repository with the AWS managed key', async () => {
    const created = json(await aws(['ecr', 'create-repository', '--repository-name', 'secret', '--encryption-configuration', 'encryptionType=KMS'])).repository as Record<string, unknown>;
    expect(created.encryptionConfiguration).toEqual({ encryptionType: 'KMS', kmsKey: expect.stringMatching(new RegExp(`^arn:aws:kms:us-east-1:${ACCOUNT}:key/[0-9a-f-]{36}$`)) });
  });
});

// Image storage classes, pull-time update exclusions, tag mutability with exclusion filters and
// KMS defaults, through the real SDK (and the registry for pulls and tag PUTs).
import {
  BatchGetImageCommand, CreateRepositoryCommand, DeregisterPullTimeUpdateExclusionCommand, DescribeImagesCommand,
  DescribeRepositoriesCommand, ListImagesCommand, ListPullTimeUpdateExclusionsCommand, PutImageTagMutabilityCommand,
  BatchCheckLayerAvailabilityCommand, RegisterPullTimeUpdateExclusionCommand, StartImageScanCommand, UpdateImageStorageClassCommand, type ImageTagMutability,
} from '@aws-sdk/client-ecr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ACCESS_KEY_ID } from '../../src/local-ecr/config.js';
import { isTagImmutable } from '../../src/local-ecr/mutability.js';
import { ACCOUNT, DOCKER_MANIFEST, failure, REGION, startControlHarness, type ControlHarness } from './control-helpers.js';

const LEARNER_ARN = `arn:aws:iam::${ACCOUNT}:user/learner`;
let h: ControlHarness;

beforeAll(async () => { h = await startControlHarness(); });
afterAll(async () => { await h.close(); });

/** A registry request as docker sends it, logged in as the learner. */
function registry(path: string, init: RequestInit = {}): Promise<Response> {
  const ctx = h.ecr.context;
  const token = ctx.tokens.issue(EXAMPLE_ACCESS_KEY_ID, ctx.config.region, ctx.config.account, ctx.clock.now()).authorizationToken;
  const headers = new Headers(init.headers);
  headers.set('authorization', `Basic ${token}`);
  return fetch(`http://${h.ecr.registryHost}${path}`, { ...init, headers });
}

const detail = async (repositoryName: string, imageDigest: string) =>
  (await h.client.send(new DescribeImagesCommand({ repositoryName, imageIds: [{ imageDigest }] }))).imageDetails?.[0];

describe('UpdateImageStorageClass', () => {
  let digest: string;
  beforeAll(async () => {
    await h.client.send(new CreateRepositoryCommand({ repositoryName: 'store' }));
    digest = await h.pushImage('store', 'v1', 'archive-me');
  });

  it('archives at once: hidden from DescribeImages and ListImages unless asked, not pullable', async () => {
    const out = await h.client.send(new UpdateImageStorageClassCommand({ repositoryName: 'store', imageId: { imageTag: 'v1' }, targetStorageClass: 'ARCHIVE' }));
    expect(out).toMatchObject({ registryId: ACCOUNT, repositoryName: 'store', imageId: { imageDigest: digest, imageTag: 'v1' }, imageStatus: 'ARCHIVED' });
    expect((await h.client.send(new DescribeImagesCommand({ repositoryName: 'store' }))).imageDetails).toEqual([]);
    expect((await h.client.send(new ListImagesCommand({ repositoryName: 'store' }))).imageIds).toEqual([]);
    const archivedList = await h.client.send(new ListImagesCommand({ repositoryName: 'store', filter: { imageStatus: 'ARCHIVED' } }));
    expect(archivedList.imageIds).toEqual([{ imageDigest: digest, imageTag: 'v1' }]);
    const d = await detail('store', digest);
    expect(d).toMatchObject({ imageStatus: 'ARCHIVED', imageTags: ['v1'] });
    expect(d?.lastArchivedAt).toBeInstanceOf(Date);

    const pull = await registry('/v2/store/manifests/v1', { headers: { accept: DOCKER_MANIFEST } });
    expect(pull.status).toBe(404);
    expect((await pull.json() as { errors: { code: string }[] }).errors[0].code).toBe('MANIFEST_UNKNOWN');
    const batch = await h.client.send(new BatchGetImageCommand({ repositoryName: 'store', imageIds: [{ imageTag: 'v1' }] }));
    expect(batch.images).toEqual([]);
    expect(batch.failures).toEqual([{ imageId: { imageTag: 'v1' }, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' }]);
  });

  it('refuses to archive an archived image', async () => {
    expect(await failure(h.client.send(new UpdateImageStorageClassCommand({ repositoryName: 'store', imageId: { imageDigest: digest }, targetStorageClass: 'ARCHIVE' }))))
      .toMatchObject({ name: 'ImageStorageClassUpdateNotSupportedException', status: 400 });
  });

  it('reports the layers only archived images use as ARCHIVED', async () => {
    const manifest = JSON.parse((await h.store.readManifest('store', digest))?.toString('utf8') ?? '{}') as { layers: { digest: string }[] };
    const layerDigest = manifest.layers[0]?.digest ?? '';
    const out = await h.client.send(new BatchCheckLayerAvailabilityCommand({ repositoryName: 'store', layerDigests: [layerDigest] }));
    expect(out.layers?.[0]).toMatchObject({ layerDigest, layerAvailability: 'ARCHIVED' });
  });

  it('will not scan an archived image', async () => {
    expect(await failure(h.client.send(new StartImageScanCommand({ repositoryName: 'store', imageId: { imageDigest: digest } }))))
      .toMatchObject({ name: 'ImageArchivedException', status: 400 });
  });

  it('restores an archived image at once when it is pushed again', async () => {
    const again = await h.pushImage('store', 'again', 'repush-me');
    await h.client.send(new UpdateImageStorageClassCommand({ repositoryName: 'store', imageId: { imageDigest: again }, targetStorageClass: 'ARCHIVE' }));
    const bytes = await h.store.readManifest('store', again);
    const put = await registry('/v2/store/manifests/again', { method: 'PUT', headers: { 'content-type': DOCKER_MANIFEST }, body: bytes?.toString('utf8') });
    expect(put.status).toBe(201);
    expect(await detail('store', again)).toMatchObject({ imageStatus: 'ACTIVE' });
    expect((await registry('/v2/store/manifests/again', { headers: { accept: DOCKER_MANIFEST } })).status).toBe(200);
  });

  it('restores in 20 minutes on the local clock (ACTIVATING, then ACTIVE and pullable)', async () => {
    const out = await h.client.send(new UpdateImageStorageClassCommand({ repositoryName: 'store', imageId: { imageDigest: digest }, targetStorageClass: 'STANDARD' }));
    expect(out.imageStatus).toBe('ACTIVATING');
    expect(await failure(h.client.send(new UpdateImageStorageClassCommand({ repositoryName: 'store', imageId: { imageDigest: digest }, targetStorageClass: 'STANDARD' }))))
      .toMatchObject({ name: 'ImageStorageClassUpdateNotSupportedException' });
    const activating = await h.client.send(new DescribeImagesCommand({ repositoryName: 'store', filter: { imageStatus: 'ACTIVATING' } }));
    expect(activating.imageDetails?.map((i) => i.imageDigest)).toEqual([digest]);
    expect((await registry('/v2/store/manifests/v1')).status).toBe(404);

    h.ecr.context.clock.advance(19 * 60_000);
    expect((await detail('store', digest))?.imageStatus).toBe('ACTIVATING');
    h.ecr.context.clock.advance(2 * 60_000);
    const d = await detail('store', digest);
    expect(d).toMatchObject({ imageStatus: 'ACTIVE' });
    expect(d?.lastActivatedAt).toBeInstanceOf(Date);
    expect((await registry('/v2/store/manifests/v1', { headers: { accept: DOCKER_MANIFEST } })).status).toBe(200);
    expect(await failure(h.client.send(new UpdateImageStorageClassCommand({ repositoryName: 'store', imageId: { imageDigest: digest }, targetStorageClass: 'STANDARD' }))))
      .toMatchObject({ name: 'ImageStorageClassUpdateNotSupportedException' });
  });

  it('validates its members and names a missing image', async () => {
    expect(await failure(h.client.send(new UpdateImageStorageClassCommand({ repositoryName: 'store', imageId: { imageTag: 'nope' }, targetStorageClass: 'ARCHIVE' })))).toEqual({
      name: 'ImageNotFoundException', status: 400,
      message: `The image with imageId {imageDigest:'null', imageTag:'nope'} does not exist within the repository with name 'store' in the registry with id '${ACCOUNT}'`,
    });
    expect(await failure(h.client.send(new UpdateImageStorageClassCommand({ repositoryName: 'store', imageId: { imageTag: 'v1' }, targetStorageClass: 'COLD' as 'ARCHIVE' })))).toEqual({
      name: 'InvalidParameterException', status: 400,
      message: "Invalid parameter at 'targetStorageClass' failed to satisfy constraint: 'Member must satisfy enum value set: [STANDARD, ARCHIVE]'",
    });
    expect(await failure(h.client.send(new UpdateImageStorageClassCommand({ repositoryName: 'nothere', imageId: { imageTag: 'v1' }, targetStorageClass: 'ARCHIVE' }))))
      .toMatchObject({ name: 'RepositoryNotFoundException' });
  });
});

describe('pull-time update exclusions', () => {
  it('registers, lists and deregisters principals, with the model\'s errors', async () => {
    const role = `arn:aws:iam::${ACCOUNT}:role/scanner`;
    const out = await h.client.send(new RegisterPullTimeUpdateExclusionCommand({ principalArn: role }));
    expect(out.principalArn).toBe(role);
    expect(out.createdAt).toBeInstanceOf(Date);
    expect(await failure(h.client.send(new RegisterPullTimeUpdateExclusionCommand({ principalArn: role }))))
      .toMatchObject({ name: 'ExclusionAlreadyExistsException', status: 400 });
    expect((await h.client.send(new ListPullTimeUpdateExclusionsCommand({}))).pullTimeUpdateExclusions).toEqual([role]);
    expect(await failure(h.client.send(new RegisterPullTimeUpdateExclusionCommand({ principalArn: `arn:aws:sts::${ACCOUNT}:assumed-role/scanner/s1` })))).toEqual({
      name: 'InvalidParameterException', status: 400,
      message: "Invalid parameter at 'principalArn' failed to satisfy constraint: 'must satisfy regular expression '^arn:aws(-[a-z]+)*:iam::[0-9]{12}:(role|user)/[\\w+=,.@-]+(/[\\w+=,.@-]+)*$''",
    });
    expect((await h.client.send(new DeregisterPullTimeUpdateExclusionCommand({ principalArn: role }))).principalArn).toBe(role);
    expect(await failure(h.client.send(new DeregisterPullTimeUpdateExclusionCommand({ principalArn: role }))))
      .toMatchObject({ name: 'ExclusionNotFoundException', status: 400 });
    expect((await h.client.send(new ListPullTimeUpdateExclusionsCommand({}))).pullTimeUpdateExclusions).toEqual([]);
  });

  it('pages with maxResults and stops at 100 principals', async () => {
    for (let i = 0; i < 100; i++) await h.client.send(new RegisterPullTimeUpdateExclusionCommand({ principalArn: `arn:aws:iam::${ACCOUNT}:user/u${i}` }));
    expect(await failure(h.client.send(new RegisterPullTimeUpdateExclusionCommand({ principalArn: `arn:aws:iam::${ACCOUNT}:user/one-too-many` }))))
      .toMatchObject({ name: 'LimitExceededException', status: 400 });
    const first = await h.client.send(new ListPullTimeUpdateExclusionsCommand({ maxResults: 60 }));
    const second = await h.client.send(new ListPullTimeUpdateExclusionsCommand({ maxResults: 60, nextToken: first.nextToken }));
    expect([...first.pullTimeUpdateExclusions ?? [], ...second.pullTimeUpdateExclusions ?? []]).toHaveLength(100);
    expect(second.nextToken).toBeUndefined();
    for (let i = 0; i < 100; i++) await h.client.send(new DeregisterPullTimeUpdateExclusionCommand({ principalArn: `arn:aws:iam::${ACCOUNT}:user/u${i}` }));
  });

  it('a pull by an excluded principal leaves lastRecordedPullTime alone', async () => {
    await h.client.send(new CreateRepositoryCommand({ repositoryName: 'pulls' }));
    const digest = await h.pushImage('pulls', 'v1', 'pulled');
    await h.client.send(new RegisterPullTimeUpdateExclusionCommand({ principalArn: LEARNER_ARN }));
    expect((await registry('/v2/pulls/manifests/v1', { headers: { accept: DOCKER_MANIFEST } })).status).toBe(200);
    await h.client.send(new BatchGetImageCommand({ repositoryName: 'pulls', imageIds: [{ imageTag: 'v1' }] }));
    expect((await detail('pulls', digest))?.lastRecordedPullTime).toBeUndefined();

    await h.client.send(new DeregisterPullTimeUpdateExclusionCommand({ principalArn: LEARNER_ARN }));
    expect((await registry('/v2/pulls/manifests/v1', { headers: { accept: DOCKER_MANIFEST } })).status).toBe(200);
    expect((await detail('pulls', digest))?.lastRecordedPullTime).toBeInstanceOf(Date);
  });
});

describe('tag mutability with exclusion filters', () => {
  const filters = [{ filterType: 'WILDCARD' as const, filter: 'latest' }, { filterType: 'WILDCARD' as const, filter: 'dev-*' }];

  it('is taken by CreateRepository and returned by DescribeRepositories', async () => {
    const out = await h.client.send(new CreateRepositoryCommand({
      repositoryName: 'excl', imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: filters,
    }));
    expect(out.repository).toMatchObject({ imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: filters });
    const described = await h.client.send(new DescribeRepositoriesCommand({ repositoryNames: ['excl'] }));
    expect(described.repositories?.[0]).toMatchObject({ imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: filters });
  });

  it('lets an excluded tag move and keeps the others, on a registry PUT', async () => {
    const one = await h.pushImage('excl', 'latest', 'one');
    const two = await h.pushImage('excl', 'v1', 'two');
    const put = async (tag: string, digest: string) => registry(`/v2/excl/manifests/${tag}`, {
      method: 'PUT', headers: { 'content-type': DOCKER_MANIFEST }, body: new Uint8Array(await h.store.readManifest('excl', digest) ?? Buffer.alloc(0)),
    });
    expect((await put('latest', two)).status).toBe(201);
    const refused = await put('v1', one);
    expect(refused.status).toBe(400);
    expect((await refused.json() as { errors: { code: string }[] }).errors[0].code).toBe('TAG_INVALID');
    expect(h.store.resolveTag('excl', 'v1')).toBe(two);
    expect(h.store.resolveTag('excl', 'latest')).toBe(two);
  });

  it('is changed by PutImageTagMutability, which drops the filters when they no longer apply', async () => {
    const out = await h.client.send(new PutImageTagMutabilityCommand({
      repositoryName: 'excl', imageTagMutability: 'MUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'release-*' }],
    }));
    expect(out).toEqual(expect.objectContaining({
      registryId: ACCOUNT, repositoryName: 'excl', imageTagMutability: 'MUTABLE_WITH_EXCLUSION',
      imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'release-*' }],
    }));
    const plain = await h.client.send(new PutImageTagMutabilityCommand({ repositoryName: 'excl', imageTagMutability: 'MUTABLE' }));
    expect(plain.imageTagMutabilityExclusionFilters).toBeUndefined();
    const described = await h.client.send(new DescribeRepositoriesCommand({ repositoryNames: ['excl'] }));
    expect(described.repositories?.[0].imageTagMutabilityExclusionFilters).toBeUndefined();
  });

  it.each([
    [{ imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION' as ImageTagMutability },
      "Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: 'ImageTagMutabilityExclusionFilters can't be null when imageTagMutability is set as IMMUTABLE_WITH_EXCLUSION'"],
    [{ imageTagMutability: 'IMMUTABLE' as ImageTagMutability, imageTagMutabilityExclusionFilters: filters },
      "Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: 'ImageTagMutabilityExclusionFilters must be null when imageTagMutability is set as IMMUTABLE'"],
    [{ imageTagMutability: 'MUTABLE_WITH_EXCLUSION' as ImageTagMutability, imageTagMutabilityExclusionFilters: Array.from({ length: 6 }, (_, i) => ({ filterType: 'WILDCARD' as const, filter: `t${i}` })) },
      "Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: 'Member must have length less than or equal to 5'"],
    [{ imageTagMutability: 'MUTABLE_WITH_EXCLUSION' as ImageTagMutability, imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD' as const, filter: 'bad/tag' }] },
      "Invalid parameter at 'imageTagMutabilityExclusionFilters.1.member.filter' failed to satisfy constraint: 'must satisfy regular expression '^[0-9a-zA-Z._*-]{1,128}$''"],
  ])('refuses %j', async (input, message) => {
    expect(await failure(h.client.send(new CreateRepositoryCommand({ repositoryName: 'refused', ...input })))).toEqual({ name: 'InvalidParameterException', status: 400, message });
    expect(await failure(h.client.send(new PutImageTagMutabilityCommand({ repositoryName: 'excl', ...input, imageTagMutability: input.imageTagMutability }))))
      .toEqual({ name: 'InvalidParameterException', status: 400, message });
  });

  it.each([
    ['IMMUTABLE', 'v1', true], ['MUTABLE', 'v1', false],
    ['IMMUTABLE_WITH_EXCLUSION', 'latest', false], ['IMMUTABLE_WITH_EXCLUSION', 'dev-1', false], ['IMMUTABLE_WITH_EXCLUSION', 'v1', true],
    ['MUTABLE_WITH_EXCLUSION', 'dev-1', true], ['MUTABLE_WITH_EXCLUSION', 'dev', false], ['MUTABLE_WITH_EXCLUSION', 'latest-x', false],
  ] as const)('isTagImmutable(%s, %s) is %s', (imageTagMutability, tag, expected) => {
    expect(isTagImmutable({ imageTagMutability, imageTagMutabilityExclusionFilters: filters }, tag)).toBe(expected);
  });
});

describe('KMS encryption', () => {
  it('fills in the AWS managed key for KMS and KMS_DSSE, the same key for each repository', async () => {
    const a = await h.client.send(new CreateRepositoryCommand({ repositoryName: 'kms-a', encryptionConfiguration: { encryptionType: 'KMS' } }));
    const b = await h.client.send(new CreateRepositoryCommand({ repositoryName: 'kms-b', encryptionConfiguration: { encryptionType: 'KMS_DSSE' } }));
    const key = a.repository?.encryptionConfiguration?.kmsKey ?? '';
    expect(key).toMatch(new RegExp(`^arn:aws:kms:${REGION}:${ACCOUNT}:key/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$`));
    expect(b.repository?.encryptionConfiguration).toEqual({ encryptionType: 'KMS_DSSE', kmsKey: key });
    const described = await h.client.send(new DescribeRepositoriesCommand({ repositoryNames: ['kms-a'] }));
    expect(described.repositories?.[0].encryptionConfiguration).toEqual({ encryptionType: 'KMS', kmsKey: key });
  });

  it('keeps a given key, and refuses a key with AES256 or a configuration without a type', async () => {
    const own = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const c = await h.client.send(new CreateRepositoryCommand({ repositoryName: 'kms-c', encryptionConfiguration: { encryptionType: 'KMS', kmsKey: own } }));
    expect(c.repository?.encryptionConfiguration).toEqual({ encryptionType: 'KMS', kmsKey: own });
    expect(await failure(h.client.send(new CreateRepositoryCommand({ repositoryName: 'kms-d', encryptionConfiguration: { encryptionType: 'AES256', kmsKey: own } }))))
      .toMatchObject({ name: 'InvalidParameterException', status: 400 });
    expect(await failure(h.client.send(new CreateRepositoryCommand({ repositoryName: 'kms-e', encryptionConfiguration: { kmsKey: own } as never })))).toEqual({
      name: 'InvalidParameterException', status: 400,
      message: "Invalid parameter at 'encryptionConfiguration.encryptionType' failed to satisfy constraint: 'Member must not be null'",
    });
  });
});

// Image operations (PutImage, Describe/List, BatchGet/BatchDelete, scans) through the real SDK.
// The local ECR runs on a frozen clock that only the tests move: scans and push order never race real time.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BatchDeleteImageCommand, BatchGetImageCommand, CreateRepositoryCommand, DescribeImageScanFindingsCommand,
  DescribeImagesCommand, ListImagesCommand, PutImageCommand, StartImageScanCommand,
} from '@aws-sdk/client-ecr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frozenClock } from '../../src/local-ecr/clock.js';
import { SCAN_DURATION_MS } from '../../src/local-ecr/control/ops/scans.js';
import { ACCOUNT, DOCKER_MANIFEST, failure, sha256, startControlHarness, type ControlHarness } from './control-helpers.js';

let h: ControlHarness;
let v1: string;
let v2: string;
let untagged: string;

beforeAll(async () => {
  h = await startControlHarness({ clock: frozenClock(Date.now()) });
  const tick = () => h.ecr.context.clock.advance(1000);
  await h.client.send(new CreateRepositoryCommand({ repositoryName: 'web' }));
  await h.client.send(new CreateRepositoryCommand({ repositoryName: 'immut', imageTagMutability: 'IMMUTABLE' }));
  // A second between pushes: "newest first" then rests on push times, not on digests that tie-break.
  untagged = await h.pushImage('web', undefined, 'zero');
  tick();
  v1 = await h.pushImage('web', 'v1', 'one');
  tick();
  v2 = await h.pushImage('web', 'v2', 'two');
  await h.client.send(new PutImageCommand({ repositoryName: 'web', imageTag: 'latest', imageManifest: await manifestOf('web', v2) }));
});
afterAll(async () => { await h.close(); });

async function manifestOf(repository: string, digest: string): Promise<string> {
  return (await h.store.readManifest(repository, digest))?.toString('utf8') ?? '';
}

describe('PutImage', () => {
  it('stores the manifest under its sha256 and returns it', async () => {
    const text = await manifestOf('web', v1);
    expect(sha256(text)).toBe(v1);
    const out = await h.client.send(new PutImageCommand({ repositoryName: 'web', imageTag: 'retagged', imageManifest: text }));
    expect(out.image).toEqual({ registryId: ACCOUNT, repositoryName: 'web', imageId: { imageDigest: v1, imageTag: 'retagged' }, imageManifest: text, imageManifestMediaType: DOCKER_MANIFEST });
    await h.client.send(new BatchDeleteImageCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'retagged' }] }));
  });

  it('says ImageAlreadyExists when the tag already points at this manifest', async () => {
    expect(await failure(h.client.send(new PutImageCommand({ repositoryName: 'web', imageTag: 'v1', imageManifest: await manifestOf('web', v1) })))).toEqual({
      name: 'ImageAlreadyExistsException', status: 400,
      message: `Image with digest '${v1}' and tag 'v1' already exists in the repository with name 'web' in registry with id '${ACCOUNT}'`,
    });
  });

  it('says ImageTagAlreadyExists when an immutable tag would move', async () => {
    await h.pushImage('immut', 'v1', 'imm-a');
    const other = await h.pushImage('immut', 'other', 'imm-b');
    expect(await failure(h.client.send(new PutImageCommand({ repositoryName: 'immut', imageTag: 'v1', imageManifest: await manifestOf('immut', other) })))).toEqual({
      name: 'ImageTagAlreadyExistsException', status: 400,
      message: "The image tag 'v1' already exists in the 'immut' repository and cannot be overwritten because the repository is immutable.",
    });
  });

  it('refuses a manifest whose layers were never uploaded, and a bad tag', async () => {
    const text = (await manifestOf('web', v1)).replace(/"digest":"sha256:[0-9a-f]{64}"\}\]/, `"digest":"sha256:${'0'.repeat(64)}"}]`);
    expect(await failure(h.client.send(new PutImageCommand({ repositoryName: 'web', imageTag: 'ghost', imageManifest: text }))))
      .toMatchObject({ name: 'LayersNotFoundException', status: 400 });
    expect(await failure(h.client.send(new PutImageCommand({ repositoryName: 'web', imageTag: 'a+b', imageManifest: text })))).toEqual({
      name: 'InvalidParameterException', status: 400,
      message: "Invalid parameter at 'imageTag' failed to satisfy constraint: 'must satisfy regular expression '[a-zA-Z0-9-_.]+''",
    });
  });
});

describe('DescribeImages and ListImages', () => {
  it('describes every image, newest first, with epoch push times', async () => {
    const out = await h.client.send(new DescribeImagesCommand({ repositoryName: 'web' }));
    const details = out.imageDetails ?? [];
    expect(details.map((d) => d.imageDigest)).toEqual([v2, v1, untagged]);
    expect(details[0]).toMatchObject({
      registryId: ACCOUNT, repositoryName: 'web', imageTags: ['v2', 'latest'], imageManifestMediaType: DOCKER_MANIFEST,
      artifactMediaType: 'application/vnd.docker.container.image.v1+json',
    });
    expect(details[0].imagePushedAt).toBeInstanceOf(Date);
    expect(details[0].imageSizeInBytes).toBeGreaterThan(0);
    expect(details[2].imageTags).toBeUndefined();
  });

  it('filters by tag status and by image id', async () => {
    const untaggedOnly = await h.client.send(new DescribeImagesCommand({ repositoryName: 'web', filter: { tagStatus: 'UNTAGGED' } }));
    expect(untaggedOnly.imageDetails?.map((d) => d.imageDigest)).toEqual([untagged]);
    const byId = await h.client.send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'v1' }, { imageDigest: v2 }] }));
    expect(byId.imageDetails?.map((d) => d.imageDigest)).toEqual([v1, v2]);
  });

  it('names a missing image and refuses an empty id list', async () => {
    expect(await failure(h.client.send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'latest2' }] })))).toEqual({
      name: 'ImageNotFoundException', status: 400,
      message: `The image with imageId {imageDigest:'null', imageTag:'latest2'} does not exist within the repository with name 'web' in the registry with id '${ACCOUNT}'`,
    });
    expect(await failure(h.client.send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [] })))).toEqual({
      name: 'InvalidParameterException', status: 400,
      message: "Invalid parameter at 'imageIds' failed to satisfy constraint: 'Member must have length greater than or equal to 1'",
    });
    expect(await failure(h.client.send(new DescribeImagesCommand({ repositoryName: 'gone' })))).toMatchObject({ name: 'RepositoryNotFoundException', status: 400 });
  });

  it('pages DescribeImages and ListImages with nextToken', async () => {
    const first = await h.client.send(new DescribeImagesCommand({ repositoryName: 'web', maxResults: 2 }));
    expect(first.imageDetails).toHaveLength(2);
    const second = await h.client.send(new DescribeImagesCommand({ repositoryName: 'web', maxResults: 2, nextToken: first.nextToken }));
    expect(second.imageDetails?.map((d) => d.imageDigest)).toEqual([untagged]);
    expect(second.nextToken).toBeUndefined();
    const ids = [];
    let nextToken: string | undefined;
    do {
      const page = await h.client.send(new ListImagesCommand({ repositoryName: 'web', maxResults: 1, nextToken }));
      ids.push(...(page.imageIds ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(ids).toEqual([{ imageDigest: v2, imageTag: 'v2' }, { imageDigest: v2, imageTag: 'latest' }, { imageDigest: v1, imageTag: 'v1' }, { imageDigest: untagged }]);
    expect(await failure(h.client.send(new ListImagesCommand({ repositoryName: 'web', nextToken: 'garbage' }))))
      .toMatchObject({ name: 'InvalidParameterException', status: 400 });
  });

  it('lists only tagged images with the TAGGED filter', async () => {
    const out = await h.client.send(new ListImagesCommand({ repositoryName: 'web', filter: { tagStatus: 'TAGGED' } }));
    expect(out.imageIds?.every((id) => id.imageTag)).toBe(true);
  });
});

describe('BatchGetImage', () => {
  it('returns the exact manifest, and failures for missing images', async () => {
    const out = await h.client.send(new BatchGetImageCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'v1' }, { imageTag: 'nope' }, {}] }));
    expect(out.images).toEqual([{ registryId: ACCOUNT, repositoryName: 'web', imageId: { imageDigest: v1, imageTag: 'v1' }, imageManifest: await manifestOf('web', v1), imageManifestMediaType: DOCKER_MANIFEST }]);
    expect(out.failures).toEqual([
      { imageId: { imageTag: 'nope' }, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' },
      { imageId: {}, failureCode: 'MissingDigestAndTag', failureReason: 'Invalid request parameters: both tag and digest cannot be null' },
    ]);
  });
});

describe('scans', () => {
  it('has no scan until one is started', async () => {
    expect(await failure(h.client.send(new DescribeImageScanFindingsCommand({ repositoryName: 'web', imageId: { imageTag: 'v1' } })))).toEqual({
      name: 'ScanNotFoundException', status: 400,
      message: `Image scan does not exist for the image with '{imageDigest:'null', imageTag:'v1'}' in the repository with name 'web' in the registry with id '${ACCOUNT}'`,
    });
    expect(await failure(h.client.send(new StartImageScanCommand({ repositoryName: 'web', imageId: { imageTag: 'nope' } }))))
      .toMatchObject({ name: 'ImageNotFoundException', status: 400 });
  });

  it('is IN_PROGRESS, then COMPLETE with findings marked SIMULATED', async () => {
    const started = await h.client.send(new StartImageScanCommand({ repositoryName: 'web', imageId: { imageTag: 'v1' } }));
    expect(started).toMatchObject({ registryId: ACCOUNT, repositoryName: 'web', imageId: { imageDigest: v1, imageTag: 'v1' }, imageScanStatus: { status: 'IN_PROGRESS' } });
    // Real time passing the scan window must not finish it: only the local clock counts.
    await sleep(SCAN_DURATION_MS + 30);
    const pending = await h.client.send(new DescribeImageScanFindingsCommand({ repositoryName: 'web', imageId: { imageTag: 'v1' } }));
    expect(pending.imageScanStatus?.status).toBe('IN_PROGRESS');
    h.ecr.context.clock.advance(SCAN_DURATION_MS - 1);
    const almost = await h.client.send(new DescribeImageScanFindingsCommand({ repositoryName: 'web', imageId: { imageTag: 'v1' } }));
    expect(almost.imageScanStatus?.status).toBe('IN_PROGRESS');
    h.ecr.context.clock.advance(3000 - (SCAN_DURATION_MS - 1));
    try {
      const done = await h.client.send(new DescribeImageScanFindingsCommand({ repositoryName: 'web', imageId: { imageDigest: v1 } }));
      expect(done.imageScanStatus).toEqual({ status: 'COMPLETE', description: 'The scan was completed successfully.' });
      const findings = done.imageScanFindings?.findings ?? [];
      for (const f of findings) expect(f.description).toContain('SIMULATED');
      const counts = done.imageScanFindings?.findingSeverityCounts ?? {};
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(findings.length);
      const image = await h.client.send(new DescribeImagesCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'v1' }] }));
      expect(image.imageDetails?.[0].imageScanStatus?.status).toBe('COMPLETE');
      expect(image.imageDetails?.[0].imageScanFindingsSummary?.findingSeverityCounts).toEqual(counts);
      expect(await failure(h.client.send(new StartImageScanCommand({ repositoryName: 'web', imageId: { imageTag: 'v1' } })))).toEqual({
        name: 'LimitExceededException', status: 400, message: 'The scan quota per image has been exceeded. Wait and try again.',
      });
    } finally {
      h.ecr.context.clock.advance(-3000);
    }
  });

  it('finds everything in an image labelled vulnerable, and pages the findings', async () => {
    await h.pushImage('web', 'bad', 'bad', { 'ecr-lab.scan': 'vulnerable' });
    await h.client.send(new StartImageScanCommand({ repositoryName: 'web', imageId: { imageTag: 'bad' } }));
    h.ecr.context.clock.advance(3000);
    try {
      const page1 = await h.client.send(new DescribeImageScanFindingsCommand({ repositoryName: 'web', imageId: { imageTag: 'bad' }, maxResults: 5 }));
      expect(page1.imageScanFindings?.findings).toHaveLength(5);
      expect(page1.imageScanFindings?.findings?.[0]).toMatchObject({ severity: 'CRITICAL' });
      expect(page1.imageScanFindings?.findings?.[0].attributes).toContainEqual({ key: 'simulated', value: 'true (ecr-lab local ECR)' });
      const page2 = await h.client.send(new DescribeImageScanFindingsCommand({ repositoryName: 'web', imageId: { imageTag: 'bad' }, maxResults: 5, nextToken: page1.nextToken }));
      expect(page2.imageScanFindings?.findings?.length).toBeGreaterThan(0);
      expect(page2.nextToken).toBeUndefined();
    } finally {
      h.ecr.context.clock.advance(-3000);
    }
  });
});

describe('BatchDeleteImage', () => {
  it('removes a tag, then an image by digest, and reports failures with HTTP 200', async () => {
    const out = await h.client.send(new BatchDeleteImageCommand({ repositoryName: 'web', imageIds: [{ imageTag: 'latest' }, { imageTag: 'nope' }] }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.imageIds).toEqual([{ imageDigest: v2, imageTag: 'latest' }]);
    expect(out.failures).toEqual([{ imageId: { imageTag: 'nope' }, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' }]);
    const byDigest = await h.client.send(new BatchDeleteImageCommand({ repositoryName: 'web', imageIds: [{ imageDigest: v2 }] }));
    expect(byDigest.imageIds).toEqual([{ imageDigest: v2, imageTag: 'v2' }]);
    const left = await h.client.send(new ListImagesCommand({ repositoryName: 'web' }));
    expect(left.imageIds?.some((id) => id.imageDigest === v2)).toBe(false);
  });
});

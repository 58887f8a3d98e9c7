// The layer API through the real SDK: a push by Initiate/UploadLayerPart/Complete + PutImage,
// uploads shared with the registry, and the download URL that serves the layer's bytes.
import {
  BatchCheckLayerAvailabilityCommand, CompleteLayerUploadCommand, CreateRepositoryCommand, GetDownloadUrlForLayerCommand,
  InitiateLayerUploadCommand, PutImageCommand, UploadLayerPartCommand, type ECRClient,
} from '@aws-sdk/client-ecr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, CONFIG_TYPE, DOCKER_MANIFEST, failure, LEARNER, sha256, startControlHarness, type ControlHarness } from './control-helpers.js';

const LAYER_TYPE = 'application/vnd.docker.image.rootfs.diff.tar.gzip';
const MiB = 1024 * 1024;
let h: ControlHarness;
let ecr: ECRClient;

beforeAll(async () => {
  h = await startControlHarness();
  ecr = h.client;
  await ecr.send(new CreateRepositoryCommand({ repositoryName: 'team/layers' }));
  await ecr.send(new CreateRepositoryCommand({ repositoryName: 'other' }));
});
afterAll(async () => { await h.close(); });

/** Uploads `bytes` in parts of `partSize` through the API; returns the upload id. */
async function uploadParts(repositoryName: string, bytes: Buffer, partSize = bytes.length): Promise<string> {
  const { uploadId } = await ecr.send(new InitiateLayerUploadCommand({ repositoryName }));
  for (let first = 0; first < bytes.length; first += partSize) {
    const part = bytes.subarray(first, first + partSize);
    const out = await ecr.send(new UploadLayerPartCommand({ repositoryName, uploadId, partFirstByte: first, partLastByte: first + part.length - 1, layerPartBlob: part }));
    expect(out).toMatchObject({ registryId: ACCOUNT, repositoryName, uploadId, lastByteReceived: first + part.length - 1 });
  }
  return uploadId as string;
}

async function pushLayer(repositoryName: string, bytes: Buffer): Promise<string> {
  const uploadId = await uploadParts(repositoryName, bytes);
  const out = await ecr.send(new CompleteLayerUploadCommand({ repositoryName, uploadId, layerDigests: [sha256(bytes)] }));
  expect(out).toMatchObject({ registryId: ACCOUNT, repositoryName, uploadId, layerDigest: sha256(bytes) });
  return sha256(bytes);
}

describe('a push with the layer API alone', () => {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }));
  const layer = Buffer.from('layer bytes '.repeat(300));

  it('initiates with ECR\'s part size, uploads, completes, then PutImage and a download URL that serves the bytes', async () => {
    expect(await ecr.send(new InitiateLayerUploadCommand({ repositoryName: 'team/layers' }))).toMatchObject({ partSize: 10_485_760, uploadId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const configDigest = await pushLayer('team/layers', config);
    const layerDigest = await pushLayer('team/layers', layer);
    const check = await ecr.send(new BatchCheckLayerAvailabilityCommand({ repositoryName: 'team/layers', layerDigests: [layerDigest] }));
    expect(check.layers).toEqual([{ layerDigest, layerAvailability: 'AVAILABLE', layerSize: layer.length }]);

    // Uploaded but in no image yet: ECR gives no URL for it.
    expect(await failure(ecr.send(new GetDownloadUrlForLayerCommand({ repositoryName: 'team/layers', layerDigest })))).toMatchObject({ name: 'LayerInaccessibleException', status: 400 });

    const imageManifest = JSON.stringify({
      schemaVersion: 2, mediaType: DOCKER_MANIFEST,
      config: { mediaType: CONFIG_TYPE, size: config.length, digest: configDigest },
      layers: [{ mediaType: LAYER_TYPE, size: layer.length, digest: layerDigest }],
    });
    await ecr.send(new PutImageCommand({ repositoryName: 'team/layers', imageTag: 'v1', imageManifest }));
    const again = await ecr.send(new BatchCheckLayerAvailabilityCommand({ repositoryName: 'team/layers', layerDigests: [layerDigest, configDigest] }));
    expect(again.layers).toEqual([
      { layerDigest, layerAvailability: 'AVAILABLE', layerSize: layer.length, mediaType: LAYER_TYPE },
      { layerDigest: configDigest, layerAvailability: 'AVAILABLE', layerSize: config.length, mediaType: CONFIG_TYPE },
    ]);

    const { downloadUrl, layerDigest: echoed } = await ecr.send(new GetDownloadUrlForLayerCommand({ repositoryName: 'team/layers', layerDigest }));
    expect(echoed).toBe(layerDigest);
    expect(downloadUrl).toMatch(/X-Amz-Expires=3600/);
    const res = await fetch(downloadUrl as string);
    expect(res.status).toBe(200);
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(layerDigest);
  });
});

describe('the download URL', () => {
  let url: URL;

  beforeAll(async () => {
    const digest = await h.pushImage('other', 'u1', 'download-url');
    const manifest = JSON.parse((await h.store.readManifest('other', digest))?.toString('utf8') ?? '{}') as { layers: { digest: string }[] };
    const out = await ecr.send(new GetDownloadUrlForLayerCommand({ repositoryName: 'other', layerDigest: manifest.layers[0]?.digest }));
    url = new URL(out.downloadUrl as string);
  });

  it('serves byte ranges as S3 does: 206 with Content-Range, 416 InvalidRange past the end', async () => {
    const whole = Buffer.from(await (await fetch(url)).arrayBuffer());
    const part = await fetch(url, { headers: { range: 'bytes=2-9' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 2-9/${whole.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(whole.subarray(2, 10));
    const tail = await fetch(url, { headers: { range: 'bytes=-4' } });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(whole.subarray(whole.length - 4));
    const past = await fetch(url, { headers: { range: `bytes=${whole.length}-` } });
    expect(past.status).toBe(416);
    expect(await past.text()).toContain('<Code>InvalidRange</Code>');
  });

  it('answers a tampered signature as S3 does', async () => {
    const bad = new URL(url);
    bad.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    const res = await fetch(bad);
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/<Error><Code>SignatureDoesNotMatch<\/Code><Message>The request signature we calculated does not match the signature you provided\. Check your key and signing method\.<\/Message>/);
  });

  it('answers a path changed to another layer as a bad signature', async () => {
    const other = new URL(url);
    other.pathname = other.pathname.replace(/[0-9a-f]{4}$/, 'abcd');
    expect((await fetch(other)).status).toBe(403);
  });

  it('expires after an hour on the local clock: AccessDenied, Request has expired', async () => {
    expect((await fetch(url)).status).toBe(200);
    h.ecr.context.clock.advance(3601 * 1000);
    const res = await fetch(url);
    h.ecr.context.clock.advance(-3601 * 1000);
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/<Error><Code>AccessDenied<\/Code><Message>Request has expired<\/Message><X-Amz-Expires>3600<\/X-Amz-Expires>/);
  });
});

describe('uploads are shared with the registry', () => {
  const ctx = () => h.ecr.context;
  const basic = () => `Basic ${ctx().tokens.issue(LEARNER.accessKeyId, ctx().config.region, ACCOUNT, ctx().clock.now()).authorizationToken}`;
  const registry = (path: string, init: RequestInit) => fetch(`http://${h.ecr.registryHost}${path}`, { ...init, headers: { authorization: basic(), ...init.headers } });

  it('a layer started with InitiateLayerUpload is finished by PATCH and PUT on /v2/', async () => {
    const head = Buffer.from('started with the API, ');
    const tail = Buffer.from('finished over the registry');
    const uploadId = await uploadParts('team/layers', head);
    const patched = await registry(`/v2/team/layers/blobs/uploads/${uploadId}`, { method: 'PATCH', body: tail });
    expect([patched.status, patched.headers.get('range')]).toEqual([202, `0-${head.length + tail.length - 1}`]);
    const digest = sha256(Buffer.concat([head, tail]));
    const put = await registry(`/v2/team/layers/blobs/uploads/${uploadId}?digest=${encodeURIComponent(digest)}`, { method: 'PUT' });
    expect(put.status).toBe(201);
    const check = await ecr.send(new BatchCheckLayerAvailabilityCommand({ repositoryName: 'team/layers', layerDigests: [digest] }));
    expect(check.layers?.[0]).toMatchObject({ layerDigest: digest, layerAvailability: 'AVAILABLE', layerSize: head.length + tail.length });
  });

  it('an upload started with POST on /v2/ takes UploadLayerPart and CompleteLayerUpload', async () => {
    const started = await registry('/v2/team/layers/blobs/uploads/', { method: 'POST' });
    const uploadId = started.headers.get('docker-upload-uuid') as string;
    const bytes = Buffer.from('started over the registry');
    await ecr.send(new UploadLayerPartCommand({ repositoryName: 'team/layers', uploadId, partFirstByte: 0, partLastByte: bytes.length - 1, layerPartBlob: bytes }));
    const out = await ecr.send(new CompleteLayerUploadCommand({ repositoryName: 'team/layers', uploadId, layerDigests: [sha256(bytes)] }));
    expect(out.layerDigest).toBe(sha256(bytes));
  });
});

describe('layer API errors', () => {
  it('UploadLayerPart: a part that does not start where the upload ends', async () => {
    const uploadId = await uploadParts('team/layers', Buffer.from('0123456789'));
    const e = await ecr.send(new UploadLayerPartCommand({ repositoryName: 'team/layers', uploadId, partFirstByte: 0, partLastByte: 3, layerPartBlob: Buffer.from('abcd') })).catch((err: unknown) => err);
    expect(e).toMatchObject({
      name: 'InvalidLayerPartException', message: 'First byte of the layer part is 0 instead of 10',
      registryId: ACCOUNT, repositoryName: 'team/layers', uploadId, lastValidByteReceived: 9,
    });
  });

  it('CompleteLayerUpload: empty, wrong digest, already there, unknown upload, other repository', async () => {
    const { uploadId: empty } = await ecr.send(new InitiateLayerUploadCommand({ repositoryName: 'team/layers' }));
    expect(await failure(ecr.send(new CompleteLayerUploadCommand({ repositoryName: 'team/layers', uploadId: empty, layerDigests: [sha256('x')] })))).toEqual({
      name: 'EmptyUploadException', status: 400,
      message: `The upload with id '${empty}' in the repository with name 'team/layers' in registry with id '${ACCOUNT}' cannot be completed because it does not have any parts.`,
    });
    const bytes = Buffer.from('some layer');
    const uploadId = await uploadParts('team/layers', bytes);
    expect(await failure(ecr.send(new CompleteLayerUploadCommand({ repositoryName: 'team/layers', uploadId, layerDigests: [sha256('other')] }))))
      .toMatchObject({ name: 'InvalidLayerException', status: 400 });
    expect(await failure(ecr.send(new CompleteLayerUploadCommand({ repositoryName: 'other', uploadId, layerDigests: [sha256(bytes)] }))))
      .toMatchObject({ name: 'UploadNotFoundException', status: 400 });
    await ecr.send(new CompleteLayerUploadCommand({ repositoryName: 'team/layers', uploadId, layerDigests: [sha256(bytes)] }));
    expect(await failure(ecr.send(new CompleteLayerUploadCommand({ repositoryName: 'team/layers', uploadId, layerDigests: [sha256(bytes)] }))))
      .toMatchObject({ name: 'UploadNotFoundException', status: 400 });
    const twice = await uploadParts('team/layers', bytes);
    expect(await failure(ecr.send(new CompleteLayerUploadCommand({ repositoryName: 'team/layers', uploadId: twice, layerDigests: [sha256(bytes)] })))).toEqual({
      name: 'LayerAlreadyExistsException', status: 400,
      message: `The layer with digest '${sha256(bytes)}' already exists in the repository with name 'team/layers' in registry with id '${ACCOUNT}'`,
    });
  });

  it('CompleteLayerUpload: a part below 5 MiB that is not the last is LayerPartTooSmall; 5 MiB parts are fine', async () => {
    const bytes = Buffer.alloc(6 * MiB, 7);
    const small = await uploadParts('team/layers', bytes, MiB);
    expect(await failure(ecr.send(new CompleteLayerUploadCommand({ repositoryName: 'team/layers', uploadId: small, layerDigests: [sha256(bytes)] }))))
      .toMatchObject({ name: 'LayerPartTooSmallException', status: 400 });
    const fine = await uploadParts('team/layers', bytes, 5 * MiB);
    await ecr.send(new CompleteLayerUploadCommand({ repositoryName: 'team/layers', uploadId: fine, layerDigests: [sha256(bytes)] }));
  });

  it('GetDownloadUrlForLayer: a layer the repository does not have', async () => {
    expect(await failure(ecr.send(new GetDownloadUrlForLayerCommand({ repositoryName: 'team/layers', layerDigest: sha256('nope') })))).toMatchObject({ name: 'LayersNotFoundException', status: 400 });
  });

  it('BatchCheckLayerAvailability: missing and invalid digests are failures, not errors', async () => {
    const out = await ecr.send(new BatchCheckLayerAvailabilityCommand({ repositoryName: 'team/layers', layerDigests: [sha256('nope'), 'not-a-digest'] }));
    expect(out.layers).toEqual([]);
    expect(out.failures?.map((f) => [f.layerDigest, f.failureCode])).toEqual([[sha256('nope'), 'MissingLayerDigest'], ['not-a-digest', 'InvalidLayerDigest']]);
  });
});

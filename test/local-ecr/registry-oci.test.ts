// OCI Distribution 1.1 as ECR serves it: manifest DELETE, the referrers API (OCI-Subject,
// artifactType filter), the 401 challenge for missing or empty credentials, upload and blob
// ranges, and the rules for cross-repository mounts (BLOB_MOUNTING, read access to `from`).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultIdentity, EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY, type Identity } from '../../src/local-ecr/config.js';
import { startLocalEcr, type LocalEcr } from '../../src/local-ecr/server.js';
import { chunked, errorsBody } from './registry-helpers.js';
import { DOCKER_MANIFEST, pushImage, putBlob, repoRecord, sha256 } from './store-helpers.js';

const ACCOUNT = '123456789012';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const EMPTY_TYPE = 'application/vnd.oci.empty.v1+json';
const SBOM = 'application/spdx+json';
const NOTATION = 'application/vnd.cncf.notary.signature';
const EMPTY = Buffer.from('{}');

/** May push anywhere but read nothing: a mount from another repository must not happen for it. */
const PUSHER_KEY = 'AKIAPUSHONLYEXAMPLE1';
const pusher: Identity = {
  accessKeyId: PUSHER_KEY, secretAccessKey: 'pusher-secret', arn: `arn:aws:iam::${ACCOUNT}:user/pusher`,
  userId: 'AIDAPUSHONLYEXAMPLE1', account: ACCOUNT,
  allow: ['ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:BatchCheckLayerAvailability', 'ecr:PutImage'],
};

let dir: string;
let ecr: LocalEcr;

function auth(key = EXAMPLE_ACCESS_KEY_ID): string {
  const { tokens, config, clock } = ecr.context;
  return `Basic ${tokens.issue(key, config.region, config.account, clock.now()).authorizationToken}`;
}

/** fetch against the registry as the learner unless `auth` is given ('' = no header). */
function call(path: string, init: RequestInit & { auth?: string } = {}): Promise<Response> {
  const { auth: given, headers, ...rest } = init;
  const all = new Headers(headers);
  const authorization = given ?? auth();
  if (authorization) all.set('authorization', authorization);
  return fetch(`http://${ecr.registryHost}${path}`, { ...rest, headers: all });
}

async function expectError(res: Response, status: number, code: string, message: string): Promise<void> {
  expect(res.status).toBe(status);
  expect(await res.json()).toEqual(errorsBody(code, message));
}

/** An OCI artifact manifest (empty config) whose subject is `subject`; returns bytes and digest. */
function artifact(subject: string, artifactType: string, annotations?: Record<string, string>): { bytes: Buffer<ArrayBuffer>; digest: string; layer: Buffer } {
  const layer = Buffer.from(`payload of ${artifactType} for ${subject}`);
  const bytes = Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: OCI_MANIFEST, artifactType,
    config: { mediaType: EMPTY_TYPE, digest: sha256(EMPTY), size: 2 },
    layers: [{ mediaType: 'application/octet-stream', digest: sha256(layer), size: layer.length }],
    subject: { mediaType: DOCKER_MANIFEST, digest: subject, size: 100 },
    ...(annotations ? { annotations } : {}),
  }));
  return { bytes, digest: sha256(bytes), layer };
}

async function pushArtifact(repo: string, subject: string, artifactType: string, annotations?: Record<string, string>): Promise<{ res: Response; digest: string }> {
  const made = artifact(subject, artifactType, annotations);
  await putBlob(ecr.context.store, repo, EMPTY);
  await putBlob(ecr.context.store, repo, made.layer);
  const res = await call(`/v2/${repo}/manifests/${made.digest}`, { method: 'PUT', body: made.bytes, headers: { 'content-type': OCI_MANIFEST } });
  return { res, digest: made.digest };
}

function setMounting(value: 'ENABLED' | 'DISABLED'): Promise<unknown> {
  return ecr.context.registry.update<Record<string, string>>('accountSettings', (c) => ({ ...c, BLOB_MOUNTING: value }));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-oci-'));
  ecr = await startLocalEcr({ dataDir: dir, account: ACCOUNT, region: 'us-east-1', identities: [defaultIdentity(ACCOUNT), pusher] });
  for (const name of ['team/app', 'signed', 'source', 'target']) await ecr.context.store.putRepository(repoRecord(name));
});
afterAll(async () => {
  await ecr.close();
  await rm(dir, { recursive: true, force: true });
});

describe('manifest DELETE', () => {
  it('deletes by digest with 202; the tags and DescribeImages follow', async () => {
    const digest = await pushImage(ecr.context.store, 'team/app', 'gone', 'delete-me');
    const res = await call(`/v2/team/app/manifests/${digest}`, { method: 'DELETE' });
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    expect((await call(`/v2/team/app/manifests/${digest}`)).status).toBe(404);
    await expectError(await call('/v2/team/app/manifests/gone'), 404, 'MANIFEST_UNKNOWN', 'Requested image not found');
    expect((await (await call('/v2/team/app/tags/list')).json()).tags).not.toContain('gone');
    const client = new ECRClient({ endpoint: ecr.endpoint, region: 'us-east-1', maxAttempts: 1,
      credentials: { accessKeyId: EXAMPLE_ACCESS_KEY_ID, secretAccessKey: EXAMPLE_SECRET_ACCESS_KEY } });
    const described = await client.send(new DescribeImagesCommand({ repositoryName: 'team/app' }));
    expect(described.imageDetails?.map((d) => d.imageDigest)).not.toContain(digest);
  });

  it('refuses a tag (405 UNSUPPORTED), an unknown digest (404), a bad digest (400), a missing repository', async () => {
    await pushImage(ecr.context.store, 'team/app', 'kept', 'keep-me');
    await expectError(await call('/v2/team/app/manifests/kept', { method: 'DELETE' }), 405, 'UNSUPPORTED', 'The operation is unsupported.');
    expect((await call('/v2/team/app/manifests/kept')).status).toBe(200);
    await expectError(await call(`/v2/team/app/manifests/${sha256('nothing')}`, { method: 'DELETE' }), 404, 'MANIFEST_UNKNOWN', 'Requested image not found');
    expect((await call('/v2/team/app/manifests/sha256:xyz', { method: 'DELETE' })).status).toBe(400);
    await expectError(await call(`/v2/nosuch/manifests/${sha256('x')}`, { method: 'DELETE' }), 404, 'NAME_UNKNOWN',
      "The repository with name 'nosuch' does not exist in the registry with id '123456789012'");
  });

  it('needs ecr:BatchDeleteImage', async () => {
    const digest = await pushImage(ecr.context.store, 'team/app', 'protected', 'protected');
    await expectError(await call(`/v2/team/app/manifests/${digest}`, { method: 'DELETE', auth: auth(PUSHER_KEY) }), 403, 'DENIED',
      'User: arn:aws:iam::123456789012:user/pusher is not authorized to perform: ecr:BatchDeleteImage on resource: '
      + 'arn:aws:ecr:us-east-1:123456789012:repository/team/app because no identity-based policy allows the ecr:BatchDeleteImage action');
    expect(ecr.context.store.getImage('team/app', digest)).toBeDefined();
  });

  it('answers blob DELETE with 405 UNSUPPORTED (ECR deletes layers itself)', async () => {
    const blob = await putBlob(ecr.context.store, 'team/app', Buffer.from('a layer to keep'));
    await expectError(await call(`/v2/team/app/blobs/${blob}`, { method: 'DELETE' }), 405, 'UNSUPPORTED', 'The operation is unsupported.');
    expect((await call(`/v2/team/app/blobs/${blob}`, { method: 'HEAD' })).status).toBe(200);
  });
});

describe('referrers', () => {
  let subject: string;
  let sbom: string;
  let signature: string;

  beforeAll(async () => {
    subject = await pushImage(ecr.context.store, 'signed', 'v1', 'subject');
  });

  it('answers a PUT whose manifest has a subject with OCI-Subject', async () => {
    const pushed = await pushArtifact('signed', subject, SBOM, { 'org.example.sbom.format': 'json' });
    expect(pushed.res.status).toBe(201);
    expect(pushed.res.headers.get('oci-subject')).toBe(subject);
    sbom = pushed.digest;
    const plain = await pushImage(ecr.context.store, 'signed', 'v2', 'no-subject');
    const head = await call(`/v2/signed/manifests/${plain}`, { method: 'HEAD' });
    expect(head.headers.get('oci-subject')).toBeNull();
  });

  it('lists referrers as an OCI image index, and filters by artifactType', async () => {
    signature = (await pushArtifact('signed', subject, NOTATION, { 'io.cncf.notary.x509chain.thumbprint#S256': '["abc"]' })).digest;
    const res = await call(`/v2/signed/referrers/${subject}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(OCI_INDEX);
    expect(res.headers.get('oci-filters-applied')).toBeNull();
    const index = await res.json() as { schemaVersion: number; mediaType: string; manifests: { digest: string }[] };
    expect(index).toMatchObject({ schemaVersion: 2, mediaType: OCI_INDEX });
    const size = ecr.context.store.getImage('signed', sbom)?.manifestSize;
    expect(index.manifests).toContainEqual({
      mediaType: OCI_MANIFEST, digest: sbom, size, artifactType: SBOM, annotations: { 'org.example.sbom.format': 'json' },
    });
    expect(index.manifests.map((m) => m.digest).sort()).toEqual([sbom, signature].sort());
    const filtered = await call(`/v2/signed/referrers/${subject}?artifactType=${encodeURIComponent(NOTATION)}`);
    expect(filtered.headers.get('oci-filters-applied')).toBe('artifactType');
    expect((await filtered.json()).manifests.map((m: { digest: string }) => m.digest)).toEqual([signature]);
  });

  it('takes the config media type as artifactType when the manifest has none, and lists an index with subject', async () => {
    const config = Buffer.from('{"kind":"attestation"}');
    await putBlob(ecr.context.store, 'signed', config);
    const image = Buffer.from(JSON.stringify({
      schemaVersion: 2, mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.example.attestation.v1+json', digest: sha256(config), size: config.length },
      layers: [], subject: { mediaType: DOCKER_MANIFEST, digest: subject, size: 1 },
    }));
    expect((await call(`/v2/signed/manifests/${sha256(image)}`, { method: 'PUT', body: image, headers: { 'content-type': OCI_MANIFEST } })).status).toBe(201);
    const index = Buffer.from(JSON.stringify({
      schemaVersion: 2, mediaType: OCI_INDEX, manifests: [{ mediaType: OCI_MANIFEST, digest: sha256(image), size: image.length }],
      subject: { mediaType: DOCKER_MANIFEST, digest: subject, size: 1 },
    }));
    const put = await call('/v2/signed/manifests/bundle', { method: 'PUT', body: index, headers: { 'content-type': OCI_INDEX } });
    expect(put.headers.get('oci-subject')).toBe(subject);
    const listed = (await (await call(`/v2/signed/referrers/${subject}`)).json()).manifests as Record<string, unknown>[];
    expect(listed).toContainEqual({ mediaType: OCI_MANIFEST, digest: sha256(image), size: image.length, artifactType: 'application/vnd.example.attestation.v1+json' });
    expect(listed).toContainEqual({ mediaType: OCI_INDEX, digest: sha256(index), size: index.length });
  });

  it('accepts a referrer whose subject does not exist yet, and never answers 404 for a subject', async () => {
    const missing = sha256('not pushed yet');
    const early = await pushArtifact('signed', missing, SBOM);
    expect(early.res.status).toBe(201);
    expect((await (await call(`/v2/signed/referrers/${missing}`)).json()).manifests.map((m: { digest: string }) => m.digest)).toEqual([early.digest]);
    const none = await call(`/v2/signed/referrers/${sha256('nobody refers to me')}`);
    expect(none.status).toBe(200);
    expect(await none.json()).toEqual({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] });
  });

  it('refuses a malformed digest (400) and needs ecr:BatchGetImage', async () => {
    expect((await call('/v2/signed/referrers/sha256:nothex')).status).toBe(400);
    const denied = await call(`/v2/signed/referrers/${subject}`, { auth: auth(PUSHER_KEY) });
    expect(denied.status).toBe(403);
    expect((await denied.json()).errors[0].message).toContain('ecr:BatchGetImage');
  });
});

describe('credentials', () => {
  const CHALLENGE = () => `Basic realm="https://${ecr.registryHost}/",service="ecr.amazonaws.com"`;

  it('challenges no header and empty Basic credentials (podman\'s `Basic Og==`) alike', async () => {
    for (const given of ['', 'Basic Og==', 'Basic ']) {
      for (const path of ['/v2/', '/v2/team/app/manifests/kept']) {
        const res = await call(path, { auth: given });
        expect(res.status, `${given} ${path}`).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe(CHALLENGE());
        expect(await res.text()).toBe('Not Authorized\n');
      }
    }
  });

  it('still refuses `AWS:` with an empty password as an invalid token, not a challenge', async () => {
    const res = await call('/v2/', { auth: `Basic ${Buffer.from('AWS:').toString('base64')}` });
    await expectError(res, 400, 'DENIED', 'Your Authorization Token is invalid.');
  });
});

describe('ranges', () => {
  async function startUpload(): Promise<string> {
    const res = await call('/v2/team/app/blobs/uploads/', { method: 'POST' });
    return res.headers.get('location') as string;
  }

  it('refuses an unparsable Content-Range with 400 and an end before the start with 416', async () => {
    const location = await startUpload();
    await expectError(await call(location, { method: 'PATCH', body: 'abcd', headers: { 'content-range': 'bytes=0-3' } }), 400,
      'BLOB_UPLOAD_INVALID', "The Content-Range header 'bytes=0-3' is not a valid byte range");
    expect((await call(location, { method: 'PATCH', body: 'abcd', headers: { 'content-range': '3-0' } })).status).toBe(416);
    await expectError(await call(location, { method: 'PATCH', body: 'abcd', headers: { 'content-range': '5-8' } }), 416,
      'BLOB_UPLOAD_INVALID', 'First byte of the layer part is 5 instead of 0');
  });

  it('refuses a part whose body length disagrees with its Content-Range, keeping nothing of it', async () => {
    const location = await startUpload();
    await expectError(await call(location, { method: 'PATCH', body: 'abcd', headers: { 'content-range': '0-9' } }), 400,
      'SIZE_INVALID', 'provided length did not match content length');
    // Chunked: no Content-Length, so the body is counted as it arrives.
    const long = await call(location, { method: 'PATCH', ...chunked(Buffer.from('0123456789abcdef')), headers: { 'content-range': '0-9' } });
    await expectError(long, 400, 'SIZE_INVALID', 'provided length did not match content length');
    const short = await call(location, { method: 'PATCH', ...chunked(Buffer.from('0123')), headers: { 'content-range': '0-9' } });
    expect(short.status).toBe(400);
    const status = await call(location);
    expect(status.status).toBe(204);
    expect(status.headers.get('range')).toBe('0-0');
    const ok = await call(location, { method: 'PATCH', ...chunked(Buffer.from('0123456789')), headers: { 'content-range': '0-9' } });
    expect(ok.status).toBe(202);
    expect(ok.headers.get('range')).toBe('0-9');
  });

  it('serves byte ranges of a blob, and 416 with `bytes */<size>` past its end', async () => {
    const blob = await putBlob(ecr.context.store, 'team/app', Buffer.from('0123456789'));
    const part = await call(`/v2/team/app/blobs/${blob}`, { headers: { range: 'bytes=2-4' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 2-4/10');
    expect(await part.text()).toBe('234');
    const tail = await call(`/v2/team/app/blobs/${blob}`, { headers: { range: 'bytes=-3' } });
    expect(await tail.text()).toBe('789');
    const past = await call(`/v2/team/app/blobs/${blob}`, { headers: { range: 'bytes=10-' } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe('bytes */10');
    const unreadable = await call(`/v2/team/app/blobs/${blob}`, { headers: { range: 'pages=1-2' } });
    expect(unreadable.status).toBe(200);
    expect(await unreadable.text()).toBe('0123456789');
  });
});

describe('cross-repository mounts', () => {
  let layer: string;

  beforeAll(async () => {
    await pushImage(ecr.context.store, 'source', 'v1', 'mount-source');
    layer = sha256(Buffer.from(`${'layer bytes of mount-source '.repeat(100)}`));
  });

  async function mount(key?: string): Promise<Response> {
    return call(`/v2/target/blobs/uploads/?mount=${layer}&from=source`, { method: 'POST', ...(key ? { auth: auth(key) } : {}) });
  }

  it('starts a normal upload (202) while BLOB_MOUNTING is DISABLED, the default', async () => {
    const res = await mount();
    expect(res.status).toBe(202);
    expect(res.headers.get('docker-upload-uuid')).toBeTruthy();
    expect((await call(`/v2/target/blobs/${layer}`, { method: 'HEAD' })).status).toBe(404);
  });

  it('does not mount for a caller who may not read the source repository', async () => {
    await setMounting('ENABLED');
    expect((await mount(PUSHER_KEY)).status).toBe(202);
  });

  it('does not mount when the source repository\'s policy explicitly denies the caller', async () => {
    const { store } = ecr.context;
    const record = store.getRepository('source');
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{
      Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/learner` }, Action: 'ecr:GetDownloadUrlForLayer',
    }] });
    await store.putRepository({ ...record!, repositoryPolicy: policy });
    try {
      expect((await mount()).status).toBe(202);
    } finally {
      await store.putRepository(record!);
    }
  });

  it('mounts (201) when enabled and the caller may read the source', async () => {
    const res = await mount();
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/v2/target/blobs/${layer}`);
    expect((await call(`/v2/target/blobs/${layer}`, { method: 'HEAD' })).status).toBe(200);
  });
});

// Every registry error of ECR.md §4.3 with its exact status and body (HEAD: status only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_LIFETIME_MS } from '../../src/local-ecr/token.js';
import { chunked, errorsBody, LIMITED_KEY, NOBODY_KEY, startHarness, type Harness } from './registry-helpers.js';
import { DOCKER_MANIFEST, manifestBytes, pushImage, repoRecord, sha256 } from './store-helpers.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  const { store } = h.ecr.context;
  await store.putRepository(repoRecord('team/app'));
  await store.putRepository(repoRecord('immut', { imageTagMutability: 'IMMUTABLE' }));
  await pushImage(store, 'immut', 'v1', 'immutable');
});
afterAll(() => h.close());

async function expectError(res: Response, status: number, code: string, message: string): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(await res.json()).toEqual(errorsBody(code, message));
}

const NO_REPO = "The repository with name 'nosuch' does not exist in the registry with id '123456789012'";
const INVALID = 'Your Authorization Token is invalid.';
const EXPIRED = 'Your authorization token has expired. Reauthenticate and try again.';

function denial(action: string, repo: string): string {
  return `User: arn:aws:iam::123456789012:user/puller is not authorized to perform: ecr:${action} on resource: `
    + `arn:aws:ecr:us-east-1:123456789012:repository/${repo} because no identity-based policy allows the ecr:${action} action`;
}

describe('tokens', () => {
  it('challenges any repository path without credentials, and other schemes too', async () => {
    for (const auth of ['', 'Bearer abc']) {
      const res = await h.call('/v2/team/app/manifests/v1', { auth });
      expect(res.status).toBe(401);
      expect(await res.text()).toBe('Not Authorized\n');
    }
  });

  it('answers a bad token with 400 on /v2/ (docker login) and 403 DENIED elsewhere', async () => {
    const bad = `Basic ${Buffer.from('AWS:not-a-token').toString('base64')}`;
    await expectError(await h.call('/v2/', { auth: bad }), 400, 'DENIED', INVALID);
    await expectError(await h.call('/v2/team/app/manifests/v1', { auth: bad }), 403, 'DENIED', INVALID);
  });

  it('treats a token from another region as invalid', async () => {
    const { tokens, clock } = h.ecr.context;
    const other = tokens.issue('AKIAIOSFODNN7EXAMPLE', 'eu-west-1', '123456789012', clock.now());
    await expectError(await h.call('/v2/', { auth: `Basic ${other.authorizationToken}` }), 400, 'DENIED', INVALID);
  });

  it('says the token expired once the clock passes 12 hours', async () => {
    const auth = h.auth();
    h.ecr.context.clock.advance(TOKEN_LIFETIME_MS + 1000);
    try {
      await expectError(await h.call('/v2/team/app/manifests/v1', { auth }), 403, 'DENIED', EXPIRED);
      await expectError(await h.call('/v2/team/app/blobs/uploads/', { method: 'POST', auth }), 403, 'DENIED', EXPIRED);
    } finally {
      h.ecr.context.clock.advance(-(TOKEN_LIFETIME_MS + 1000));
    }
  });
});

describe('repositories and IAM', () => {
  it('answers NAME_UNKNOWN for a missing repository (HEAD: 404 without body)', async () => {
    await expectError(await h.call('/v2/nosuch/blobs/uploads/', { method: 'POST' }), 404, 'NAME_UNKNOWN', NO_REPO);
    await expectError(await h.call('/v2/nosuch/manifests/v1'), 404, 'NAME_UNKNOWN', NO_REPO);
    const head = await h.call(`/v2/nosuch/blobs/${sha256('x')}`, { method: 'HEAD' });
    expect(head.status).toBe(404);
    expect(await head.text()).toBe('');
  });

  it('denies InitiateLayerUpload, PutImage and BatchGetImage with AWS\'s text', async () => {
    const auth = h.auth(LIMITED_KEY);
    const post = await h.call('/v2/team/app/blobs/uploads/', { method: 'POST', auth });
    await expectError(post, 403, 'DENIED', denial('InitiateLayerUpload', 'team/app'));
    const put = await h.call('/v2/team/app/manifests/v9', { method: 'PUT', auth, body: '{}', headers: { 'content-type': DOCKER_MANIFEST } });
    await expectError(put, 403, 'DENIED', denial('PutImage', 'team/app'));
    await expectError(await h.call('/v2/team/app/manifests/v1', { auth }), 403, 'DENIED', denial('BatchGetImage', 'team/app'));
  });

  it('denies a blob HEAD without BatchCheckLayerAvailability with a bare 403', async () => {
    const auth = h.auth(NOBODY_KEY);
    const res = await h.call(`/v2/team/app/blobs/${sha256('x')}`, { method: 'HEAD', auth });
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('');
  });
});

describe('manifests', () => {
  it('refuses to overwrite a tag in an immutable repository', async () => {
    const put = await h.call('/v2/immut/manifests/v1', { method: 'PUT', body: '{}', headers: { 'content-type': DOCKER_MANIFEST } });
    await expectError(put, 400, 'TAG_INVALID',
      "The image tag 'v1' already exists in the 'immut' repository and cannot be overwritten because the repository is immutable.");
  });

  it('answers MANIFEST_UNKNOWN for a missing tag or digest (HEAD: 404 without body)', async () => {
    await expectError(await h.call('/v2/team/app/manifests/nope'), 404, 'MANIFEST_UNKNOWN', 'Requested image not found');
    await expectError(await h.call(`/v2/team/app/manifests/${sha256('none')}`), 404, 'MANIFEST_UNKNOWN', 'Requested image not found');
    const head = await h.call('/v2/team/app/manifests/nope', { method: 'HEAD' });
    expect(head.status).toBe(404);
    expect(await head.text()).toBe('');
  });

  it('answers 400 TAG_INVALID for a tag outside [a-zA-Z0-9-_.]+', async () => {
    await expectError(await h.call('/v2/team/app/manifests/v1+build'), 400, 'TAG_INVALID',
      "Invalid parameter at 'imageTag' failed to satisfy constraint: 'must satisfy regular expression '[a-zA-Z0-9-_.]+''");
    expect((await h.call('/v2/team/app/manifests/v1+build', { method: 'HEAD' })).status).toBe(400);
  });

  it('refuses a manifest whose blobs were never pushed', async () => {
    const bytes = manifestBytes(Buffer.from('{}'), [Buffer.from('never pushed')]);
    const res = await h.call('/v2/team/app/manifests/v1', { method: 'PUT', body: bytes, headers: { 'content-type': DOCKER_MANIFEST } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: [{ code: 'MANIFEST_BLOB_UNKNOWN', message: 'blob unknown to registry', detail: { digest: sha256('{}') } }] });
  });

  it('refuses a PUT by digest when the bytes hash to something else', async () => {
    const res = await h.call(`/v2/team/app/manifests/${sha256('other')}`, { method: 'PUT', body: '{}', headers: { 'content-type': DOCKER_MANIFEST } });
    await expectError(res, 400, 'DIGEST_INVALID', 'provided digest did not match uploaded content');
  });
});

describe('uploads', () => {
  it('answers 416 BLOB_UPLOAD_INVALID to a part out of order', async () => {
    const start = await h.call('/v2/team/app/blobs/uploads/', { method: 'POST' });
    const location = start.headers.get('location') as string;
    await h.call(location, { method: 'PATCH', ...chunked(Buffer.from('0123456789')) });
    const res = await h.call(location, { method: 'PATCH', body: 'again', headers: { 'content-range': '0-4' } });
    await expectError(res, 416, 'BLOB_UPLOAD_INVALID', 'First byte of the layer part is 0 instead of 10');
  });

  it('answers DIGEST_INVALID when the bytes do not match, and keeps nothing', async () => {
    const start = await h.call('/v2/team/app/blobs/uploads/', { method: 'POST' });
    const location = start.headers.get('location') as string;
    await h.call(location, { method: 'PATCH', ...chunked(Buffer.from('real bytes')) });
    const wrong = sha256('claimed bytes');
    await expectError(await h.call(`${location}?digest=${wrong}`, { method: 'PUT' }), 400, 'DIGEST_INVALID', 'provided digest did not match uploaded content');
    expect((await h.call(`/v2/team/app/blobs/${wrong}`, { method: 'HEAD' })).status).toBe(404);
  });

  it('answers BLOB_UPLOAD_UNKNOWN for an upload that does not exist', async () => {
    const res = await h.call('/v2/team/app/blobs/uploads/00000000-0000-0000-0000-000000000000', { method: 'PATCH', ...chunked(Buffer.from('x')) });
    await expectError(res, 404, 'BLOB_UPLOAD_UNKNOWN', 'blob upload unknown to registry');
  });

  it('answers BLOB_UNKNOWN with a body to GET of a missing blob', async () => {
    await expectError(await h.call(`/v2/team/app/blobs/${sha256('missing')}`), 404, 'BLOB_UNKNOWN', 'blob unknown to registry');
  });
});

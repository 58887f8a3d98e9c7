// The registry protocol as docker and skopeo use it: challenge, uploads, mounts, manifests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalEcr } from '../../src/local-ecr/server.js';
import { chunked, startHarness, type Harness } from './registry-helpers.js';
import { DOCKER_MANIFEST, manifestBytes, pushImage as pushStoredImage, repoRecord, sha256 } from './store-helpers.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  const { store } = h.ecr.context;
  await store.putRepository(repoRecord('team/app'));
  await store.putRepository(repoRecord('other'));
  await store.putRepository(repoRecord('scanned', { scanOnPush: true }));
});
afterAll(() => h.close());

/** Pushes a blob the way docker does: POST, one chunked PATCH, PUT ?digest=. */
async function pushBlob(repo: string, bytes: Buffer): Promise<string> {
  const start = await h.call(`/v2/${repo}/blobs/uploads/`, { method: 'POST' });
  const patch = await h.call(start.headers.get('location') as string, { method: 'PATCH', ...chunked(bytes) });
  const digest = sha256(bytes);
  const put = await h.call(`${patch.headers.get('location')}?digest=${encodeURIComponent(digest)}`, { method: 'PUT' });
  expect(put.status).toBe(201);
  return digest;
}

async function pushImage(repo: string, tag: string, seed: string): Promise<{ bytes: Buffer<ArrayBuffer>; digest: string }> {
  const config = Buffer.from(`{"seed":"${seed}"}`);
  const layer = Buffer.from(`layer ${seed}`);
  await pushBlob(repo, config);
  await pushBlob(repo, layer);
  const bytes = manifestBytes(config, [layer]);
  const put = await h.call(`/v2/${repo}/manifests/${tag}`, { method: 'PUT', body: bytes, headers: { 'content-type': DOCKER_MANIFEST } });
  expect(put.status).toBe(201);
  return { bytes, digest: sha256(bytes) };
}

describe('authentication', () => {
  it('challenges an unauthenticated ping with ECR\'s Basic realm', async () => {
    const res = await h.call('/v2/', { auth: '' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(`Basic realm="https://${h.ecr.registryHost}/",service="ecr.amazonaws.com"`);
    expect(res.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('Not Authorized\n');
  });

  it('answers 200 to an authenticated ping', async () => {
    const res = await h.call('/v2/');
    expect(res.status).toBe(200);
    expect(res.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
  });
});

describe('blob uploads', () => {
  it('runs docker\'s chunked flow: 202 + Range on POST and PATCH, 201 on PUT', async () => {
    const start = await h.call('/v2/team/app/blobs/uploads/', { method: 'POST' });
    expect(start.status).toBe(202);
    const id = start.headers.get('docker-upload-uuid') as string;
    expect(start.headers.get('location')).toBe(`/v2/team/app/blobs/uploads/${id}`);
    expect(start.headers.get('range')).toBe('0-0');
    const part1 = Buffer.from('first part|');
    const patch = await h.call(`/v2/team/app/blobs/uploads/${id}`, { method: 'PATCH', ...chunked(part1) });
    expect(patch.status).toBe(202);
    expect(patch.headers.get('range')).toBe(`0-${part1.length - 1}`);
    expect(patch.headers.get('docker-upload-uuid')).toBe(id);
    const part2 = Buffer.from('second part');
    const next = await h.call(`/v2/team/app/blobs/uploads/${id}`, {
      method: 'PATCH', body: part2, headers: { 'content-range': `${part1.length}-${part1.length + part2.length - 1}` },
    });
    expect(next.headers.get('range')).toBe(`0-${part1.length + part2.length - 1}`);
    const digest = sha256(Buffer.concat([part1, part2]));
    const put = await h.call(`/v2/team/app/blobs/uploads/${id}?digest=${digest}`, { method: 'PUT' });
    expect(put.status).toBe(201);
    expect(put.headers.get('location')).toBe(`/v2/team/app/blobs/${digest}`);
    expect(put.headers.get('docker-content-digest')).toBe(digest);
    const head = await h.call(`/v2/team/app/blobs/${digest}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('22');
    expect(head.headers.get('docker-content-digest')).toBe(digest);
    const get = await h.call(`/v2/team/app/blobs/${digest}`);
    expect(get.headers.get('content-type')).toBe('application/octet-stream');
    expect(await get.text()).toBe('first part|second part');
  });

  it('takes a monolithic POST ?digest= with the body, and a final body on PUT', async () => {
    const bytes = Buffer.from('all at once');
    const post = await h.call(`/v2/team/app/blobs/uploads/?digest=${sha256(bytes)}`, { method: 'POST', body: bytes });
    expect(post.status).toBe(201);
    expect(post.headers.get('docker-content-digest')).toBe(sha256(bytes));
    const start = await h.call('/v2/team/app/blobs/uploads/', { method: 'POST' });
    const tail = Buffer.from('final body');
    const put = await h.call(`${start.headers.get('location')}?digest=${sha256(tail)}`, { method: 'PUT', body: tail });
    expect(put.status).toBe(201);
    expect((await h.call(`/v2/team/app/blobs/${sha256(tail)}`, { method: 'HEAD' })).status).toBe(200);
  });

  it('cancels an upload with DELETE', async () => {
    const start = await h.call('/v2/team/app/blobs/uploads/', { method: 'POST' });
    const location = start.headers.get('location') as string;
    expect((await h.call(location, { method: 'DELETE' })).status).toBe(204);
    expect((await h.call(location, { method: 'PATCH', ...chunked(Buffer.from('x')) })).status).toBe(404);
  });

  it('scopes blobs per repository and mounts only blobs an image references', async () => {
    // Mounts happen only once the registry enables them (registry-oci.test.ts has the other rules).
    await h.ecr.context.registry.update<Record<string, string>>('accountSettings', (c) => ({ ...c, BLOB_MOUNTING: 'ENABLED' }));
    const loose = await pushBlob('team/app', Buffer.from('loose blob'));
    expect((await h.call(`/v2/other/blobs/${loose}`, { method: 'HEAD' })).status).toBe(404);
    const noMount = await h.call(`/v2/other/blobs/uploads/?mount=${loose}&from=team/app`, { method: 'POST' });
    expect(noMount.status).toBe(202);
    await pushImage('team/app', 'mountable', 'mnt');
    const layer = sha256(Buffer.from('layer mnt'));
    const mount = await h.call(`/v2/other/blobs/uploads/?mount=${layer}&from=team/app`, { method: 'POST' });
    expect(mount.status).toBe(201);
    expect(mount.headers.get('location')).toBe(`/v2/other/blobs/${layer}`);
    expect((await h.call(`/v2/other/blobs/${layer}`, { method: 'HEAD' })).status).toBe(200);
  });
});

describe('manifests', () => {
  it('stores and serves manifests byte for byte, by tag and by digest', async () => {
    const { bytes, digest } = await pushImage('team/app', 'v1', 'one');
    for (const ref of ['v1', digest]) {
      const head = await h.call(`/v2/team/app/manifests/${ref}`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-type')).toBe(DOCKER_MANIFEST);
      expect(head.headers.get('docker-content-digest')).toBe(digest);
      expect(head.headers.get('content-length')).toBe(String(bytes.length));
      const get = await h.call(`/v2/team/app/manifests/${ref}`);
      expect(Buffer.from(await get.arrayBuffer())).toEqual(bytes);
    }
  });

  it('answers PUT with 201, Location and the digest, and records pulls', async () => {
    const { digest } = await pushImage('team/app', 'v2', 'two');
    const image = () => h.ecr.context.store.getImage('team/app', digest);
    expect(image()?.lastRecordedPullTime).toBeUndefined();
    await h.call('/v2/team/app/manifests/v2');
    expect(image()?.lastRecordedPullTime).toBeGreaterThan(0);
  });

  it('moves a tag on a mutable repository, leaving the old image untagged', async () => {
    const first = await pushImage('team/app', 'moving', 'a');
    const second = await pushImage('team/app', 'moving', 'b');
    const { store } = h.ecr.context;
    expect(store.resolveTag('team/app', 'moving')).toBe(second.digest);
    expect(store.getImage('team/app', first.digest)?.tags).toEqual([]);
  });

  it('marks the scan complete on push when the repository scans on push', async () => {
    const { digest } = await pushImage('scanned', 'v1', 'scan');
    expect(h.ecr.context.store.getImage('scanned', digest)?.scan?.status).toBe('COMPLETE');
  });

  it('lists tags as ECR does (text/plain JSON)', async () => {
    await pushImage('other', 'b', 'x');
    await pushImage('other', 'a', 'y');
    const res = await h.call('/v2/other/tags/list');
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.json()).toEqual({ name: 'other', tags: ['a', 'b'] });
  });
});

describe('restarts', () => {
  it('serves the same image and accepts the same token after a restart on the same data dir', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecr-restart-'));
    try {
      const first = await startLocalEcr({ dataDir: dir });
      const { store, tokens, config, clock } = first.context;
      await store.putRepository(repoRecord('keep/me'));
      const digest = await pushStoredImage(store, 'keep/me', 'v1', 'restart');
      const auth = `Basic ${tokens.issue('AKIAIOSFODNN7EXAMPLE', config.region, config.account, clock.now()).authorizationToken}`;
      await first.close();
      const second = await startLocalEcr({ dataDir: dir });
      try {
        const res = await fetch(`http://${second.registryHost}/v2/keep/me/manifests/v1`, { headers: { authorization: auth } });
        expect(res.status).toBe(200);
        expect(res.headers.get('docker-content-digest')).toBe(digest);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('request log', () => {
  it('logs each request with status, code, caller and scheme, never the token', async () => {
    const since = h.ecr.context.log.last();
    await h.call('/v2/team/app/manifests/nope');
    const entries = h.ecr.context.log.since(since);
    expect(entries).toMatchObject([{
      method: 'GET', path: '/v2/team/app/manifests/nope', status: 404, errorCode: 'MANIFEST_UNKNOWN',
      api: 'registry', caller: 'arn:aws:iam::123456789012:user/learner', auth: 'Basic',
    }]);
    expect(JSON.stringify(entries)).not.toMatch(/QVdT|eyJwYXlsb2Fk/);
  });
});

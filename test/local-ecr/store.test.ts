// The store: verified, streamed blobs; byte-exact manifests; moving tags; restarts; concurrency.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, UploadOffsetError } from '../../src/local-ecr/store/index.js';
import type { Store } from '../../src/local-ecr/store/types.js';
import { DOCKER_MANIFEST, manifestBytes, pushImage, putBlob, repoRecord, sha256 } from './store-helpers.js';

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-store-'));
  store = await openStore(dir);
  await store.putRepository(repoRecord('team/app'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function blobFile(digest: string): string {
  const hex = digest.slice(7);
  return join(dir, 'blobs', 'sha256', hex.slice(0, 2), hex);
}

function failingStream(first: Buffer): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) { sent = true; this.push(first); } else this.destroy(new Error('connection reset'));
    },
  });
}

describe('blob uploads', () => {
  it('commits a blob under its digest once the streamed bytes hash to it', async () => {
    const bytes = Buffer.from('hello layer');
    const digest = await putBlob(store, 'team/app', bytes);
    expect(store.blobSize('team/app', digest)).toBe(bytes.length);
    expect(await readFile(blobFile(digest))).toEqual(bytes);
    expect(await readdir(join(dir, 'uploads'))).toEqual([]);
  });

  it('rejects bytes that do not match the digest and commits nothing', async () => {
    const up = await store.startUpload('team/app');
    await store.appendUpload(up.id, Readable.from([Buffer.from('actual bytes')]));
    const wrong = sha256('other bytes');
    expect(await store.completeUpload(up.id, wrong)).toEqual({ ok: false, code: 'DIGEST_INVALID' });
    expect(store.blobSize('team/app', wrong)).toBeUndefined();
    await expect(readFile(blobFile(wrong))).rejects.toThrow(/ENOENT/);
    await store.cancelUpload(up.id);
    expect(await readdir(join(dir, 'uploads'))).toEqual([]);
  });

  it('cuts a failed part back so the upload resumes from its last good size', async () => {
    const up = await store.startUpload('team/app');
    await store.appendUpload(up.id, Readable.from([Buffer.from('part one|')]));
    await expect(store.appendUpload(up.id, failingStream(Buffer.from('garbage')), 9)).rejects.toThrow('connection reset');
    expect(store.getUpload(up.id)?.size).toBe(9);
    await store.appendUpload(up.id, Readable.from([Buffer.from('part two')]), 9);
    expect(await store.completeUpload(up.id, sha256('part one|part two'))).toEqual({ ok: true });
  });

  it('refuses a part that does not start where the upload ends', async () => {
    const up = await store.startUpload('team/app');
    await store.appendUpload(up.id, Readable.from([Buffer.from('12345')]));
    const err = await store.appendUpload(up.id, Readable.from([Buffer.from('x')]), 0).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadOffsetError);
    expect((err as Error).message).toBe('First byte of the layer part is 0 instead of 5');
  });

  it('scopes blobs per repository and mounts only referenced blobs', async () => {
    await store.putRepository(repoRecord('other'));
    const loose = await putBlob(store, 'team/app', Buffer.from('not in any image'));
    expect(store.blobSize('other', loose)).toBeUndefined();
    expect(store.openBlob('other', loose)).toBeUndefined();
    expect(await store.mountBlob('other', loose, 'team/app')).toBe(false);
    await pushImage(store, 'team/app', 'v1', 'm');
    const layer = sha256(Buffer.from('layer bytes of m '.repeat(100)));
    expect(await store.mountBlob('other', layer, 'team/app')).toBe(true);
    expect(store.blobSize('other', layer)).toBe(1700);
  });
});

describe('manifests', () => {
  it('refuses a manifest whose blobs are not in the repository', async () => {
    const bytes = manifestBytes(Buffer.from('{}'), [Buffer.from('layer')]);
    const result = await store.putManifest('team/app', bytes, DOCKER_MANIFEST, 'v1', 1);
    expect(result).toEqual({ problem: { code: 'MANIFEST_BLOB_UNKNOWN', message: 'blob unknown to registry', digest: sha256('{}') } });
    expect(store.listImages('team/app')).toEqual([]);
  });

  it('stores bytes exactly, computes size and artifact type, and moves tags', async () => {
    const first = await pushImage(store, 'team/app', 'v1', 'a');
    const image = store.getImage('team/app', first);
    expect(image).toMatchObject({ manifestMediaType: DOCKER_MANIFEST, artifactMediaType: 'application/vnd.docker.container.image.v1+json', tags: ['v1'] });
    const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', seed: 'a' }));
    expect(image?.sizeInBytes).toBe(config.length + 1700);
    const bytes = await store.readManifest('team/app', first);
    expect(sha256(bytes as Buffer)).toBe(first);
    const second = await pushImage(store, 'team/app', 'v1', 'b');
    expect(store.resolveTag('team/app', 'v1')).toBe(second);
    expect(store.getImage('team/app', first)?.tags).toEqual([]);
  });

  it('accepts an OCI index over child images and sizes it as its largest child', async () => {
    const a = await pushImage(store, 'team/app', 'a', 'small');
    const b = await pushImage(store, 'team/app', 'b', 'a much longer seed');
    const sizes = [a, b].map((d) => store.getImage('team/app', d)?.sizeInBytes ?? 0);
    const index = Buffer.from(JSON.stringify({
      schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [a, b].map((digest) => ({ mediaType: DOCKER_MANIFEST, digest, size: 1 })),
    }));
    const result = await store.putManifest('team/app', index, 'application/vnd.oci.image.index.v1+json', 'multi', 2);
    expect('image' in result && result.image.sizeInBytes).toBe(Math.max(...sizes));
  });
});

describe('persistence', () => {
  it('keeps repositories, images, tags and blob links across a restart', async () => {
    const digest = await pushImage(store, 'team/app', 'v1', 'keep');
    const again = await openStore(dir);
    expect(again.getRepository('team/app')?.name).toBe('team/app');
    expect(again.resolveTag('team/app', 'v1')).toBe(digest);
    expect(sha256((await again.readManifest('team/app', digest)) as Buffer)).toBe(digest);
    expect(again.blobSize('team/app', sha256(Buffer.from('layer bytes of keep '.repeat(100))))).toBe(2000);
  });

  it('flush waits for metadata writes nobody awaited', async () => {
    for (let i = 0; i < 5; i++) void store.putRepository(repoRecord(`burst/r${i}`));
    await store.flush();
    const onDisk = JSON.parse(await readFile(join(dir, 'catalog.json'), 'utf8'));
    expect(JSON.stringify(onDisk)).toContain('burst/r4');
  });

  it('moves a corrupt catalog aside and says so', async () => {
    await writeFile(join(dir, 'catalog.json'), '{"version": 1, "repos');
    const again = await openStore(dir);
    expect(again.warning).toMatch(/kept it as .*catalog\.json\.corrupt-/);
    expect(again.listRepositories()).toEqual([]);
  });

  it('takes 20 parallel pushes of distinct images and keeps all of them', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `par/repo${i}`);
    await Promise.all(names.map((n) => store.putRepository(repoRecord(n))));
    const digests = await Promise.all(names.map((n, i) => pushImage(store, n, `t${i}`, `seed-${i}`)));
    const again = await openStore(dir);
    names.forEach((n, i) => expect(again.resolveTag(n, `t${i}`)).toBe(digests[i]));
  });
});

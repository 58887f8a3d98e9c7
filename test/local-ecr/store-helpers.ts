// Helpers for the store and registry tests: repository records, blobs, manifests.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { RepositoryRecord, Store } from '../../src/local-ecr/store/types.js';

export const CONFIG_TYPE = 'application/vnd.docker.container.image.v1+json';
export const LAYER_TYPE = 'application/vnd.docker.image.rootfs.diff.tar.gzip';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';

export function sha256(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export function repoRecord(name: string, over: Partial<RepositoryRecord> = {}): RepositoryRecord {
  return {
    name, createdAt: 1_700_000_000, imageTagMutability: 'MUTABLE', scanOnPush: false,
    encryptionType: 'AES256', tags: [], ...over,
  };
}

/** Uploads `bytes` as one blob and returns its digest. */
export async function putBlob(store: Store, repository: string, bytes: Buffer): Promise<string> {
  const digest = sha256(bytes);
  const upload = await store.startUpload(repository);
  await store.appendUpload(upload.id, Readable.from([bytes]));
  const done = await store.completeUpload(upload.id, digest);
  if (!done.ok) throw new Error(done.code);
  return digest;
}

/** A docker schema 2 manifest (exact bytes) over a config and layers already uploaded. */
export function manifestBytes(config: Buffer, layers: readonly Buffer[]): Buffer<ArrayBuffer> {
  return Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: DOCKER_MANIFEST,
    config: { mediaType: CONFIG_TYPE, size: config.length, digest: sha256(config) },
    layers: layers.map((l) => ({ mediaType: LAYER_TYPE, size: l.length, digest: sha256(l) })),
  }, null, 3));
}

/** Pushes a small image (config + one layer + manifest) with `tag`; returns the manifest digest. */
export async function pushImage(store: Store, repository: string, tag: string, seed: string): Promise<string> {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', seed }));
  const layer = Buffer.from(`layer bytes of ${seed} `.repeat(100));
  await putBlob(store, repository, config);
  await putBlob(store, repository, layer);
  const bytes = manifestBytes(config, [layer]);
  const result = await store.putManifest(repository, bytes, DOCKER_MANIFEST, tag, 1_700_000_100);
  if ('problem' in result) throw new Error(result.problem.message);
  return result.image.digest;
}

// Puts small images into a running local ECR (blobs into the store, manifest with PutImage's op).
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { LocalEcr } from '../../src/local-ecr/server.js';

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Stores a one-layer docker image under `tag` (or untagged) and returns its digest. */
export async function pushViaPutImage(ecr: LocalEcr, repository: string, tag: string | undefined, seed = tag ?? 'x'): Promise<string> {
  const store = ecr.context.store;
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', seed }));
  const layer = Buffer.from(`layer ${seed} `.repeat(40));
  for (const blob of [config, layer]) {
    const upload = await store.startUpload(repository);
    await store.appendUpload(upload.id, Readable.from([blob]));
    await store.completeUpload(upload.id, sha256(blob));
  }
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest: sha256(config) },
    layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: layer.length, digest: sha256(layer) }],
  }));
  const result = await store.putManifest(repository, manifest, 'application/vnd.docker.distribution.manifest.v2+json', tag, ecr.context.clock.now() / 1000);
  if ('problem' in result) throw new Error(result.problem.message);
  return result.image.digest;
}

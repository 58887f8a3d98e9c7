// Copies one image from a local ECR to another region's: the blobs the destination lacks, the
// child manifests of an index, the manifest byte for byte (same digest) and the tag. The
// destination repository is made as ECR makes it for replication: from the destination
// registry's creation template applied for REPLICATION, else with ECR's defaults.
import type { EcrContext } from '../context.js';
import { defaultRepositoryRecord, repositoryFromTemplate } from '../creation-templates.js';
import { isTagImmutable } from '../mutability.js';
import { parseManifest } from '../store/manifest.js';

/**
 * Why a replication failed, as the failureCode DescribeImageReplicationStatus shows.
 * UNVERIFIED: ECR does not document its failure codes (ReplicationError is a plain string).
 */
export type ReplicationFailure = string;

async function ensureRepository(dest: EcrContext, name: string): Promise<void> {
  if (dest.store.getRepository(name)) return;
  const now = dest.clock.now() / 1000;
  await dest.store.createRepository(repositoryFromTemplate(dest, name, 'REPLICATION', now) ?? defaultRepositoryRecord(name, now));
}

async function copyBlob(source: EcrContext, dest: EcrContext, repository: string, digest: string): Promise<ReplicationFailure | undefined> {
  if (dest.store.blobSize(repository, digest) !== undefined) return undefined;
  const stream = source.store.openBlob(repository, digest);
  if (!stream) return `Layer ${digest} is no longer in the source repository`;
  const upload = await dest.store.startUpload(repository);
  try {
    await dest.store.appendUpload(upload.id, stream);
    const done = await dest.store.completeUpload(upload.id, digest);
    return done.ok ? undefined : `Layer ${digest} could not be stored in the destination (${done.code})`;
  } catch (err) {
    await dest.store.cancelUpload(upload.id).catch(() => undefined);
    throw err;
  }
}

/** Copies one manifest and everything it references (children first), then points `tag` at it. */
async function copyManifest(source: EcrContext, dest: EcrContext, repository: string, digest: string, tag: string | undefined): Promise<ReplicationFailure | undefined> {
  const image = source.store.getImage(repository, digest);
  const bytes = image && await source.store.readManifest(repository, digest);
  if (!image || !bytes) return `Image ${digest} is no longer in the source repository`;
  const parsed = parseManifest(bytes, image.manifestMediaType);
  if ('problem' in parsed) return `Image ${digest} has a manifest the destination refuses: ${parsed.problem.message}`;
  for (const child of parsed.children) {
    const failure = await copyManifest(source, dest, repository, child, undefined);
    if (failure) return failure;
  }
  for (const blob of parsed.blobs) {
    const failure = await copyBlob(source, dest, repository, blob);
    if (failure) return failure;
  }
  const repo = dest.store.getRepository(repository);
  const current = tag === undefined ? undefined : dest.store.resolveTag(repository, tag);
  if (repo && tag !== undefined && current !== undefined && current !== digest && isTagImmutable(repo, tag)) {
    return `The image tag '${tag}' already exists in the destination repository '${repository}', which is immutable`;
  }
  const result = await dest.store.putManifest(repository, bytes, image.manifestMediaType, tag, Math.floor(dest.clock.now() / 1000));
  return 'problem' in result ? `The destination refused the manifest: ${result.problem.message}` : undefined;
}

/** Replicates an image (and its tag) from `source` to `dest`; a failure code, or undefined when done. */
export async function copyImage(source: EcrContext, dest: EcrContext, repository: string, digest: string, tag: string | undefined): Promise<ReplicationFailure | undefined> {
  if (!source.store.getRepository(repository)) return `Repository ${repository} no longer exists in the source registry`;
  await ensureRepository(dest, repository);
  return copyManifest(source, dest, repository, digest, tag);
}

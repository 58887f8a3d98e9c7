// BatchDeleteImage: by tag removes that tag (and the image with its last tag); by digest
// removes the image and all its tags. Problems are failure entries with HTTP 200.
import { existingRepository, namedRepositoryArn, type Call, type Operation } from '../call.js';
import { imageIdList, type ImageId } from '../validate.js';
import { batchEntry, notFoundFailure, type Failure } from './images.js';

/** The index that lists `digest` as a child, if any: ECR keeps an image such an index needs. */
async function referencingIndex(call: Call, repository: string, digest: string): Promise<string | undefined> {
  for (const image of call.ctx.store.listImages(repository)) {
    if (!/index|list/.test(image.manifestMediaType) || image.digest === digest) continue;
    const text = (await call.ctx.store.readManifest(repository, image.digest))?.toString('utf8') ?? '{}';
    const children = (JSON.parse(text) as { manifests?: { digest?: unknown }[] }).manifests ?? [];
    if (children.some((m) => m?.digest === digest)) return image.digest;
  }
  return undefined;
}

export const BatchDeleteImage: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const repo = existingRepository(call);
    const store = call.ctx.store;
    const deleted: ImageId[] = [];
    const failures: Failure[] = [];
    for (const raw of imageIdList(call.input, true) ?? []) {
      const entry = batchEntry(raw);
      if ('failure' in entry) { failures.push(entry.failure); continue; }
      const { imageDigest, imageTag } = entry.id;
      const digest = imageDigest ?? store.resolveTag(repo.name, imageTag ?? '');
      const image = digest === undefined ? undefined : store.getImage(repo.name, digest);
      if (!image) { failures.push(notFoundFailure(entry.id)); continue; }
      if (imageTag !== undefined && !image.tags.includes(imageTag)) {
        failures.push({ imageId: entry.id, failureCode: imageDigest ? 'ImageTagDoesNotMatchDigest' : 'ImageNotFound',
          failureReason: imageDigest ? 'Invalid request parameters: image tag does not match digest' : 'Requested image not found' });
        continue;
      }
      const isRemoved = imageTag === undefined || image.tags.length === 1;
      const index = isRemoved ? await referencingIndex(call, repo.name, image.digest) : undefined;
      if (index !== undefined) {
        // UNVERIFIED: ECR's failureReason text for this code.
        failures.push({ imageId: entry.id, failureCode: 'ImageReferencedByManifestList', failureReason: `Requested image referenced by manifest list: [${index}]` });
        continue;
      }
      if (imageTag !== undefined) {
        await store.untag(repo.name, imageTag, true);
        deleted.push({ imageDigest: image.digest, imageTag });
      } else {
        await store.deleteImage(repo.name, image.digest);
        if (image.tags.length === 0) deleted.push({ imageDigest: image.digest });
        for (const tag of image.tags) deleted.push({ imageDigest: image.digest, imageTag: tag });
      }
    }
    return { imageIds: deleted, failures };
  },
};

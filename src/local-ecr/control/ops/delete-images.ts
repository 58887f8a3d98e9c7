// BatchDeleteImage: by tag removes that tag (and the image with its last tag); by digest
// removes the image and all its tags. Problems are failure entries with HTTP 200.
import { existingRepository, namedRepositoryArn, type Operation } from '../call.js';
import type { ImageRecord } from '../../store/types.js';
import { imageIdList, type ImageId } from '../validate.js';
import { batchEntry, notFoundFailure, type Failure } from './images.js';

// UNVERIFIED: ECR's failureReason text for this code.
function referencedFailure(imageId: ImageId, indexes: readonly string[]): Failure {
  return { imageId, failureCode: 'ImageReferencedByManifestList', failureReason: `Requested image referenced by manifest list: [${indexes.join(', ')}]` };
}

/** The ids BatchDeleteImage reports for an image deleted by digest: one per tag, or the digest alone. */
function deletedIds(image: ImageRecord): ImageId[] {
  return image.tags.length === 0 ? [{ imageDigest: image.digest }] : image.tags.map((tag) => ({ imageDigest: image.digest, imageTag: tag }));
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
      // ECR keeps an image that an index of the repository lists (checked again atomically below).
      const isRemoved = imageTag === undefined || image.tags.length === 1;
      if (isRemoved && store.imagesReferencing(repo.name, image.digest).length > 0) {
        failures.push(referencedFailure(entry.id, store.imagesReferencing(repo.name, image.digest)));
        continue;
      }
      if (imageTag !== undefined) {
        await store.untag(repo.name, imageTag, true);
        deleted.push({ imageDigest: image.digest, imageTag });
      } else if (await store.deleteImage(repo.name, image.digest, { unreferenced: true })) {
        deleted.push(...deletedIds(image));
      } else {
        failures.push(referencedFailure(entry.id, store.imagesReferencing(repo.name, image.digest)));
      }
    }
    return { imageIds: deleted, failures };
  },
};

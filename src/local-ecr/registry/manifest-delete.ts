// DELETE /v2/<name>/manifests/<digest> (BatchDeleteImage): the image goes with all its tags, as
// `aws ecr batch-delete-image --image-ids imageDigest=...` does; 202 with no body.
import { isDigest } from '../store/index.js';
import { DIGEST_INVALID, MANIFEST_UNKNOWN, referencedByIndex, UNSUPPORTED } from './errors.js';
import { send, sendError, type Exchange } from './exchange.js';
import { guard } from './guard.js';

/**
 * Deletes by digest only. A tag is answered 405 UNSUPPORTED as distribution does (UNVERIFIED
 * for ECR); clients (skopeo delete, oras manifest delete) resolve a tag to its digest first.
 */
export async function deleteManifest(x: Exchange, name: string, ref: string): Promise<void> {
  if (!await guard(x, 'BatchDeleteImage', name)) return;
  if (!ref.includes(':')) return sendError(x, UNSUPPORTED);
  if (!isDigest(ref)) return sendError(x, DIGEST_INVALID);
  const { store } = x.ctx;
  if (!store.getImage(name, ref)) return sendError(x, MANIFEST_UNKNOWN);
  // A child of an index stays while the index does, as BatchDeleteImage refuses it; checked in
  // the store's atomic step so that an index pushed meanwhile is not left without its child.
  if (!await store.deleteImage(name, ref, { unreferenced: true })) {
    return sendError(x, referencedByIndex(store.imagesReferencing(name, ref)));
  }
  send(x, 202, {});
}

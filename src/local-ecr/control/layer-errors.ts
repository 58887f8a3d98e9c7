// The layer API's errors (InitiateLayerUpload ... GetDownloadUrlForLayer). Only the empty-upload
// and first-byte texts are seen from ECR (ECR.md §4.2, on the registry side, which answers
// with the same service's texts); the others follow ECR's usual wording and are UNVERIFIED.
import { EcrError } from './errors.js';

/** ECR expects every part but the last to be at least this big (S3 multipart under ECR). */
export const MIN_PART_BYTES = 5 * 1024 * 1024;

interface UploadRef {
  readonly uploadId: string;
  readonly name: string;
  readonly registryId: string;
}

export function uploadNotFound(up: UploadRef): EcrError {
  return new EcrError('UploadNotFoundException',
    `The upload with id '${up.uploadId}' does not exist in the repository with name '${up.name}' in the registry with id '${up.registryId}'`);
}

export function emptyUpload(up: UploadRef): EcrError {
  return new EcrError('EmptyUploadException',
    `The upload with id '${up.uploadId}' in the repository with name '${up.name}' in registry with id '${up.registryId}' cannot be completed because it does not have any parts.`);
}

/** InvalidLayerPartException carries the upload and the last good byte as members (ECR's model). */
export function invalidLayerPart(up: UploadRef, received: number, message: string): EcrError {
  return new EcrError('InvalidLayerPartException', message, {
    registryId: up.registryId, repositoryName: up.name, uploadId: up.uploadId, lastValidByteReceived: Math.max(received - 1, 0),
  });
}

export function layerPartTooSmall(up: UploadRef, size: number): EcrError {
  return new EcrError('LayerPartTooSmallException',
    `The layer part of the upload with id '${up.uploadId}' is ${size} bytes; layer parts other than the last must be at least ${MIN_PART_BYTES} bytes`);
}

export function layerAlreadyExists(digest: string, up: UploadRef): EcrError {
  return new EcrError('LayerAlreadyExistsException',
    `The layer with digest '${digest}' already exists in the repository with name '${up.name}' in registry with id '${up.registryId}'`);
}

export function invalidLayer(digest: string, up: UploadRef): EcrError {
  return new EcrError('InvalidLayerException',
    `The layer digest '${digest}' does not match the digest calculated for the upload with id '${up.uploadId}' in the repository with name '${up.name}' in registry with id '${up.registryId}'`);
}

export function layersNotFound(digest: string, name: string, registryId: string): EcrError {
  return new EcrError('LayersNotFoundException',
    `The layer with digest '${digest}' does not exist in the repository with name '${name}' in the registry with id '${registryId}'`);
}

export function layerInaccessible(digest: string, name: string, registryId: string): EcrError {
  return new EcrError('LayerInaccessibleException',
    `The layer with digest '${digest}' in the repository with name '${name}' in the registry with id '${registryId}' is not available because it is not associated with an image`);
}

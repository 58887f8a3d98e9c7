// What PutImage checks in the manifest text before and after the store sees it, with ECR's
// answers: a manifest it cannot place is 'Invalid JSON syntax' (what ECR says to an OCI manifest
// without `mediaType` and no imageManifestMediaType), a missing layer LayersNotFoundException,
// a missing child of an index ReferencedImagesNotFoundException.
import { hasExclusions, immutableTagText } from '../../mutability.js';
import type { ManifestProblem } from '../../store/types.js';
import type { RepoRef } from '../call.js';
import { EcrError, invalidParameter } from '../errors.js';

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
];

function invalidJson(): EcrError {
  return invalidParameter('ImageManifest', 'Invalid JSON syntax');
}

/**
 * The media type to store the manifest under: imageManifestMediaType, else the manifest's own
 * `mediaType`. With neither, ECR cannot tell what it is and refuses it (aws/aws-cli#8620).
 */
export function manifestMediaType(text: string, given: string | undefined): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidJson();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidJson();
  const own = (parsed as { mediaType?: unknown }).mediaType;
  const mediaType = given ?? (typeof own === 'string' ? own : undefined);
  // UNVERIFIED: that ECR words an unsupported media type as it words a manifest it cannot parse.
  if (mediaType === undefined || !MANIFEST_TYPES.includes(mediaType)) throw invalidJson();
  return mediaType;
}

/** ECR's error for a manifest the store refused (`image`: the digest and tag being pushed). */
export function manifestRefusal(problem: ManifestProblem, repo: RepoRef, image: { digest: string; tag?: string }): EcrError {
  switch (problem.code) {
    case 'IMAGE_ALREADY_EXISTS':
      return new EcrError('ImageAlreadyExistsException',
        `Image with digest '${image.digest}' and tag '${image.tag ?? 'null'}' already exists in the repository with name '${repo.name}' in registry with id '${repo.registryId}'`);
    case 'TAG_IMMUTABLE':
      return new EcrError('ImageTagAlreadyExistsException', immutableTagText(image.tag ?? '', repo.name, hasExclusions(repo.record)));
    case 'MANIFEST_INVALID':
      return invalidJson();
    case 'MANIFEST_BLOB_UNKNOWN':
      break;
  }
  if (problem.isChild) {
    // UNVERIFIED: the exact text; the exception is the one ECR's model names for this case.
    return new EcrError('ReferencedImagesNotFoundException',
      `Images with digests '[${problem.digest}]' referenced by the manifest list do not exist in the repository with name '${repo.name}' in the registry with id '${repo.registryId}'`);
  }
  return new EcrError('LayersNotFoundException',
    `Layers with digests '[${problem.digest}]' required for pushing image into repository with name '${repo.name}' in the registry with id '${repo.registryId}' do not exist`);
}

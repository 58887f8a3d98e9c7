// The checks a manifest push must pass against one repository's state: PutManifestRules
// (immutable tags, an image already there) and the blobs and child manifests it references.
// Pure functions of the state, so the store can run them inside one atomic commit.
import { isTagImmutable } from '../mutability.js';
import type { RepoState } from './catalog.js';
import type { ParsedManifest } from './manifest.js';
import type { ManifestProblem, PutManifestRules } from './types.js';

/** Why the rules refuse this push, or undefined when they let it through. */
export function refusal(state: RepoState, digest: string, tag: string | undefined, rules: PutManifestRules): { problem: ManifestProblem } | undefined {
  const current = tag === undefined ? undefined : state.tags.get(tag);
  if (rules.refuseExisting && state.images.has(digest) && (tag === undefined || current === digest)) {
    return { problem: { code: 'IMAGE_ALREADY_EXISTS', message: `image ${digest} with tag ${tag ?? 'null'} already exists` } };
  }
  if (rules.keepImmutableTags && tag !== undefined && current !== undefined && isTagImmutable(state.record, tag)) {
    return { problem: { code: 'TAG_IMMUTABLE', message: `tag ${tag} already exists and is immutable` } };
  }
  return undefined;
}

function blobUnknown(digest: string, isChild = false): { problem: ManifestProblem } {
  return { problem: { code: 'MANIFEST_BLOB_UNKNOWN', message: 'blob unknown to registry', digest, ...(isChild ? { isChild } : {}) } };
}

/** Checks what a manifest references against the repository and works out the image's size. */
export function checkReferences(state: RepoState, parsed: ParsedManifest): { readonly sizeInBytes: number } | { readonly problem: ManifestProblem } {
  const missingBlob = parsed.blobs.find((d) => !state.blobs.has(d));
  if (missingBlob) return blobUnknown(missingBlob);
  const missingChild = parsed.children.find((d) => !state.images.has(d));
  if (missingChild) return blobUnknown(missingChild, true);
  const childSizes = parsed.children.map((d) => state.images.get(d)?.sizeInBytes ?? 0);
  return { sizeInBytes: Math.max(parsed.sizeInBytes, ...childSizes) };
}

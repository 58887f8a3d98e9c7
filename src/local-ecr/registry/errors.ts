// The registry errors ECR answers with, their statuses and texts (ECR.md §4.3). Codes print in
// docker as `<code lower-cased, _ as space>: <message>`, so the texts here are what learners see.
import type { RegistryError } from './exchange.js';
import { immutableTagText } from '../mutability.js';

/** The token's 12 hours are over (ECR.md §4.3 row 2). */
export const TOKEN_EXPIRED: RegistryError = {
  status: 403, code: 'DENIED', message: 'Your authorization token has expired. Reauthenticate and try again.',
};

/** A token that is not ours, forged or for another region/account (on `/v2/` the status is 400). */
export function tokenInvalid(status: 400 | 403): RegistryError {
  return { status, code: 'DENIED', message: 'Your Authorization Token is invalid.' };
}

/** An IAM denial, with the text authorize() produced. */
export function denied(message: string): RegistryError {
  return { status: 403, code: 'DENIED', message };
}

/** No such repository: ECR never creates one on push (row 4). */
export function nameUnknown(name: string, account: string): RegistryError {
  return {
    status: 404, code: 'NAME_UNKNOWN',
    message: `The repository with name '${name}' does not exist in the registry with id '${account}'`,
  };
}

/** No image with that tag or digest (row 8). */
export const MANIFEST_UNKNOWN: RegistryError = { status: 404, code: 'MANIFEST_UNKNOWN', message: 'Requested image not found' };

/** The tag exists and the repository is IMMUTABLE (row 5); the 2025 wording ends `…tag is immutable.` */
export function tagImmutable(tag: string, repository: string, byExclusion = false): RegistryError {
  return {
    status: 400, code: 'TAG_INVALID',
    message: immutableTagText(tag, repository, byExclusion),
  };
}

/** A tag outside ECR's `[a-zA-Z0-9-_.]+`. */
export const TAG_INVALID: RegistryError = {
  status: 400, code: 'TAG_INVALID',
  message: "Invalid parameter at 'imageTag' failed to satisfy constraint: 'must satisfy regular expression '[a-zA-Z0-9-_.]+''",
};

/** The bytes do not hash to the digest given (texts from distribution: ECR's are not published). */
export const DIGEST_INVALID: RegistryError = { status: 400, code: 'DIGEST_INVALID', message: 'provided digest did not match uploaded content' };

/** A blob not linked to this repository. */
export const BLOB_UNKNOWN: RegistryError = { status: 404, code: 'BLOB_UNKNOWN', message: 'blob unknown to registry' };

/** An upload id this repository does not have. */
export const BLOB_UPLOAD_UNKNOWN: RegistryError = { status: 404, code: 'BLOB_UPLOAD_UNKNOWN', message: 'blob upload unknown to registry' };

/** A layer part that does not start where the upload ends (ECR answers 416). */
export function partOutOfOrder(message: string): RegistryError {
  return { status: 416, code: 'BLOB_UPLOAD_INVALID', message };
}

/** ECR's manifest limit is 4 MiB. */
export const MANIFEST_TOO_BIG: RegistryError = { status: 400, code: 'MANIFEST_INVALID', message: 'manifest invalid: larger than 4 MiB' };

/**
 * A method the endpoint does not answer: also blob DELETE and manifest DELETE by tag, which ECR
 * does not offer (distribution's answer with deletes disabled; UNVERIFIED for ECR).
 */
export const UNSUPPORTED: RegistryError = { status: 405, code: 'UNSUPPORTED', message: 'The operation is unsupported.' };

/** A path that is no registry endpoint. */
export const NOT_FOUND: RegistryError = { status: 404, code: 'NOT_FOUND', message: 'Not Found' };

/** The `disk-full` fault: the store refuses the layer's bytes (distribution's UNKNOWN, 500). */
export const DISK_FULL: RegistryError = {
  status: 500, code: 'UNKNOWN', message: 'unknown error',
  detail: "simulated by ecr-lab's disk-full fault: the local ECR's storage has no room for this layer",
};

/** A PATCH whose Content-Range is not `<start>-<end>` (distribution-spec: `^[0-9]+-[0-9]+$`). UNVERIFIED text. */
export function contentRangeInvalid(header: string): RegistryError {
  return { status: 400, code: 'BLOB_UPLOAD_INVALID', message: `The Content-Range header '${header}' is not a valid byte range` };
}

/** A range that ends before it starts cannot be satisfied (416, as out-of-order parts). UNVERIFIED text. */
export function rangeUnsatisfiable(header: string): RegistryError {
  return { status: 416, code: 'BLOB_UPLOAD_INVALID', message: `The Content-Range header '${header}' ends before it starts` };
}

/** The body's length is not the length its Content-Range announces (distribution's SIZE_INVALID). */
export const SIZE_INVALID: RegistryError = { status: 400, code: 'SIZE_INVALID', message: 'provided length did not match content length' };

/**
 * A manifest DELETE of an image an index still lists. UNVERIFIED: ECR's registry answer is not
 * published; the text is BatchDeleteImage's failure reason for the same case.
 */
export function referencedByIndex(indexes: readonly string[]): RegistryError {
  return { status: 400, code: 'DENIED', message: `Requested image referenced by manifest list: [${indexes.join(', ')}]` };
}

// Errors the store throws, so the registry and the API can answer with ECR's codes.

/** The part does not start where the upload ends (registry: 416 BLOB_UPLOAD_INVALID). */
export class UploadOffsetError extends Error {
  constructor(readonly expected: number, readonly given: number) {
    super(`First byte of the layer part is ${given} instead of ${expected}`);
    this.name = 'UploadOffsetError';
  }
}

/** No upload with this id (registry: 404 BLOB_UPLOAD_UNKNOWN). */
export class UploadUnknownError extends Error {
  constructor(readonly id: string) {
    super(`upload ${id} is unknown`);
    this.name = 'UploadUnknownError';
  }
}

/** The store could not write to its data directory (a full disk, a read-only mount): nothing changed. */
export class StoreWriteError extends Error {
  readonly code: string;

  constructor(readonly file: string, override readonly cause: NodeJS.ErrnoException) {
    super(`the local ECR could not write ${file}: ${cause.message}`);
    this.name = 'StoreWriteError';
    this.code = cause.code ?? 'EIO';
  }
}

/** The repository went away (deleted by a concurrent call) before the change could apply. */
export class RepositoryGoneError extends Error {
  constructor(readonly repository: string) {
    super(`repository ${repository} does not exist`);
    this.name = 'RepositoryGoneError';
  }
}

/** Errors of the file system that mean "could not write", as opposed to a bug or a bad request. */
const WRITE_FAILURES = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EROFS', 'EFBIG', 'EMFILE', 'ENFILE', 'EACCES', 'EPERM']);

/** True for a failure to write to the data directory, wrapped or straight from node:fs. */
export function isWriteFailure(err: unknown): err is Error & { readonly code: string } {
  if (err instanceof StoreWriteError) return true;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && WRITE_FAILURES.has(code) && typeof (err as NodeJS.ErrnoException).syscall === 'string';
}

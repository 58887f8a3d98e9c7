// Errors the store throws from appendUpload, so the registry can answer with ECR's codes.

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

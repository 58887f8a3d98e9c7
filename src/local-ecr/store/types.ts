// The local ECR's storage contract, shared by the registry (which writes images by push) and
// the ECR JSON API (which reads and changes them). Implemented in this folder.
import type { Readable } from 'node:stream';

export interface ResourceTag {
  readonly Key: string;
  readonly Value: string;
}

export type TagMutability = 'MUTABLE' | 'IMMUTABLE' | 'MUTABLE_WITH_EXCLUSION' | 'IMMUTABLE_WITH_EXCLUSION';

/** `{filterType: 'WILDCARD', filter: 'release-*'}`: `*` matches any run of characters. */
export interface TagMutabilityFilter {
  readonly filterType: 'WILDCARD';
  readonly filter: string;
}

export interface RepositoryRecord {
  readonly name: string;
  /** Epoch seconds (may have a fraction). */
  readonly createdAt: number;
  readonly imageTagMutability: TagMutability;
  /** Tags that do the opposite of `imageTagMutability` (only with the *_WITH_EXCLUSION settings). */
  readonly imageTagMutabilityExclusionFilters?: readonly TagMutabilityFilter[];
  readonly scanOnPush: boolean;
  readonly encryptionType: 'AES256' | 'KMS';
  readonly kmsKey?: string;
  readonly tags: readonly ResourceTag[];
  readonly lifecyclePolicy?: { readonly text: string; readonly lastEvaluatedAt?: number };
  readonly repositoryPolicy?: string;
  /** The last lifecycle preview, kept as JSON-able data by the control plane. */
  readonly lifecyclePreview?: unknown;
}

export interface ScanRecord {
  readonly status: 'IN_PROGRESS' | 'COMPLETE' | 'FAILED';
  /** Epoch seconds. */
  readonly startedAt: number;
  readonly completedAt?: number;
}

export interface ImageRecord {
  readonly digest: string;
  readonly manifestMediaType: string;
  /** The config media type (artifactMediaType in DescribeImages), when the manifest has one. */
  readonly artifactMediaType?: string;
  /** Compressed size: config + layers (for an index: the largest child). */
  readonly sizeInBytes: number;
  /** Bytes of the manifest itself. */
  readonly manifestSize: number;
  /** Epoch seconds. */
  readonly pushedAt: number;
  readonly tags: readonly string[];
  readonly lastRecordedPullTime?: number;
  readonly scan?: ScanRecord;
  /** STANDARD unless archived (UpdateImageStorageClass, a lifecycle `transition`). */
  readonly storageClass?: 'STANDARD' | 'ARCHIVE';
  /** ACTIVATING while a restore from ARCHIVE runs (on the local clock). */
  readonly imageStatus?: 'ACTIVE' | 'ARCHIVED' | 'ACTIVATING';
  /** Epoch seconds. */
  readonly lastArchivedAt?: number;
  /** Epoch seconds. */
  readonly lastActivatedAt?: number;
  /** The manifest's `subject` digest (a signature, an SBOM): what the referrers API lists it under. */
  readonly subject?: string;
  /** The manifest's `artifactType` (or, without one, its config media type for an artifact). */
  readonly artifactType?: string;
}

/** Why putManifest refused. */
export type ManifestProblem =
  | { readonly code: 'MANIFEST_INVALID'; readonly message: string }
  | { readonly code: 'MANIFEST_BLOB_UNKNOWN'; readonly message: string; readonly digest: string; /** A child manifest of an index, not a blob. */ readonly isChild?: true }
  /** The tag exists and may not move (PutManifestRules.keepImmutableTags). */
  | { readonly code: 'TAG_IMMUTABLE'; readonly message: string }
  /** The same image with the same tag (or untagged) is there already (PutManifestRules.refuseExisting). */
  | { readonly code: 'IMAGE_ALREADY_EXISTS'; readonly message: string };

/** Preconditions putManifest checks in the same atomic step as the change. */
export interface PutManifestRules {
  /** Refuse to move a tag that exists and that isTagImmutable (mutability.ts) says may not move. */
  readonly keepImmutableTags?: boolean;
  /** Refuse when the image is there already and the tag (if any) already points at it: PutImage's rule. */
  readonly refuseExisting?: boolean;
}

export interface UploadState {
  readonly id: string;
  readonly repository: string;
  /** Bytes received so far. */
  readonly size: number;
}

/** What must still hold for deleteImage to go ahead. */
export interface DeleteGuard {
  /** Refuse when another image of the repository references this one. */
  readonly unreferenced?: boolean;
  /** Refuse when the image's tags are no longer exactly these. */
  readonly tags?: readonly string[];
}

export interface Store {
  /** Set when the catalog on disk was unreadable and was moved aside (one line for the learner). */
  readonly warning?: string;

  // Repositories (metadata written atomically).
  listRepositories(): readonly RepositoryRecord[];
  getRepository(name: string): RepositoryRecord | undefined;
  /** Creates or replaces a repository record (the faults' own changes; calls use the two below). */
  putRepository(record: RepositoryRecord): Promise<void>;
  /** Creates the repository; false (and no change) when the name exists, checked atomically. */
  createRepository(record: RepositoryRecord): Promise<boolean>;
  /**
   * Changes a repository record from its committed state, in the same atomic step, so that two
   * changes of different settings both hold; throws RepositoryGoneError when it was deleted.
   */
  updateRepository(name: string, change: (record: RepositoryRecord) => RepositoryRecord): Promise<RepositoryRecord>;
  /** Deletes the repository and its images, tags and blob links. */
  deleteRepository(name: string): Promise<void>;

  // Images.
  listImages(repository: string): readonly ImageRecord[];
  getImage(repository: string, digest: string): ImageRecord | undefined;
  /**
   * Records a pull (lastRecordedPullTime, epoch seconds): readers see it at once, and it goes to
   * disk with the next commit without the pull waiting for it. It is metadata: a crash or a full
   * disk may lose a pull time, never an image or an acknowledged push.
   */
  recordPull(repository: string, digest: string, seconds: number): void;
  resolveTag(repository: string, tag: string): string | undefined;
  /** The manifest bytes exactly as pushed. */
  readManifest(repository: string, digest: string): Promise<Buffer | undefined>;
  /**
   * Stores a manifest (digest = sha256 of these bytes), checks that the blobs it references are
   * linked to the repository, and points `tag` at it (moving the tag off any other image).
   * `rules` are checked in the same atomic step as the change, so concurrent pushes of one tag
   * to an immutable repository cannot both win.
   */
  putManifest(repository: string, bytes: Buffer, mediaType: string, tag: string | undefined, nowSeconds: number, rules?: PutManifestRules):
    Promise<{ readonly image: ImageRecord } | { readonly problem: ManifestProblem }>;
  /** Removes one tag; the image stays (untagged) unless `dropIfUntagged`. */
  untag(repository: string, tag: string, dropIfUntagged: boolean): Promise<void>;
  /**
   * Removes an image and all of its tags. With `keep`, the removal is refused (false) when, at
   * the moment it applies, the image is referenced by another image (a child of an index) or
   * its tags differ from `keep.tags` (it was re-tagged since the caller looked).
   */
  deleteImage(repository: string, digest: string, keep?: DeleteGuard): Promise<boolean>;
  /** The images of the repository whose manifests reference `digest` (indexes over a child). */
  imagesReferencing(repository: string, digest: string): readonly string[];
  /** Changes an image's metadata (scan state, pull time). */
  updateImage(repository: string, digest: string, change: (image: ImageRecord) => ImageRecord): Promise<void>;

  // Blobs, content-addressed and linked per repository.
  /** Size of a blob linked to this repository, or undefined. */
  blobSize(repository: string, digest: string): number | undefined;
  /** Streams a blob linked to this repository (optionally bytes start..end, inclusive). */
  openBlob(repository: string, digest: string, range?: { readonly start: number; readonly end: number }): Readable | undefined;
  /**
   * Links an existing blob from one repository into another (cross-repository mount). Like ECR,
   * only a blob that an image of `from` references can be mounted; false otherwise.
   */
  mountBlob(repository: string, digest: string, from: string): Promise<boolean>;
  startUpload(repository: string): Promise<UploadState>;
  getUpload(id: string): UploadState | undefined;
  /**
   * Appends a streamed chunk; `offset` must equal the bytes received so far. Throws
   * UploadOffsetError / UploadUnknownError (./errors.js); a failed append leaves nothing behind.
   */
  appendUpload(id: string, data: Readable, offset?: number): Promise<UploadState>;
  /** Verifies the digest of everything received and commits the blob by rename. */
  completeUpload(id: string, digest: string): Promise<{ readonly ok: true } | { readonly ok: false; readonly code: 'DIGEST_INVALID' | 'BLOB_UPLOAD_UNKNOWN' }>;
  cancelUpload(id: string): Promise<void>;
  /**
   * Every change above takes effect only once it is on disk: a write that fails (StoreWriteError,
   * ./errors.js) leaves the store as it was. Resolves when every change asked for so far is done.
   */
  flush(): Promise<void>;
}

// The local ECR's store on disk: blobs by digest (blob-files.ts), metadata in memory and in one
// atomically written catalog.json (catalog.ts), changed only through group commits that take
// effect once on disk (persister.ts), manifests checked (manifest.ts, put-rules.ts).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { loadJson } from '../../state/json-file.js';
import { restoredByPush } from '../image-storage.js';
import { BlobFiles } from './blob-files.js';
import { Catalog, catalogProblem, type CatalogFile, type RepoState } from './catalog.js';
import { RepositoryGoneError } from './errors.js';
import { sweepTempFiles } from './leftovers.js';
import { isDigest, parseManifest } from './manifest.js';
import { GroupCommit, writeFileAtomic } from './persister.js';
import { checkReferences, refusal } from './put-rules.js';
import type { DeleteGuard, ImageRecord, PutManifestRules, RepositoryRecord, Store, UploadState } from './types.js';

export { isDigest } from './manifest.js';
export { isWriteFailure, RepositoryGoneError, StoreWriteError, UploadOffsetError, UploadUnknownError } from './errors.js';

const EMPTY: CatalogFile = { version: 1, repositories: [] };

function pullKey(name: string, digest: string): string {
  return `${name}\n${digest}`;
}

function mustRepo(catalog: Catalog, name: string): RepoState {
  const state = catalog.repos.get(name);
  if (!state) throw new RepositoryGoneError(name);
  return state;
}

/** The images of a repository whose manifests reference `digest` (other than itself). */
function referencing(state: RepoState, digest: string): string[] {
  return [...state.refs].filter(([image, refs]) => image !== digest && state.images.has(image) && refs.includes(digest)).map(([image]) => image);
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t) => b.includes(t));
}

class DiskStore implements Store {
  private readonly commits: GroupCommit<Catalog>;
  /** Pull times readers already see, on their way to the catalog (recordPull). */
  private readonly pulls = new Map<string, number>();

  constructor(dataDir: string, private readonly blobs: BlobFiles, catalog: Catalog, readonly warning?: string) {
    const file = join(dataDir, 'catalog.json');
    this.commits = new GroupCommit(catalog, (next) => writeFileAtomic(file, JSON.stringify(next.toFile())));
  }

  flush(): Promise<void> {
    return this.commits.idle();
  }

  private repo(name: string): RepoState | undefined {
    return this.commits.committed.repos.get(name);
  }

  listRepositories(): RepositoryRecord[] {
    return [...this.commits.committed.repos.values()].map((s) => s.record);
  }

  getRepository(name: string): RepositoryRecord | undefined {
    return this.repo(name)?.record;
  }

  async putRepository(record: RepositoryRecord): Promise<void> {
    await this.commits.apply((c) => { c.create(record); });
  }

  createRepository(record: RepositoryRecord): Promise<boolean> {
    return this.commits.apply((c) => {
      if (c.repos.has(record.name)) return false;
      c.create(record);
      return true;
    });
  }

  updateRepository(name: string, change: (record: RepositoryRecord) => RepositoryRecord): Promise<RepositoryRecord> {
    return this.commits.apply((c) => {
      const next = { ...change(mustRepo(c, name).record), name };
      c.create(next);
      return next;
    });
  }

  async deleteRepository(name: string): Promise<void> {
    await this.commits.apply((c) => c.deleteRepository(name));
  }

  listImages(name: string): ImageRecord[] {
    return [...(this.repo(name)?.images.values() ?? [])].map((image) => this.withPull(name, image));
  }

  getImage(name: string, digest: string): ImageRecord | undefined {
    const image = this.repo(name)?.images.get(digest);
    return image && this.withPull(name, image);
  }

  /** The image with a pull time recorded but not committed yet (recordPull). */
  private withPull(name: string, image: ImageRecord): ImageRecord {
    const pulled = this.pulls.get(pullKey(name, image.digest));
    return pulled === undefined || (image.lastRecordedPullTime ?? 0) >= pulled ? image : { ...image, lastRecordedPullTime: pulled };
  }

  recordPull(name: string, digest: string, seconds: number): void {
    const key = pullKey(name, digest);
    const isQueued = this.pulls.has(key);
    this.pulls.set(key, Math.max(seconds, this.pulls.get(key) ?? 0));
    // A pull of the same image while one is queued only moves the time the queued write takes.
    if (!isQueued) this.writePull(name, digest, key);
  }

  private writePull(name: string, digest: string, key: string): void {
    const written = this.commits.apply((c) => {
      const pulled = this.pulls.get(key);
      const state = c.repos.get(name);
      const image = state?.images.get(digest);
      if (state && image && pulled !== undefined) c.setImage(state, { ...image, lastRecordedPullTime: pulled });
      return pulled;
    });
    // A failed write (a full disk) loses only this pull time: metadata, never an image.
    written.catch(() => undefined).then((pulled) => {
      const now = this.pulls.get(key);
      if (now === undefined || now === pulled || pulled === undefined) this.pulls.delete(key);
      else this.writePull(name, digest, key);
    }, () => undefined);
  }

  resolveTag(name: string, tag: string): string | undefined {
    return this.repo(name)?.tags.get(tag);
  }

  async readManifest(name: string, digest: string): Promise<Buffer | undefined> {
    return this.repo(name)?.images.has(digest) ? readFile(this.blobs.path(digest)) : undefined;
  }

  async putManifest(name: string, bytes: Buffer, mediaType: string, tag: string | undefined, nowSeconds: number, rules: PutManifestRules = {}) {
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    // The rules come before the manifest's own validity, as on ECR; and a cheap look at the
    // committed state first means a refused push writes no file at all.
    const seen = this.repo(name);
    const refusedEarly = seen && refusal(seen, digest, tag, rules);
    if (refusedEarly) return refusedEarly;
    const parsed = parseManifest(bytes, mediaType);
    if ('problem' in parsed) return parsed;
    const missing = seen && checkReferences(seen, parsed);
    if (missing && 'problem' in missing) return missing;
    await this.blobs.writeSmall(digest, bytes);
    return this.commits.apply((c) => {
      const state = mustRepo(c, name);
      // Checked again inside the commit: this is the check that holds under concurrency.
      const refused = refusal(state, digest, tag, rules);
      if (refused) return refused;
      const checked = checkReferences(state, parsed);
      if ('problem' in checked) return checked;
      // Pushing an archived image again restores it at once, as on ECR.
      const existing = state.images.get(digest);
      const image: ImageRecord = existing ? restoredByPush(existing, nowSeconds) : {
        digest, sizeInBytes: checked.sizeInBytes, pushedAt: nowSeconds, tags: [],
        manifestMediaType: parsed.mediaType,
        artifactMediaType: parsed.artifactMediaType,
        manifestSize: bytes.length,
        ...(parsed.subject !== undefined ? { subject: parsed.subject } : {}),
        ...(parsed.artifactType !== undefined ? { artifactType: parsed.artifactType } : {}),
      };
      c.setImage(state, image, [...parsed.blobs, ...parsed.children]);
      if (tag !== undefined) c.moveTag(state, tag, digest);
      return { image: state.images.get(digest) as ImageRecord };
    });
  }

  async untag(name: string, tag: string, dropIfUntagged: boolean): Promise<void> {
    await this.commits.apply((c) => {
      const state = mustRepo(c, name);
      const digest = state.tags.get(tag);
      const image = digest === undefined ? undefined : state.images.get(digest);
      if (!image) return;
      const rest = image.tags.filter((t) => t !== tag);
      if (rest.length === 0 && dropIfUntagged) c.dropImage(state, image.digest);
      else c.setImage(state, { ...image, tags: rest });
    });
  }

  deleteImage(name: string, digest: string, keep: DeleteGuard = {}): Promise<boolean> {
    return this.commits.apply((c) => {
      const state = mustRepo(c, name);
      const image = state.images.get(digest);
      if (!image) return true;
      if (keep.unreferenced && referencing(state, digest).length > 0) return false;
      if (keep.tags && !sameTags(image.tags, keep.tags)) return false;
      c.dropImage(state, digest);
      return true;
    });
  }

  imagesReferencing(name: string, digest: string): readonly string[] {
    const state = this.repo(name);
    return state ? referencing(state, digest) : [];
  }

  async updateImage(name: string, digest: string, change: (image: ImageRecord) => ImageRecord): Promise<void> {
    await this.commits.apply((c) => {
      const state = mustRepo(c, name);
      const image = state.images.get(digest);
      if (!image) return;
      // Tags move only through putManifest/untag, which keep the tag index right.
      c.setImage(state, { ...change(image), digest: image.digest, tags: image.tags });
    });
  }

  blobSize(name: string, digest: string): number | undefined {
    return this.repo(name)?.blobs.get(digest);
  }

  openBlob(name: string, digest: string, range?: { readonly start: number; readonly end: number }): Readable | undefined {
    return this.repo(name)?.blobs.has(digest) ? this.blobs.open(digest, range) : undefined;
  }

  mountBlob(name: string, digest: string, from: string): Promise<boolean> {
    return this.commits.apply((c) => {
      const target = mustRepo(c, name);
      const source = c.repos.get(from);
      const size = source?.blobs.get(digest);
      // ECR mounts only blobs that an image of the source repository references.
      if (!source || size === undefined || !c.isReferenced(source, digest)) return false;
      c.linkBlob(target, digest, size);
      return true;
    });
  }

  startUpload(name: string): Promise<UploadState> {
    return this.blobs.start(name);
  }

  getUpload(id: string): UploadState | undefined {
    return this.blobs.get(id);
  }

  appendUpload(id: string, data: Readable, offset?: number): Promise<UploadState> {
    return this.blobs.append(id, data, offset);
  }

  async completeUpload(id: string, digest: string) {
    const upload = this.blobs.get(id);
    if (!upload) return { ok: false, code: 'BLOB_UPLOAD_UNKNOWN' } as const;
    if (!isDigest(digest)) return { ok: false, code: 'DIGEST_INVALID' } as const;
    const result = await this.blobs.complete(id, digest);
    if (typeof result === 'string') return { ok: false, code: result } as const;
    await this.commits.apply((c) => {
      const state = c.repos.get(upload.repository);
      if (state) c.linkBlob(state, digest, result.size);
    });
    return { ok: true } as const;
  }

  cancelUpload(id: string): Promise<void> {
    return this.blobs.cancel(id);
  }
}

/**
 * Opens (or creates) the store in `dataDir`. Uploads and temp files left by a previous run are
 * discarded; a corrupt catalog is moved aside and reported in `warning`.
 */
export async function openStore(dataDir: string): Promise<Store> {
  await sweepTempFiles(dataDir);
  const blobs = new BlobFiles(dataDir);
  await blobs.init();
  const loaded = await loadJson<CatalogFile>(join(dataDir, 'catalog.json'), EMPTY, catalogProblem);
  return new DiskStore(dataDir, blobs, Catalog.from(loaded.value), loaded.warning);
}

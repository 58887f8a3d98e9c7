// The local ECR's store on disk: blobs by digest (blob-files.ts), metadata in memory and in one
// atomically written catalog.json (catalog.ts, persister.ts), manifests checked (manifest.ts).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { loadJson } from '../../state/json-file.js';
import { BlobFiles } from './blob-files.js';
import { Catalog, catalogProblem, type CatalogFile, type RepoState } from './catalog.js';
import { isDigest, parseManifest, type ParsedManifest } from './manifest.js';
import { Persister } from './persister.js';
import type { ImageRecord, ManifestProblem, RepositoryRecord, Store, UploadState } from './types.js';

export { isDigest } from './manifest.js';
export { UploadOffsetError, UploadUnknownError } from './errors.js';

const EMPTY: CatalogFile = { version: 1, repositories: [] };

type Checked = { readonly parsed: ParsedManifest; readonly sizeInBytes: number } | { readonly problem: ManifestProblem };

function blobUnknown(digest: string): { problem: ManifestProblem } {
  return { problem: { code: 'MANIFEST_BLOB_UNKNOWN', message: 'blob unknown to registry', digest } };
}

class DiskStore implements Store {
  private readonly persister: Persister;

  constructor(dataDir: string, private readonly blobs: BlobFiles, private readonly catalog: Catalog, readonly warning?: string) {
    this.persister = new Persister(join(dataDir, 'catalog.json'), () => catalog.toFile());
  }

  private save(): Promise<void> {
    return this.persister.save();
  }

  flush(): Promise<void> {
    return this.persister.idle();
  }

  private repo(name: string): RepoState | undefined {
    return this.catalog.repos.get(name);
  }

  private mustRepo(name: string): RepoState {
    const state = this.repo(name);
    if (!state) throw new Error(`repository ${name} does not exist`);
    return state;
  }

  listRepositories(): RepositoryRecord[] {
    return [...this.catalog.repos.values()].map((s) => s.record);
  }

  getRepository(name: string): RepositoryRecord | undefined {
    return this.repo(name)?.record;
  }

  async putRepository(record: RepositoryRecord): Promise<void> {
    this.catalog.create(record);
    await this.save();
  }

  async deleteRepository(name: string): Promise<void> {
    this.catalog.repos.delete(name);
    await this.save();
  }

  listImages(name: string): ImageRecord[] {
    return [...(this.repo(name)?.images.values() ?? [])];
  }

  getImage(name: string, digest: string): ImageRecord | undefined {
    return this.repo(name)?.images.get(digest);
  }

  resolveTag(name: string, tag: string): string | undefined {
    return this.repo(name)?.tags.get(tag);
  }

  async readManifest(name: string, digest: string): Promise<Buffer | undefined> {
    return this.repo(name)?.images.has(digest) ? readFile(this.blobs.path(digest)) : undefined;
  }

  /** Checks what a manifest references against the repository and works out its size. */
  private check(state: RepoState, bytes: Buffer, mediaType: string): Checked {
    const parsed = parseManifest(bytes, mediaType);
    if ('problem' in parsed) return parsed;
    const missingBlob = parsed.blobs.find((d) => !state.blobs.has(d));
    if (missingBlob) return blobUnknown(missingBlob);
    const missingChild = parsed.children.find((d) => !state.images.has(d));
    if (missingChild) return blobUnknown(missingChild);
    const childSizes = parsed.children.map((d) => state.images.get(d)?.sizeInBytes ?? 0);
    return { parsed, sizeInBytes: Math.max(parsed.sizeInBytes, ...childSizes) };
  }

  async putManifest(name: string, bytes: Buffer, mediaType: string, tag: string | undefined, nowSeconds: number) {
    const state = this.mustRepo(name);
    const checked = this.check(state, bytes, mediaType);
    if ('problem' in checked) return checked;
    const { parsed, sizeInBytes } = checked;
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    await this.blobs.writeSmall(digest, bytes);
    const image: ImageRecord = state.images.get(digest) ?? {
      digest, sizeInBytes, pushedAt: nowSeconds, tags: [],
      manifestMediaType: parsed.mediaType,
      artifactMediaType: parsed.artifactMediaType,
      manifestSize: bytes.length,
    };
    this.catalog.setImage(state, image, [...parsed.blobs, ...parsed.children]);
    if (tag !== undefined) this.catalog.moveTag(state, tag, digest);
    await this.save();
    return { image: state.images.get(digest) as ImageRecord };
  }

  async untag(name: string, tag: string, dropIfUntagged: boolean): Promise<void> {
    const state = this.mustRepo(name);
    const digest = state.tags.get(tag);
    const image = digest === undefined ? undefined : state.images.get(digest);
    if (!image) return;
    const rest = image.tags.filter((t) => t !== tag);
    if (rest.length === 0 && dropIfUntagged) this.catalog.dropImage(state, image.digest);
    else this.catalog.setImage(state, { ...image, tags: rest });
    await this.save();
  }

  async deleteImage(name: string, digest: string): Promise<void> {
    this.catalog.dropImage(this.mustRepo(name), digest);
    await this.save();
  }

  async updateImage(name: string, digest: string, change: (image: ImageRecord) => ImageRecord): Promise<void> {
    const state = this.mustRepo(name);
    const image = state.images.get(digest);
    if (!image) return;
    // Tags move only through putManifest/untag, which keep the tag index right.
    this.catalog.setImage(state, { ...change(image), digest: image.digest, tags: image.tags });
    await this.save();
  }

  blobSize(name: string, digest: string): number | undefined {
    return this.repo(name)?.blobs.get(digest);
  }

  openBlob(name: string, digest: string, range?: { readonly start: number; readonly end: number }): Readable | undefined {
    return this.repo(name)?.blobs.has(digest) ? this.blobs.open(digest, range) : undefined;
  }

  async mountBlob(name: string, digest: string, from: string): Promise<boolean> {
    const target = this.mustRepo(name);
    const source = this.repo(from);
    const size = source?.blobs.get(digest);
    // ECR mounts only blobs that an image of the source repository references.
    if (!source || size === undefined || !this.catalog.isReferenced(source, digest)) return false;
    target.blobs.set(digest, size);
    await this.save();
    return true;
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
    this.repo(upload.repository)?.blobs.set(digest, result.size);
    await this.save();
    return { ok: true } as const;
  }

  cancelUpload(id: string): Promise<void> {
    return this.blobs.cancel(id);
  }
}

/**
 * Opens (or creates) the store in `dataDir`. Uploads left by a previous run are discarded; a
 * corrupt catalog is moved aside and reported in `warning`.
 */
export async function openStore(dataDir: string): Promise<Store> {
  const blobs = new BlobFiles(dataDir);
  await blobs.init();
  const loaded = await loadJson<CatalogFile>(join(dataDir, 'catalog.json'), EMPTY, catalogProblem);
  return new DiskStore(dataDir, blobs, Catalog.from(loaded.value), loaded.warning);
}

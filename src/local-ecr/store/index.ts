// The local ECR's store on disk: blobs by digest (blob-files.ts), metadata in memory and in one
// atomically written catalog.json (catalog.ts, persister.ts), manifests checked (manifest.ts).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadJson } from '../../state/json-file.js';
import { BlobFiles } from './blob-files.js';
import { Catalog, catalogProblem, type CatalogFile, type RepoState } from './catalog.js';
import { isDigest, parseManifest } from './manifest.js';
import { Persister } from './persister.js';
import type { ImageRecord, ManifestProblem, Store } from './types.js';

export { isDigest } from './manifest.js';
export { UploadOffsetError, UploadUnknownError } from './errors.js';

const EMPTY: CatalogFile = { version: 1, repositories: [] };

function blobUnknown(digest: string): { problem: ManifestProblem } {
  return { problem: { code: 'MANIFEST_BLOB_UNKNOWN', message: 'blob unknown to registry', digest } };
}

/**
 * Opens (or creates) the store in `dataDir`. Uploads left by a previous run are discarded; a
 * corrupt catalog is moved aside and reported in `warning`.
 */
export async function openStore(dataDir: string): Promise<Store> {
  const blobs = new BlobFiles(dataDir);
  await blobs.init();
  const loaded = await loadJson<CatalogFile>(join(dataDir, 'catalog.json'), EMPTY, catalogProblem);
  const catalog = Catalog.from(loaded.value);
  const persister = new Persister(join(dataDir, 'catalog.json'), () => catalog.toFile());
  const save = () => persister.save();
  const repo = (name: string): RepoState | undefined => catalog.repos.get(name);
  const mustRepo = (name: string): RepoState => {
    const state = repo(name);
    if (!state) throw new Error(`repository ${name} does not exist`);
    return state;
  };

  /** Checks what a manifest references and works out its size. */
  function check(state: RepoState, bytes: Buffer, mediaType: string) {
    const parsed = parseManifest(bytes, mediaType);
    if ('problem' in parsed) return parsed;
    const missingBlob = parsed.blobs.find((d) => !state.blobs.has(d));
    if (missingBlob) return blobUnknown(missingBlob);
    const missingChild = parsed.children.find((d) => !state.images.has(d));
    if (missingChild) return blobUnknown(missingChild);
    const childSizes = parsed.children.map((d) => state.images.get(d)?.sizeInBytes ?? 0);
    return { parsed, sizeInBytes: Math.max(parsed.sizeInBytes, ...childSizes) };
  }

  return {
    warning: loaded.warning,
    listRepositories: () => [...catalog.repos.values()].map((s) => s.record),
    getRepository: (name) => repo(name)?.record,
    async putRepository(record) {
      catalog.create(record);
      await save();
    },
    async deleteRepository(name) {
      catalog.repos.delete(name);
      await save();
    },

    listImages: (name) => [...(repo(name)?.images.values() ?? [])],
    getImage: (name, digest) => repo(name)?.images.get(digest),
    resolveTag: (name, tag) => repo(name)?.tags.get(tag),
    async readManifest(name, digest) {
      if (!repo(name)?.images.has(digest)) return undefined;
      return readFile(blobs.path(digest));
    },
    async putManifest(name, bytes, mediaType, tag, nowSeconds) {
      const state = mustRepo(name);
      const checked = check(state, bytes, mediaType);
      if ('problem' in checked) return checked;
      const { parsed, sizeInBytes } = checked;
      const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
      await blobs.writeSmall(digest, bytes);
      const old = state.images.get(digest);
      const image: ImageRecord = old ?? {
        digest, sizeInBytes, pushedAt: nowSeconds, tags: [],
        manifestMediaType: parsed.mediaType,
        artifactMediaType: parsed.artifactMediaType,
        manifestSize: bytes.length,
      };
      catalog.setImage(state, image, [...parsed.blobs, ...parsed.children]);
      if (tag !== undefined) catalog.moveTag(state, tag, digest);
      await save();
      return { image: state.images.get(digest) as ImageRecord };
    },
    async untag(name, tag, dropIfUntagged) {
      const state = mustRepo(name);
      const digest = state.tags.get(tag);
      const image = digest === undefined ? undefined : state.images.get(digest);
      if (!image) return;
      const rest = image.tags.filter((t) => t !== tag);
      if (rest.length === 0 && dropIfUntagged) catalog.dropImage(state, image.digest);
      else catalog.setImage(state, { ...image, tags: rest });
      await save();
    },
    async deleteImage(name, digest) {
      catalog.dropImage(mustRepo(name), digest);
      await save();
    },
    async updateImage(name, digest, change) {
      const state = mustRepo(name);
      const image = state.images.get(digest);
      if (!image) return;
      const next = change(image);
      // Tags are moved only through putManifest/untag, so the tag index stays right.
      catalog.setImage(state, { ...next, digest: image.digest, tags: image.tags });
      await save();
    },

    blobSize: (name, digest) => repo(name)?.blobs.get(digest),
    openBlob(name, digest, range) {
      return repo(name)?.blobs.has(digest) ? blobs.open(digest, range) : undefined;
    },
    async mountBlob(name, digest, from) {
      const target = mustRepo(name);
      const source = repo(from);
      const size = source?.blobs.get(digest);
      // ECR mounts only blobs that an image of the source repository references.
      if (!source || size === undefined || !catalog.isReferenced(source, digest)) return false;
      target.blobs.set(digest, size);
      await save();
      return true;
    },
    startUpload: (name) => blobs.start(name),
    getUpload: (id) => blobs.get(id),
    appendUpload: (id, data, offset) => blobs.append(id, data, offset),
    async completeUpload(id, digest) {
      const upload = blobs.get(id);
      if (!upload) return { ok: false, code: 'BLOB_UPLOAD_UNKNOWN' };
      if (!isDigest(digest)) return { ok: false, code: 'DIGEST_INVALID' };
      const result = await blobs.complete(id, digest);
      if (typeof result === 'string') return { ok: false, code: result };
      const state = repo(upload.repository);
      if (state) state.blobs.set(digest, result.size);
      await save();
      return { ok: true };
    },
    cancelUpload: (id) => blobs.cancel(id),
  };
}

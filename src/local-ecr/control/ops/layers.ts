// The layer API: BatchCheckLayerAvailability, InitiateLayerUpload, UploadLayerPart,
// CompleteLayerUpload, GetDownloadUrlForLayer. Uploads are the store's, shared with the
// registry: a layer started here can be finished with PATCH/PUT on /v2/, and the other way.
import { Readable } from 'node:stream';
import { isPullable } from '../../image-storage.js';
import { isDigest, UploadOffsetError, UploadUnknownError } from '../../store/index.js';
import { existingRepository, namedRepositoryArn, type Call, type Operation, type RepoRef } from '../call.js';
import { invalidParameter } from '../errors.js';
import { downloadUrl } from '../layer-download.js';
import {
  emptyUpload, invalidLayer, invalidLayerPart, layerAlreadyExists, layerInaccessible, layerPartTooSmall, layersNotFound,
  MIN_PART_BYTES, uploadNotFound,
} from '../layer-errors.js';
import { requiredBlob, requiredLong, requiredString, requiredStringList } from '../validate.js';
import { forgetParts, recordPart, smallPart } from './layer-parts.js';

/** What ECR tells clients to send per part (`partSize` in the CLI example). */
const PART_SIZE = 10_485_760;
const MAX_PART_BYTES = 20_971_520;
const UPLOAD_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const LAYER_DIGEST = /^[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+$/;
const LAYER_DIGEST_QUOTED = '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+';

function uploadId(call: Call): string {
  const id = requiredString(call.input, 'uploadId');
  if (!UPLOAD_ID.test(id)) {
    throw invalidParameter('uploadId', "must satisfy regular expression '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'");
  }
  return id;
}

/** Config and layer descriptors of the repository's images: what a layer must belong to. */
async function referencedBlobs(call: Call, repo: RepoRef, active?: Set<string>): Promise<Map<string, string | undefined>> {
  const found = new Map<string, string | undefined>();
  for (const image of call.ctx.store.listImages(repo.name)) {
    const pullable = isPullable(image, call.now);
    const bytes = await call.ctx.store.readManifest(repo.name, image.digest);
    let doc: { config?: { digest?: unknown; mediaType?: unknown }; layers?: { digest?: unknown; mediaType?: unknown }[] };
    try { doc = JSON.parse(bytes?.toString('utf8') ?? '{}') as typeof doc; } catch { continue; }
    for (const d of [doc.config, ...(Array.isArray(doc.layers) ? doc.layers : [])]) {
      if (typeof d?.digest !== 'string') continue;
      found.set(d.digest, typeof d.mediaType === 'string' ? d.mediaType : found.get(d.digest));
      if (pullable) active?.add(d.digest);
    }
  }
  return found;
}

export const BatchCheckLayerAvailability: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const digests = requiredStringList(call.input, 'layerDigests', 1, 100);
    digests.forEach((d) => { if (d.length > 1000) throw invalidParameter('layerDigests', 'Member must satisfy constraint: [Member must have length less than or equal to 1000]'); });
    const repo = existingRepository(call);
    const active = new Set<string>();
    const mediaTypes = await referencedBlobs(call, repo, active);
    const layers: unknown[] = [];
    const failures: unknown[] = [];
    for (const layerDigest of digests) {
      // UNVERIFIED: ECR's failureReason texts.
      if (layerDigest === '') { failures.push({ layerDigest, failureCode: 'MissingLayerDigest', failureReason: 'Missing layer digest' }); continue; }
      if (!LAYER_DIGEST.test(layerDigest)) { failures.push({ layerDigest, failureCode: 'InvalidLayerDigest', failureReason: 'Invalid layer digest' }); continue; }
      const layerSize = call.ctx.store.blobSize(repo.name, layerDigest);
      if (layerSize === undefined) { failures.push({ layerDigest, failureCode: 'MissingLayerDigest', failureReason: 'Could not find layer with the specified digest' }); continue; }
      const mediaType = mediaTypes.get(layerDigest);
      // A layer only archived images use is ARCHIVED (the model's LayerAvailability; UNVERIFIED
      // for when ECR reports it): it comes back with a restore or a push of one of them.
      const layerAvailability = mediaTypes.has(layerDigest) && !active.has(layerDigest) ? 'ARCHIVED' : 'AVAILABLE';
      layers.push({ layerDigest, layerAvailability, layerSize, ...(mediaType ? { mediaType } : {}) });
    }
    return { layers, failures };
  },
};

export const InitiateLayerUpload: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const repo = existingRepository(call);
    const upload = await call.ctx.store.startUpload(repo.name);
    return { uploadId: upload.id, partSize: PART_SIZE };
  },
};

export const UploadLayerPart: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const id = uploadId(call);
    const first = requiredLong(call.input, 'partFirstByte', 0);
    const last = requiredLong(call.input, 'partLastByte', 0);
    const blob = requiredBlob(call.input, 'layerPartBlob', 0, MAX_PART_BYTES);
    const repo = existingRepository(call);
    const ref = { uploadId: id, name: repo.name, registryId: repo.registryId };
    const upload = call.ctx.store.getUpload(id);
    if (upload?.repository !== repo.name) throw uploadNotFound(ref);
    if (first !== upload.size) throw invalidLayerPart(ref, upload.size, `First byte of the layer part is ${first} instead of ${upload.size}`);
    if (last - first + 1 !== blob.length) {
      // UNVERIFIED: ECR's text for a part whose size disagrees with its byte range.
      throw invalidLayerPart(ref, upload.size, `The layer part of ${blob.length} bytes does not span bytes ${first} to ${last}`);
    }
    let state;
    try {
      state = await call.ctx.store.appendUpload(id, Readable.from([blob]), first);
    } catch (err) {
      if (err instanceof UploadOffsetError) throw invalidLayerPart(ref, err.expected, err.message);
      if (err instanceof UploadUnknownError) throw uploadNotFound(ref);
      throw err;
    }
    recordPart(call.ctx.store, id, first, blob.length);
    return { registryId: repo.registryId, repositoryName: repo.name, uploadId: id, lastByteReceived: state.size - 1 };
  },
};

export const CompleteLayerUpload: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const id = uploadId(call);
    const digests = requiredStringList(call.input, 'layerDigests', 1, 100);
    if (digests.some((d) => !LAYER_DIGEST.test(d))) {
      throw invalidParameter('layerDigests', `Member must satisfy constraint: [Member must satisfy regular expression pattern: ${LAYER_DIGEST_QUOTED}]`);
    }
    const repo = existingRepository(call);
    const ref = { uploadId: id, name: repo.name, registryId: repo.registryId };
    const store = call.ctx.store;
    const upload = store.getUpload(id);
    if (upload?.repository !== repo.name) throw uploadNotFound(ref);
    if (upload.size === 0) throw emptyUpload(ref);
    const digest = digests[0] as string;
    if (store.blobSize(repo.name, digest) !== undefined) throw layerAlreadyExists(digest, ref);
    const small = smallPart(store, id, upload.size, MIN_PART_BYTES);
    if (small !== undefined) throw layerPartTooSmall(ref, small);
    const done = isDigest(digest) ? await store.completeUpload(id, digest) : { ok: false, code: 'DIGEST_INVALID' } as const;
    if (!done.ok) throw done.code === 'DIGEST_INVALID' ? invalidLayer(digest, ref) : uploadNotFound(ref);
    forgetParts(store, id);
    return { registryId: repo.registryId, repositoryName: repo.name, uploadId: id, layerDigest: digest };
  },
};

export const GetDownloadUrlForLayer: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const digest = requiredString(call.input, 'layerDigest');
    if (!LAYER_DIGEST.test(digest)) throw invalidParameter('layerDigest', `must satisfy regular expression '${LAYER_DIGEST_QUOTED}'`);
    const repo = existingRepository(call);
    if (call.ctx.store.blobSize(repo.name, digest) === undefined) throw layersNotFound(digest, repo.name, repo.registryId);
    if (!(await referencedBlobs(call, repo)).has(digest)) throw layerInaccessible(digest, repo.name, repo.registryId);
    return { downloadUrl: await downloadUrl(call.ctx, repo.registryId, repo.name, digest), layerDigest: digest };
  },
};

export const LAYER_OPERATIONS: Readonly<Record<string, Operation>> = {
  BatchCheckLayerAvailability, InitiateLayerUpload, UploadLayerPart, CompleteLayerUpload, GetDownloadUrlForLayer,
};

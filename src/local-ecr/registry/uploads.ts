// Blob uploads: POST starts one (or mounts, or takes a monolithic body), PATCH appends a
// streamed part, PUT ?digest= verifies and commits, DELETE cancels. The response headers
// (Location, Docker-Upload-UUID, Range) are the ones docker's blob writer depends on.
import type { OutgoingHttpHeaders } from 'node:http';
import { isDigest, UploadOffsetError, UploadUnknownError } from '../store/index.js';
import type { UploadState } from '../store/types.js';
import { BLOB_UPLOAD_UNKNOWN, DIGEST_INVALID, DISK_FULL, partOutOfOrder, SIZE_INVALID } from './errors.js';
import type { Readable } from 'node:stream';
import { hasBody, send, sendError, type Exchange } from './exchange.js';
import { guard } from './guard.js';
import { blobPath, uploadPath } from './routes.js';
import { mayMount, PartLengthError, planPart } from './upload-rules.js';

function progress(up: UploadState): OutgoingHttpHeaders {
  return {
    location: uploadPath(up.repository, up.id),
    'docker-upload-uuid': up.id,
    // `%d-%d`, inclusive, no `bytes=`: docker 20.10 retries the layer without it (pitfall 6).
    range: `0-${Math.max(up.size - 1, 0)}`,
  };
}

function created(x: Exchange, name: string, digest: string): void {
  send(x, 201, { location: blobPath(name, digest), 'docker-content-digest': digest });
}

/** Appends the body; answers 416, 404 or 400 itself and returns undefined when that fails. */
async function append(x: Exchange, id: string, offset: number | undefined, body: Readable = x.req): Promise<UploadState | undefined> {
  try {
    return await x.ctx.store.appendUpload(id, body, offset);
  } catch (err) {
    if (err instanceof UploadOffsetError) sendError(x, partOutOfOrder(err.message));
    else if (err instanceof UploadUnknownError) sendError(x, BLOB_UPLOAD_UNKNOWN);
    else if (err instanceof PartLengthError) sendError(x, SIZE_INVALID);
    else throw err;
    return undefined;
  }
}

/** Appends a PATCH or final-PUT part after checking its Content-Range against its body. */
async function appendPart(x: Exchange, id: string, defaultOffset: number | undefined): Promise<UploadState | undefined> {
  const plan = planPart(x.req, defaultOffset);
  if ('refusal' in plan) {
    sendError(x, plan.refusal);
    return undefined;
  }
  return append(x, id, plan.offset, plan.body);
}

async function complete(x: Exchange, name: string, id: string, digest: string | null): Promise<void> {
  const { store } = x.ctx;
  if (digest === null || !isDigest(digest)) return sendError(x, DIGEST_INVALID);
  const result = await store.completeUpload(id, digest);
  if (result.ok) return created(x, name, digest);
  sendError(x, result.code === 'DIGEST_INVALID' ? DIGEST_INVALID : BLOB_UPLOAD_UNKNOWN);
}

/** POST /v2/<name>/blobs/uploads/ (InitiateLayerUpload). */
export async function startUpload(x: Exchange, name: string): Promise<void> {
  if (!await guard(x, 'InitiateLayerUpload', name)) return;
  const { store } = x.ctx;
  const mount = x.query.get('mount');
  const from = x.query.get('from');
  if (mount && from && isDigest(mount) && await mayMount(x, from) && await store.mountBlob(name, mount, from)) {
    return created(x, name, mount);
  }
  const up = await store.startUpload(name);
  const digest = x.query.get('digest');
  if (digest === null || mount) return send(x, 202, progress(up));
  if (hasBody(x.req) && !(await append(x, up.id, 0))) return;
  await complete(x, name, up.id, digest);
}

/** The upload named in the path, if it belongs to this repository; else answers 404. */
function findUpload(x: Exchange, name: string, id: string): UploadState | undefined {
  const up = x.ctx.store.getUpload(id);
  if (up?.repository === name) return up;
  sendError(x, BLOB_UPLOAD_UNKNOWN);
  return undefined;
}

/** PATCH (UploadLayerPart), PUT (CompleteLayerUpload), GET status and DELETE of an upload. */
export async function continueUpload(x: Exchange, name: string, id: string): Promise<void> {
  const method = x.req.method;
  const action = method === 'PATCH' ? 'UploadLayerPart' : method === 'PUT' ? 'CompleteLayerUpload' : 'InitiateLayerUpload';
  if (!await guard(x, action, name)) return;
  const found = findUpload(x, name, id);
  if (!found) return;
  const { store } = x.ctx;
  if ((method === 'PATCH' || method === 'PUT') && x.ctx.faults.isOn('disk-full')) {
    // The bytes are read and dropped, as a store that cannot write them would.
    for await (const _chunk of x.req) { /* drained */ }
    sendError(x, DISK_FULL);
    return;
  }
  if (method === 'PATCH') {
    const up = await appendPart(x, id, found.size);
    if (up) send(x, 202, progress(up));
  } else if (method === 'PUT') {
    if (hasBody(x.req) && !(await appendPart(x, id, undefined))) return;
    await complete(x, name, id, x.query.get('digest'));
  } else if (method === 'DELETE') {
    await store.cancelUpload(id);
    send(x, 204, {});
  } else {
    send(x, 204, progress(found));
  }
}

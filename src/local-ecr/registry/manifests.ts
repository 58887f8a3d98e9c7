// Manifests by tag or digest, byte for byte (digest = sha256 of the exact bytes pushed), the
// immutable-tag rule, scan on push, pull times, and the tag list.
import { hasExclusions } from '../mutability.js';
import { createHash } from 'node:crypto';
import { isPullable } from '../image-storage.js';
import { isPullTimeExcluded } from '../pull-time-exclusions.js';
import { isDigest } from '../store/index.js';
import type { ImageRecord, RepositoryRecord } from '../store/types.js';
import { scansOnPush } from '../scanning-config.js';
import {
  DIGEST_INVALID, MANIFEST_TOO_BIG, MANIFEST_UNKNOWN, TAG_INVALID, tagImmutable,
} from './errors.js';
import { readBody, send, sendError, type Exchange } from './exchange.js';
import { guard } from './guard.js';
import { replicateAfterPush } from '../replication/index.js';
import { manifestPath } from './routes.js';

const TAG = /^[a-zA-Z0-9_.-]{1,300}$/;
const MAX_MANIFEST = 4 * 1024 * 1024;

/** Whether a reference is a digest, a tag, or neither (answered 400 by the caller). */
function refKind(ref: string): 'digest' | 'tag' | undefined {
  if (ref.includes(':')) return isDigest(ref) ? 'digest' : undefined;
  return TAG.test(ref) ? 'tag' : undefined;
}

/** HEAD (status only) or GET (BatchGetImage) /v2/<name>/manifests/<ref>. */
export async function getManifest(x: Exchange, name: string, ref: string): Promise<void> {
  if (!await guard(x, 'BatchGetImage', name, { manifest: ref })) return;
  const kind = refKind(ref);
  if (!kind) return sendError(x, ref.includes(':') ? DIGEST_INVALID : TAG_INVALID);
  const { store, clock } = x.ctx;
  const digest = kind === 'digest' ? ref : store.resolveTag(name, ref);
  const image = digest === undefined ? undefined : store.getImage(name, digest);
  const bytes = image && await store.readManifest(name, image.digest);
  // "Archived images cannot be pulled. Requests to pull the archived image will fail with a 404
  // error" (user guide): the same 404 as a missing manifest (UNVERIFIED: ECR's error code).
  if (!image || !bytes || !isPullable(image, clock.now() / 1000)) return sendError(x, MANIFEST_UNKNOWN);
  // A pull by a pull-time update exclusion leaves lastRecordedPullTime alone.
  if (!x.isHead && !isPullTimeExcluded(x.ctx, x.identity)) {
    // Not awaited: a durable catalog commit per pull made every pull wait for two fsyncs, and
    // pulls queued behind pushes' commits. Readers see the time at once; it is written with the
    // next commit (serve's close flushes it). A pull still works on a full disk: only the pull
    // time goes unrecorded, as a lost update of metadata must never fail the learner's pull.
    store.recordPull(name, image.digest, clock.now() / 1000);
  }
  send(x, 200, {
    'content-type': image.manifestMediaType,
    'docker-content-digest': image.digest,
    etag: `"${image.digest}"`,
  }, bytes);
}

async function scanOnPush(x: Exchange, repo: RepositoryRecord, image: ImageRecord): Promise<void> {
  // The repository's own flag and the registry's scanning rules decide together.
  if (!scansOnPush(x.ctx, repo)) return;
  const now = x.ctx.clock.now() / 1000;
  await x.ctx.store.updateImage(repo.name, image.digest, (i) => ({
    ...i, scan: { status: 'COMPLETE', startedAt: now, completedAt: now },
  }));
}

/** PUT /v2/<name>/manifests/<ref> (PutImage). */
export async function putManifest(x: Exchange, name: string, ref: string): Promise<void> {
  const repo = await guard(x, 'PutImage', name);
  if (!repo) return;
  const kind = refKind(ref);
  if (!kind) return sendError(x, ref.includes(':') ? DIGEST_INVALID : TAG_INVALID);
  const { store, clock } = x.ctx;
  const bytes = await readBody(x.req, MAX_MANIFEST);
  if (!bytes) return sendError(x, MANIFEST_TOO_BIG);
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  if (kind === 'digest' && digest !== ref) return sendError(x, DIGEST_INVALID);
  const tag = kind === 'tag' ? ref : undefined;
  // The immutable-tag rule is checked by the store in the same atomic step as the tag move.
  const result = await store.putManifest(name, bytes, x.req.headers['content-type'] ?? '', tag, Math.floor(clock.now() / 1000), { keepImmutableTags: true });
  if ('problem' in result) {
    if (result.problem.code === 'TAG_IMMUTABLE') return sendError(x, tagImmutable(ref, name, hasExclusions(repo)));
    const { code, message } = result.problem;
    const detail = result.problem.code === 'MANIFEST_BLOB_UNKNOWN' ? { digest: result.problem.digest } : undefined;
    return sendError(x, { status: 400, code, message, detail });
  }
  await scanOnPush(x, repo, result.image);
  // Recorded before the answer, so that a restart right after the push still replicates it.
  await replicateAfterPush(x.ctx, name, digest, tag);
  // OCI 1.1: the header tells the client the registry processed `subject` (no referrers tag needed).
  const subject = result.image.subject ? { 'oci-subject': result.image.subject } : {};
  send(x, 201, { location: manifestPath(name, digest), 'docker-content-digest': digest, ...subject });
}

/** GET /v2/<name>/tags/list (ListImages), with `n`/`last` paging as distribution does. */
export async function listTags(x: Exchange, name: string): Promise<void> {
  if (!await guard(x, 'ListImages', name)) return;
  const all = x.ctx.store.listImages(name).flatMap((i) => i.tags).sort();
  const last = x.query.get('last');
  const n = Number(x.query.get('n') ?? NaN);
  const after = last === null ? all : all.filter((t) => t > last);
  const page = Number.isInteger(n) && n >= 0 ? after.slice(0, n) : after;
  const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' };
  if (page.length < after.length) {
    headers.link = `</v2/${name}/tags/list?n=${n}&last=${encodeURIComponent(page[page.length - 1] ?? '')}>; rel="next"`;
  }
  send(x, 200, headers, JSON.stringify({ name, tags: page }));
}

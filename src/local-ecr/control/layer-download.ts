// The download URLs of GetDownloadUrlForLayer. ECR hands out a presigned S3 URL that expires
// after an hour; here the local ECR serves the layer itself under LAYER_BUCKET_PREFIX, with the
// same query shape, an HMAC over what the URL names, and expiry on the local clock. A bad or
// expired URL is answered as S3 answers one: 403 with an XML <Error>.
import { byteRange } from '../byte-range.js';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ServerResponse } from 'node:http';
import type { EcrContext, Handler } from '../context.js';
import { isDigest } from '../store/index.js';

/** Where layer downloads are served; ECR's bucket is `prod-<region>-starport-layer-bucket`. */
export const LAYER_BUCKET_PREFIX = '/starport-layer-bucket/';
/** ECR's download URLs last an hour (`X-Amz-Expires=3600`). */
export const DOWNLOAD_URL_SECONDS = 3600;
// A fixed, visibly local credential: the URL is signed by the local ECR, not by S3.
const SIGNER_KEY_ID = 'AKIAECRLABLAYERBUCKET';

const keys = new WeakMap<EcrContext, Promise<Buffer>>();

/** A key for download URLs, derived from the server's token key so URLs survive a restart. */
function signingKey(ctx: EcrContext): Promise<Buffer> {
  let key = keys.get(ctx);
  if (!key) {
    key = readFile(join(ctx.config.dataDir, 'token.key')).then((secret) => createHmac('sha256', secret).update('layer-download-url').digest());
    keys.set(ctx, key);
  }
  return key;
}

/** `20261201T231500Z`, the form of X-Amz-Date. */
function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function parseAmzDate(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : undefined;
}

function signature(key: Buffer, path: string, date: string, expires: string): string {
  return createHmac('sha256', key).update(`GET\n${path}\n${date}\n${expires}`).digest('hex');
}

function objectPath(registryId: string, repository: string, digest: string): string {
  return `${LAYER_BUCKET_PREFIX}${registryId}/${encodeURIComponent(repository)}/${digest}`;
}

/** A download URL for a layer, valid for an hour from now on the local clock. */
export async function downloadUrl(ctx: EcrContext, registryId: string, repository: string, digest: string): Promise<string> {
  const path = objectPath(registryId, repository, digest);
  const nowMs = ctx.clock.now();
  const date = amzDate(nowMs);
  const expires = String(DOWNLOAD_URL_SECONDS);
  const query = new URLSearchParams({
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256', 'X-Amz-Date': date, 'X-Amz-SignedHeaders': 'host', 'X-Amz-Expires': expires,
    'X-Amz-Credential': `${SIGNER_KEY_ID}/${date.slice(0, 8)}/${ctx.config.region}/s3/aws4_request`,
    'X-Amz-Signature': signature(await signingKey(ctx), path, date, expires),
  });
  return `${ctx.endpoint}${path}?${query.toString()}`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** S3's error document: `<Error><Code>…</Code><Message>…</Message>…</Error>`. */
function sendS3Error(res: ServerResponse, status: number, code: string, message: string, extra: Record<string, string> = {}): void {
  const requestId = randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase();
  const fields = Object.entries({ Code: code, Message: message, ...extra, RequestId: requestId })
    .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`).join('');
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${fields}</Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body), 'x-amz-request-id': requestId });
  res.end(body);
}

type Checked = { readonly ok: true; readonly repository: string; readonly digest: string } | { readonly ok: false; readonly status: number; readonly code: string; readonly message: string; readonly extra?: Record<string, string> };

/** Checks a download URL's path, signature and expiry. */
async function checkUrl(ctx: EcrContext, url: URL): Promise<Checked> {
  const q = url.searchParams;
  const [date, expires, given] = [q.get('X-Amz-Date'), q.get('X-Amz-Expires'), q.get('X-Amz-Signature')];
  if (date === null || expires === null || given === null) return { ok: false, status: 403, code: 'AccessDenied', message: 'Access Denied' };
  const expected = Buffer.from(signature(await signingKey(ctx), url.pathname, date, expires));
  const sent = Buffer.from(given);
  const issued = parseAmzDate(date);
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected) || issued === undefined) {
    return { ok: false, status: 403, code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', extra: { AWSAccessKeyId: SIGNER_KEY_ID } };
  }
  const expiresAt = issued + Number(expires) * 1000;
  const nowMs = ctx.clock.now();
  if (nowMs > expiresAt) {
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return { ok: false, status: 403, code: 'AccessDenied', message: 'Request has expired', extra: { 'X-Amz-Expires': expires, Expires: iso(expiresAt), ServerTime: iso(nowMs) } };
  }
  const parts = url.pathname.slice(LAYER_BUCKET_PREFIX.length).split('/');
  const repository = decodeURIComponent(parts[1] ?? '');
  const digest = parts[2] ?? '';
  return { ok: true, repository, digest };
}

/** GET or HEAD of a download URL: the layer's bytes, exactly as pushed. */
export const handleLayerDownload: Handler = async (req, res, ctx) => {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://local');
  const log = (status: number, errorCode?: string) => ctx.log.add({
    time: ctx.clock.now(), method, path: url.pathname, status, api: 's3:GetObject', ...(errorCode ? { errorCode } : {}),
  });
  if (method !== 'GET' && method !== 'HEAD') {
    sendS3Error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    return void log(405, 'MethodNotAllowed');
  }
  const checked = await checkUrl(ctx, url);
  if (!checked.ok) {
    sendS3Error(res, checked.status, checked.code, checked.message, checked.extra);
    return void log(checked.status, checked.code);
  }
  const size = isDigest(checked.digest) ? ctx.store.blobSize(checked.repository, checked.digest) : undefined;
  const range = size === undefined ? undefined : byteRange(req.headers.range, size);
  if (size !== undefined && range === 'unsatisfiable') {
    sendS3Error(res, 416, 'InvalidRange', 'The requested range is not satisfiable', { RangeRequested: String(req.headers.range), ActualObjectSize: String(size) });
    return void log(416, 'InvalidRange');
  }
  const part = range === 'unsatisfiable' ? undefined : range;
  const stream = size === undefined || method === 'HEAD' ? undefined : ctx.store.openBlob(checked.repository, checked.digest, part);
  if (size === undefined || (method === 'GET' && !stream)) {
    sendS3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.', { Key: url.pathname.slice(LAYER_BUCKET_PREFIX.length) });
    return void log(404, 'NoSuchKey');
  }
  const etag = `"${checked.digest.slice('sha256:'.length, 'sha256:'.length + 32)}"`;
  const headers = { 'content-type': 'application/octet-stream', 'accept-ranges': 'bytes', etag };
  if (part) {
    res.writeHead(206, { ...headers, 'content-length': part.end - part.start + 1, 'content-range': `bytes ${part.start}-${part.end}/${size}` });
  } else {
    res.writeHead(200, { ...headers, 'content-length': size });
  }
  log(part ? 206 : 200);
  if (stream) await pipeline(stream, res);
  else res.end();
};

// HEAD and GET of a blob, scoped to the repository: a layer pushed to another repository is
// unknown here until mounted (ECR.md pitfall 8). GET streams the file; ECR would redirect to S3.
import { pipeline } from 'node:stream/promises';
import { isDigest } from '../store/index.js';
import { BLOB_UNKNOWN } from './errors.js';
import { send, sendError, type Exchange } from './exchange.js';
import { guard } from './guard.js';

/**
 * A single `bytes=a-b`, `bytes=a-` or `bytes=-n` range within `size` (RFC 9110 §14); undefined
 * when there is none or it cannot be read (then the whole blob is sent, as the RFC says);
 * 'unsatisfiable' when it lies wholly past the end (answered 416).
 */
function byteRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const m = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    return suffix > 0 && size > 0 ? { start: Math.max(size - suffix, 0), end: size - 1 } : 'unsatisfiable';
  }
  const start = Number(m[1]);
  if (m[2] !== '' && Number(m[2]) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end: m[2] ? Math.min(Number(m[2]), size - 1) : size - 1 };
}

/** HEAD (BatchCheckLayerAvailability) or GET (GetDownloadUrlForLayer) /v2/<name>/blobs/<digest>. */
export async function serveBlob(x: Exchange, name: string, digest: string): Promise<void> {
  const action = x.isHead ? 'BatchCheckLayerAvailability' : 'GetDownloadUrlForLayer';
  if (!await guard(x, action, name, { blob: digest })) return;
  const { store } = x.ctx;
  const size = isDigest(digest) ? store.blobSize(name, digest) : undefined;
  if (size === undefined) return sendError(x, BLOB_UNKNOWN);
  const headers = {
    'content-type': 'application/octet-stream',
    'docker-content-digest': digest,
    'accept-ranges': 'bytes',
    'cache-control': 'max-age=31536000',
    etag: `"${digest}"`,
  };
  if (x.isHead) return send(x, 200, { ...headers, 'content-length': size });
  const range = byteRange(x.req.headers.range, size);
  if (range === 'unsatisfiable') return send(x, 416, { ...headers, 'content-range': `bytes */${size}` });
  const stream = store.openBlob(name, digest, range);
  if (!stream) return sendError(x, BLOB_UNKNOWN);
  if (range) {
    x.res.writeHead(206, {
      ...headers,
      'content-length': range.end - range.start + 1,
      'content-range': `bytes ${range.start}-${range.end}/${size}`,
    });
  } else {
    x.res.writeHead(200, { ...headers, 'content-length': size });
  }
  await pipeline(stream, x.res);
}

// HEAD and GET of a blob, scoped to the repository: a layer pushed to another repository is
// unknown here until mounted (ECR.md pitfall 8). GET streams the file; ECR would redirect to S3.
import { byteRange } from '../byte-range.js';
import { pipeline } from 'node:stream/promises';
import { isDigest } from '../store/index.js';
import { BLOB_UNKNOWN } from './errors.js';
import { send, sendError, type Exchange } from './exchange.js';
import { guard } from './guard.js';

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

// Reads manifests and blobs from a rule's upstream registry. The real upstream hosts
// (registry-1.docker.io, public.ecr.aws, ...) are mapped to ecr-lab's loopback upstream: the
// request goes to its address with the real host in the Host header, so the upstream answers
// as that registry would.
import { request } from 'node:http';

/** Accepted manifest types, as docker sends them. */
const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** Nothing an upstream serves to the cache is larger than this (the stand-ins are KiB). */
const MAX_BODY = 64 * 1024 * 1024;

export interface UpstreamAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

/** GET `path` from the upstream at `address` (host:port) as `upstreamHost`. */
export function upstreamGet(address: string, upstreamHost: string, path: string): Promise<UpstreamAnswer> {
  const url = new URL(`http://${address}${path}`);
  return new Promise((resolve, reject) => {
    const req = request({
      host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port, path: url.pathname, method: 'GET',
      headers: { host: upstreamHost, accept: ACCEPT },
    }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY) req.destroy(new Error(`upstream answer larger than ${MAX_BODY} bytes`));
        else chunks.push(chunk);
      });
      res.on('end', () => resolve({
        status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks),
      }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

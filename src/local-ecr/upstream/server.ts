// ecr-lab's loopback upstream: a small read-only registry (API v2, anonymous pulls) that plays
// Docker Hub and ECR Public for the pull-through cache, from the stand-in images of
// ./content.ts. The real upstream host is chosen by the Host header (the cache sends
// `Host: registry-1.docker.io`, say); a loopback Host means Docker Hub. Hosts it ships nothing
// for (quay.io, ghcr.io, ...) answer every repository as unknown, as an upstream without that
// image would.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EcrContext } from '../context.js';
import { findBlob, findManifest, hasRepository, registryOfHost, tagsOf } from './content.js';

export interface Upstream {
  /** host:port on loopback. */
  readonly address: string;
  close(): Promise<void>;
}

const running = new WeakMap<EcrContext, Upstream>();

/** The loopback upstream started with this local ECR, if any. */
export function upstreamOf(ctx: EcrContext): Upstream | undefined {
  return running.get(ctx);
}

function reply(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string | number>, body: Buffer): void {
  res.writeHead(status, { 'docker-distribution-api-version': 'registry/2.0', 'content-length': body.length, ...headers });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function error(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string): void {
  reply(req, res, status, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify({ errors: [{ code, message }] })));
}

const ROUTE = /^\/v2\/(.+)\/(manifests|blobs|tags)\/(.+)$/;

function answer(req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return error(req, res, 405, 'UNSUPPORTED', 'The operation is unsupported.');
  const path = new URL(req.url ?? '/', 'http://upstream').pathname;
  if (path === '/v2/' || path === '/v2') return reply(req, res, 200, { 'content-type': 'application/json' }, Buffer.from('{}'));
  const registry = registryOfHost(req.headers.host ?? '') ?? 'docker-hub';
  const m = ROUTE.exec(path);
  if (!m) return error(req, res, 404, 'NOT_FOUND', 'page not found');
  const [, name, kind, ref] = m as unknown as [string, string, string, string];
  if (!hasRepository(registry, name)) return error(req, res, 404, 'NAME_UNKNOWN', 'repository name not known to registry');
  if (kind === 'tags') {
    return reply(req, res, 200, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify({ name, tags: tagsOf(registry, name) })));
  }
  if (kind === 'manifests') {
    const manifest = findManifest(registry, name, ref);
    if (!manifest) return error(req, res, 404, 'MANIFEST_UNKNOWN', 'manifest unknown');
    return reply(req, res, 200, { 'content-type': manifest.mediaType, 'docker-content-digest': manifest.digest }, manifest.bytes);
  }
  const blob = findBlob(registry, name, ref);
  if (!blob) return error(req, res, 404, 'BLOB_UNKNOWN', 'blob unknown to registry');
  return reply(req, res, 200, { 'content-type': 'application/octet-stream', 'docker-content-digest': ref }, blob);
}

/** Answers one request; a fault in the shipped content answers 500, never stops serve. */
function handle(req: IncomingMessage, res: ServerResponse): void {
  try {
    answer(req, res);
  } catch {
    if (!res.headersSent) error(req, res, 500, 'UNKNOWN', 'unknown error');
    else res.destroy();
  }
}

/** Starts the upstream on loopback (a free port unless given) for this local ECR. */
export async function startUpstream(ctx: EcrContext, host = '127.0.0.1', port = 0): Promise<Upstream> {
  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  const upstream: Upstream = {
    address: `${host.includes(':') ? `[${host}]` : host}:${bound}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
  running.set(ctx, upstream);
  return upstream;
}

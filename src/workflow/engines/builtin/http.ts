// The few calls the built-in engine makes, over node:http/https rather than global fetch:
// the SDK already loads node:http, while the first fetch() makes Node load undici (~40 ms of
// a `run all` on the local ECR). Bodies here are small (the demo image), so they are buffered.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** The part of a fetch Response the registry client reads. */
export interface HttpResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
  json(): Promise<unknown>;
}

export interface HttpInit {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: Uint8Array;
  readonly signal?: AbortSignal;
}

function collect(res: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks)));
    res.on('error', reject);
  });
}

/** Sends one request and reads the whole answer. */
export function httpFetch(url: string | URL, init: HttpInit = {}): Promise<HttpResponse> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = { ...init.headers, ...(init.body ? { 'content-length': String(init.body.length) } : {}) };
  return new Promise((resolve, reject) => {
    const req = send(target, { method: init.method ?? 'GET', headers, signal: init.signal }, (res) => {
      const body = collect(res);
      body.catch(() => undefined);
      resolve({
        status: res.statusCode ?? 0,
        statusText: res.statusMessage ?? '',
        headers: { get: (name) => { const v = res.headers[name.toLowerCase()]; return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v; } },
        arrayBuffer: async () => { const b = await body; return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer; },
        json: async () => JSON.parse((await body).toString('utf8')) as unknown,
      });
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

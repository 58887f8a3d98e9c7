// One registry request and its answer: the helpers that write responses the way ECR does
// (API version header always, JSON `errors` bodies on 4xx except to HEAD) and remember the
// error code for the request log.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Caller } from '../iam/types.js';
import type { EcrContext } from '../context.js';

/** A request in flight, with what the log needs to know about it. */
export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly ctx: EcrContext;
  readonly isHead: boolean;
  /** The query string's parameters. */
  readonly query: URLSearchParams;
  identity?: Caller;
  errorCode?: string;
}

/** A registry error: status, code and ECR's message. */
export interface RegistryError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly detail?: unknown;
}

/** Writes a response; the body is left out for HEAD but Content-Length is kept. */
export function send(x: Exchange, status: number, headers: OutgoingHttpHeaders, body?: Buffer | string): void {
  const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
  x.res.writeHead(status, { 'content-length': bytes?.length ?? 0, ...headers });
  x.res.end(x.isHead ? undefined : bytes);
}

/** Answers with `{"errors":[{code,message}]}` (HEAD: status only, as ECR does). */
export function sendError(x: Exchange, error: RegistryError): void {
  x.errorCode = error.code;
  const entry = error.detail === undefined
    ? { code: error.code, message: error.message }
    : { code: error.code, message: error.message, detail: error.detail };
  if (x.isHead) {
    x.res.writeHead(error.status, { 'content-length': 0 });
    x.res.end();
    return;
  }
  send(x, error.status, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify({ errors: [entry] }));
}

/** Reads a small request body (a manifest) whole, refusing more than `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** True when the request carries a body (a length above 0 or a chunked stream). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

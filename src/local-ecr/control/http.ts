// Reading API request bodies and writing ECR JSON 1.1 responses (ECR.md §1.1).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EcrError } from './errors.js';

/** UploadLayerPart carries up to 20 MiB as base64 (about 26.7 MiB); leave room for the rest. */
const MAX_BODY_BYTES = 30 * 1024 * 1024;
export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

export function newRequestId(): string {
  return randomUUID();
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // Read to the end and drop the rest: answering before the body is in makes the CLI see
    // a closed connection (and retry) instead of the error.
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
    else chunks.length = 0;
  }
  if (size > MAX_BODY_BYTES) throw new EcrError('SerializationException', 'Request body too large');
  return Buffer.concat(chunks);
}

/** Parses a JSON 1.1 body; an empty body counts as `{}`. */
export function parseJsonBody(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new EcrError('SerializationException', 'Start of structure or map found where not expected.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EcrError('SerializationException', 'Start of structure or map found where not expected.');
  }
  return value as Record<string, unknown>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': JSON_CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
  });
  res.end(text);
}

export function sendEcrError(res: ServerResponse, error: EcrError, requestId: string): void {
  sendJson(res, error.status, { __type: error.type, message: error.message, ...error.fields }, requestId);
}

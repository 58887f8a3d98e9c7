// Verifies AWS Signature Version 4 on incoming API requests by re-signing them with the
// identity's secret (@smithy/signature-v4) and comparing signatures; also checks clock skew
// and the credential scope, and says why a request was refused in AWS's own words.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Caller } from './iam/types.js';
import type { CredentialLookup } from './iam/world.js';

/** How far X-Amz-Date may be from the server's clock. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

export interface SignedRequest {
  readonly method: string;
  /** Path with query, as received. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface VerifyOptions {
  /** Finds who holds an access key (and whether it may be used now). */
  readonly lookup: (accessKeyId: string) => CredentialLookup;
  readonly region: string;
  readonly service: string;
  readonly nowMs: number;
}

export type SigV4Failure = 'missing' | 'incomplete' | 'unknown-key' | 'expired-token' | 'signature' | 'skew' | 'scope';

export type SigV4Result =
  | { readonly ok: true; readonly identity: Caller }
  | { readonly ok: false; readonly failure: SigV4Failure; readonly message: string };

interface AuthHeader {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** Parses `AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, SignedHeaders=…, Signature=…`. */
export function parseAuthorization(value: string): AuthHeader | undefined {
  const m = /^AWS4-HMAC-SHA256\s+(.*)$/.exec(value.trim());
  if (!m) return undefined;
  const parts = new Map<string, string>();
  for (const piece of m[1].split(',')) {
    const eq = piece.indexOf('=');
    if (eq > 0) parts.set(piece.slice(0, eq).trim(), piece.slice(eq + 1).trim());
  }
  const scope = parts.get('Credential')?.split('/');
  const signedHeaders = parts.get('SignedHeaders');
  const signature = parts.get('Signature');
  if (!scope || scope.length !== 5 || scope[4] !== 'aws4_request' || !signedHeaders || !signature) return undefined;
  return {
    accessKeyId: scope[0], date: scope[1], region: scope[2], service: scope[3],
    signedHeaders: signedHeaders.toLowerCase().split(';'), signature,
  };
}

/** `20240102T030405Z` <-> epoch ms. */
export function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function parseAmzDate(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : undefined;
}

/** AWS's text for a request signed too long ago or too far ahead, or undefined when in range. */
export function skewMessage(requestMs: number, nowMs: number): string | undefined {
  const req = formatAmzDate(requestMs);
  if (requestMs < nowMs - MAX_SKEW_MS) {
    return `Signature expired: ${req} is now earlier than ${formatAmzDate(nowMs - MAX_SKEW_MS)} (${formatAmzDate(nowMs)} - 15 min.)`;
  }
  if (requestMs > nowMs + MAX_SKEW_MS) {
    return `Signature not yet current: ${req} is still later than ${formatAmzDate(nowMs + MAX_SKEW_MS)} (${formatAmzDate(nowMs)} + 15 min.)`;
  }
  return undefined;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

const INVALID_TOKEN = 'The security token included in the request is invalid.';

const INVALID_SIGNATURE = 'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/**
 * AWS's text when a header that must be signed is not in SignedHeaders: `host` always (else a
 * captured signature could be replayed against another endpoint), and for the JSON protocol
 * the `X-Amz-Target` that names the operation (else one call's signature could run another).
 */
export function unsignedRequiredHeader(req: SignedRequest, auth: Pick<AuthHeader, 'signedHeaders'>): string | undefined {
  if (!auth.signedHeaders.includes('host')) return "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";
  if (header(req.headers, 'x-amz-target') !== undefined && !auth.signedHeaders.includes('x-amz-target')) {
    // UNVERIFIED: AWS's wording for this header; the pattern is the one AWS uses for every
    // required header ("'Content-Type' must be a 'SignedHeader' in the AWS Authorization.").
    return "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.";
  }
  return undefined;
}

/**
 * SHA-256 and HMAC-SHA256 for the signer from node:crypto, the class the SDK's own Node clients
 * sign with: the pure-JavaScript @aws-crypto/sha256-js took ~0.5 ms a request, more while cold.
 */
const NodeSha256 = Hash.bind(null, 'sha256');

/** Recomputes the signature the client should have sent with `identity`'s secret. */
async function expectedSignature(req: SignedRequest, auth: AuthHeader, identity: Caller, signingDate: Date): Promise<string | undefined> {
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = header(req.headers, name);
    if (value === undefined) return undefined;
    headers[name] = value;
  }
  // A signed payload hash must be the hash of the body actually received.
  if (headers['x-amz-content-sha256'] !== undefined) headers['x-amz-content-sha256'] = createHash('sha256').update(req.body).digest('hex');
  const [path, search = ''] = req.url.split('?', 2);
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(search)) query[k] = k in query ? ([] as string[]).concat(query[k], v) : v;
  const signer = new SignatureV4({
    credentials: { accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey },
    region: auth.region, service: auth.service, sha256: NodeSha256, applyChecksum: false,
  });
  const signed = await signer.sign(
    { method: req.method, protocol: 'http:', hostname: headers.host ?? '', path, query, headers, body: req.body },
    { signingDate, signableHeaders: new Set(auth.signedHeaders) },
  );
  return /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization))?.[1];
}

/** Checks the request's SigV4 signature; the result names the identity or AWS's reason for refusing. */
export async function verifySigV4(req: SignedRequest, options: VerifyOptions): Promise<SigV4Result> {
  const authorization = header(req.headers, 'authorization');
  if (!authorization) return { ok: false, failure: 'missing', message: 'Missing Authentication Token' };
  const auth = parseAuthorization(authorization);
  const amzDate = header(req.headers, 'x-amz-date');
  const requestMs = amzDate === undefined ? undefined : parseAmzDate(amzDate);
  if (!auth || requestMs === undefined) {
    return { ok: false, failure: 'incomplete', message: "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters and an 'X-Amz-Date' header." };
  }
  const skew = skewMessage(requestMs, options.nowMs);
  if (skew) return { ok: false, failure: 'skew', message: skew };
  const unsigned = unsignedRequiredHeader(req, auth);
  if (unsigned) return { ok: false, failure: 'signature', message: unsigned };
  if (auth.region !== options.region) {
    return { ok: false, failure: 'scope', message: `Credential should be scoped to a valid region, not '${auth.region}'.` };
  }
  if (auth.service !== options.service) {
    return { ok: false, failure: 'scope', message: `Credential should be scoped to correct service: '${options.service}'.` };
  }
  const found = options.lookup(auth.accessKeyId);
  if (found.status !== 'ok' && found.status !== 'expired') return { ok: false, failure: 'unknown-key', message: INVALID_TOKEN };
  const identity = found.caller;
  // A role session's key is only good with its own session token, and a long-term key with
  // none: AWS refuses a session token it did not issue for the key (a stale AWS_SESSION_TOKEN).
  if (header(req.headers, 'x-amz-security-token') !== identity.sessionToken) {
    return { ok: false, failure: 'unknown-key', message: INVALID_TOKEN };
  }
  const expected = await expectedSignature(req, auth, identity, new Date(requestMs));
  const given = Buffer.from(auth.signature);
  if (!expected || expected.length !== given.length || !timingSafeEqual(Buffer.from(expected), given)) {
    return { ok: false, failure: 'signature', message: INVALID_SIGNATURE };
  }
  if (found.status === 'expired') return { ok: false, failure: 'expired-token', message: 'The security token included in the request is expired' };
  return { ok: true, identity };
}

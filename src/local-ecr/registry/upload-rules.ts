// The rules an upload request must meet before its bytes are taken: when a cross-repository
// mount may happen (as on ECR), and whether a part's Content-Range agrees with its body.
import type { IncomingMessage } from 'node:http';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { authorizeCall } from '../access.js';
import { accountSetting } from '../account-settings.js';
import { repositoryArn } from '../iam/arn.js';
import type { Caller } from '../iam/types.js';
import { contentRangeInvalid, rangeUnsatisfiable, SIZE_INVALID } from './errors.js';
import type { Exchange, RegistryError } from './exchange.js';

/**
 * ECR mounts only with BLOB_MOUNTING ENABLED (aws/containers-roadmap#2860) and, like any read
 * of `from`, only for a caller who may pull from it (repository policy and explicit denies
 * included). Otherwise the request starts a normal upload (202), never an error.
 */
export async function mayMount(x: Exchange, from: string): Promise<boolean> {
  if (accountSetting(x.ctx, 'BLOB_MOUNTING') !== 'ENABLED') return false;
  const { region, account } = x.ctx.config;
  const arn = repositoryArn(region, account, from);
  for (const action of ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']) {
    if (await authorizeCall(x.ctx, x.identity as Caller, action, arn) !== undefined) return false;
  }
  return true;
}

/** Raised at the end of a part whose body is not as long as its Content-Range says. */
export class PartLengthError extends Error {
  constructor(readonly expected: number, readonly received: number) {
    super(`the part carries ${received} bytes, its Content-Range says ${expected}`);
    this.name = 'PartLengthError';
  }
}

/**
 * Passes at most `expected` bytes on and fails at the end if the body was longer or shorter;
 * the rest is read and dropped, so the client gets the answer instead of a reset connection.
 */
class ExactLength extends Transform {
  private received = 0;

  constructor(private readonly expected: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const room = this.expected - this.received;
    this.received += chunk.length;
    done(null, room > 0 ? chunk.subarray(0, room) : undefined);
  }

  override _flush(done: TransformCallback): void {
    done(this.received === this.expected ? null : new PartLengthError(this.expected, this.received));
  }
}

/** What a part's headers allow: where it must start and the body to store, or the refusal. */
export type PartPlan = { readonly offset?: number; readonly body: Readable } | { readonly refusal: RegistryError };

/**
 * Reads `Content-Range: <start>-<end>` (inclusive, distribution-spec `^[0-9]+-[0-9]+$`). Without
 * one the part goes at `defaultOffset` (docker sends one chunked PATCH without it). An unreadable
 * header is 400, an end before the start 416, a Content-Length that disagrees 400 SIZE_INVALID;
 * a chunked body that disagrees fails with PartLengthError once read.
 */
export function planPart(req: IncomingMessage, defaultOffset: number | undefined): PartPlan {
  const header = req.headers['content-range'];
  if (header === undefined) return { offset: defaultOffset, body: req };
  const m = /^(\d+)-(\d+)$/.exec(header.trim());
  if (!m) return { refusal: contentRangeInvalid(header) };
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (end < start) return { refusal: rangeUnsatisfiable(header) };
  const expected = end - start + 1;
  const length = req.headers['content-length'];
  if (length !== undefined && Number(length) !== expected) return { refusal: SIZE_INVALID };
  const body = new ExactLength(expected);
  // pipeline, not pipe: a request that aborts must fail the append, not leave it waiting.
  pipeline(req, body, () => undefined);
  return { offset: start, body };
}

// One ECR JSON 1.1 call: SigV4, simulated IAM, the operation, and the JSON answer.
import type { ServerResponse } from 'node:http';
import type { EcrContext } from '../context.js';
import { authorizeCall, lookupCredential } from '../access.js';
import { verifySigV4, type SigV4Failure, type SignedRequest } from '../sigv4.js';
import type { Call, Operation } from './call.js';
import { isWriteFailure, RepositoryGoneError } from '../store/index.js';
import { EcrError, repositoryNotFound } from './errors.js';
import { parseJsonBody, sendEcrError, sendJson } from './http.js';

const AUTH_ERRORS: Readonly<Record<SigV4Failure, string>> = {
  missing: 'MissingAuthenticationTokenException',
  incomplete: 'IncompleteSignatureException',
  'unknown-key': 'UnrecognizedClientException',
  'expired-token': 'ExpiredTokenException',
  signature: 'InvalidSignatureException',
  skew: 'InvalidSignatureException',
  scope: 'InvalidSignatureException',
};

/** What the log records about one ECR call. */
export interface EcrOutcome {
  readonly status: number;
  readonly errorCode?: string;
  readonly caller?: string;
}

async function run(req: SignedRequest, operation: Operation, name: string, ctx: EcrContext): Promise<{ result: unknown; caller: string }> {
  const auth = await verifySigV4(req, { lookup: (id) => lookupCredential(ctx, id), region: ctx.config.region, service: 'ecr', nowMs: ctx.clock.clientNow() });
  if (!auth.ok) throw new EcrError(AUTH_ERRORS[auth.failure], auth.message);
  const caller = auth.identity.arn;
  try {
    const call: Call = { ctx, identity: auth.identity, input: parseJsonBody(req.body), now: ctx.clock.now() / 1000 };
    const denial = await authorizeCall(ctx, auth.identity, operation.iamAction ?? `ecr:${name}`, operation.resource(call));
    if (denial) throw new EcrError('AccessDeniedException', denial);
    return { result: await operation.run(call), caller };
  } catch (err) {
    throw Object.assign(err as Error, { caller });
  }
}

/**
 * An error that is not ECR's own: a repository deleted by a concurrent call is
 * RepositoryNotFoundException, as on ECR; a store that cannot write is a ServerException naming
 * the cause (ENOSPC) but not the data directory's path; anything else is a ServerException.
 */
function unexpected(err: unknown, account: string): EcrError {
  if (err instanceof RepositoryGoneError) return repositoryNotFound(err.repository, account);
  if (isWriteFailure(err)) return new EcrError('ServerException', `the local ECR could not write to its data directory (${err.code})`);
  return new EcrError('ServerException', (err as Error)?.message ?? String(err));
}

/** Answers one ECR request for a known operation; never throws for client errors. */
export async function handleEcr(req: SignedRequest, operation: Operation, name: string, res: ServerResponse, ctx: EcrContext, requestId: string): Promise<EcrOutcome> {
  try {
    const { result, caller } = await run(req, operation, name, ctx);
    sendJson(res, 200, result, requestId);
    return { status: 200, caller };
  } catch (err) {
    const caller = (err as { caller?: string }).caller;
    const error = err instanceof EcrError ? err : unexpected(err, ctx.config.account);
    sendEcrError(res, error, requestId);
    return { status: error.status, errorCode: error.type, ...(caller ? { caller } : {}) };
  }
}

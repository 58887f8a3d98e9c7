// SigV4 for the Query services (IAM and STS): who signed the request, or the Query error
// AWS answers with when the signature, key or session token does not hold.
import type { EcrContext } from '../../context.js';
import { lookupCredential } from '../../access.js';
import type { Caller } from '../../iam/types.js';
import { parseAuthorization, verifySigV4, type SigV4Failure, type SignedRequest } from '../../sigv4.js';
import { QueryError } from './xml.js';

/** Query-protocol codes and statuses for each way SigV4 can fail (ECR.md §1.2). */
const AUTH_ERRORS: Readonly<Record<SigV4Failure, { code: string; status: number; message?: string }>> = {
  missing: { code: 'MissingAuthenticationToken', status: 403, message: 'Request is missing Authentication Token' },
  incomplete: { code: 'IncompleteSignature', status: 400 },
  'unknown-key': { code: 'InvalidClientTokenId', status: 403 },
  'expired-token': { code: 'ExpiredToken', status: 403 },
  signature: { code: 'SignatureDoesNotMatch', status: 403 },
  skew: { code: 'SignatureDoesNotMatch', status: 403 },
  scope: { code: 'SignatureDoesNotMatch', status: 403 },
};

/** The service a request was signed for, from its credential scope (`AKID/date/region/service/aws4_request`). */
export function signedService(req: SignedRequest): string | undefined {
  const value = req.headers.authorization;
  return parseAuthorization(Array.isArray(value) ? value.join(',') : value ?? '')?.service;
}

/**
 * The region the request must be scoped to. STS is regional. IAM is global: against AWS the
 * clients always sign it for us-east-1, but with `--endpoint-url` the CLI (2.9) and the JS SDK
 * sign it for the client's configured region, so any region passes, as IAM never fails by region.
 */
function expectedRegion(req: SignedRequest, ctx: EcrContext, service: 'iam' | 'sts'): string {
  if (service !== 'iam') return ctx.config.region;
  const value = req.headers.authorization;
  return parseAuthorization(Array.isArray(value) ? value.join(',') : value ?? '')?.region ?? ctx.config.region;
}

/** Verifies the signature; resolves to the caller, or throws the QueryError AWS would answer. */
export async function authenticate(req: SignedRequest, ctx: EcrContext, service: 'iam' | 'sts'): Promise<Caller> {
  const auth = await verifySigV4(req, {
    lookup: (id) => lookupCredential(ctx, id),
    region: expectedRegion(req, ctx, service),
    service,
    // Signatures are dated by the client's clock, which a moved local clock does not move.
    nowMs: ctx.clock.clientNow(),
  });
  if (auth.ok) return auth.identity;
  const error = AUTH_ERRORS[auth.failure];
  throw new QueryError(error.code, error.status, error.message ?? auth.message);
}

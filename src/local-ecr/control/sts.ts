// STS GetCallerIdentity over the Query protocol: form body in, XML out (ECR.md §1.2).
import type { ServerResponse } from 'node:http';
import type { EcrContext } from '../context.js';
import { lookupCredential } from '../access.js';
import { verifySigV4, type SigV4Failure, type SignedRequest } from '../sigv4.js';

const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** Query-protocol error codes and statuses for each way SigV4 can fail. */
const AUTH_ERRORS: Readonly<Record<SigV4Failure, { code: string; status: number; message?: string }>> = {
  missing: { code: 'MissingAuthenticationToken', status: 403, message: 'Request is missing Authentication Token' },
  incomplete: { code: 'IncompleteSignature', status: 400 },
  'unknown-key': { code: 'InvalidClientTokenId', status: 403 },
  'expired-token': { code: 'ExpiredToken', status: 400 },
  signature: { code: 'SignatureDoesNotMatch', status: 403 },
  skew: { code: 'SignatureDoesNotMatch', status: 403 },
  scope: { code: 'SignatureDoesNotMatch', status: 403 },
};

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function sendXml(res: ServerResponse, status: number, xml: string, requestId: string): void {
  res.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml), 'x-amzn-requestid': requestId });
  res.end(xml);
}

export function sendStsError(res: ServerResponse, status: number, code: string, message: string, requestId: string): void {
  sendXml(res, status, `<ErrorResponse xmlns="${XMLNS}">\n  <Error>\n    <Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type>\n` +
    `    <Code>${escapeXml(code)}</Code>\n    <Message>${escapeXml(message)}</Message>\n  </Error>\n` +
    `  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`, requestId);
}

/** What the log records about one STS call. */
export interface StsOutcome {
  readonly action: string;
  readonly status: number;
  readonly errorCode?: string;
  readonly caller?: string;
}

/** Answers one STS Query request whose form body has already been parsed. */
export async function handleSts(req: SignedRequest, form: URLSearchParams, res: ServerResponse, ctx: EcrContext, requestId: string): Promise<StsOutcome> {
  const action = form.get('Action') ?? '';
  const auth = await verifySigV4(req, { lookup: (id) => lookupCredential(ctx, id), region: ctx.config.region, service: 'sts', nowMs: ctx.clock.clientNow() });
  if (!auth.ok) {
    const error = AUTH_ERRORS[auth.failure];
    sendStsError(res, error.status, error.code, error.message ?? auth.message, requestId);
    return { action, status: error.status, errorCode: error.code };
  }
  const caller = auth.identity.arn;
  if (action !== 'GetCallerIdentity') {
    sendStsError(res, 400, 'InvalidAction', `Could not find operation ${action} for version ${form.get('Version') ?? 'NO_VERSION_SPECIFIED'}`, requestId);
    return { action, status: 400, errorCode: 'InvalidAction', caller };
  }
  const { arn, userId, account } = auth.identity;
  sendXml(res, 200, `<GetCallerIdentityResponse xmlns="${XMLNS}">\n  <GetCallerIdentityResult>\n` +
    `    <Arn>${escapeXml(arn)}</Arn>\n    <UserId>${escapeXml(userId)}</UserId>\n    <Account>${escapeXml(account)}</Account>\n` +
    `  </GetCallerIdentityResult>\n  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n` +
    `</GetCallerIdentityResponse>\n`, requestId);
  return { action, status: 200, caller };
}

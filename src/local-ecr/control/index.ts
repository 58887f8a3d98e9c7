// The control plane on `POST /`: ECR's JSON 1.1 API (by X-Amz-Target), and IAM's and STS's
// Query APIs (a form body with Action=, told apart by the signing service), each logged once
// without secrets.
import type { Handler } from '../context.js';
import type { SignedRequest } from '../sigv4.js';
import { handleEcr, type EcrOutcome } from './ecr.js';
import { EcrError } from './errors.js';
import { newRequestId, readBody, sendEcrError } from './http.js';
import { operationFor } from './operations.js';
import { handleIam } from './iam-api/index.js';
import { signedService } from './iam-api/signing.js';
import { handleSts } from './sts.js';

function isForm(contentType: string | undefined, body: Buffer): boolean {
  return (contentType ?? '').startsWith('application/x-www-form-urlencoded') || /^Action=/.test(body.toString('latin1', 0, 7));
}

/** IAM when signed for `iam` (or, unsigned, when it names IAM's API version); STS otherwise. */
function queryService(signed: SignedRequest, form: URLSearchParams): 'iam' | 'sts' {
  const service = signedService(signed);
  if (service !== undefined) return service === 'iam' ? 'iam' : 'sts';
  return form.get('Version') === '2010-05-08' ? 'iam' : 'sts';
}

/** Bodies above this (a base64 layer part, up to ~27 MiB) are handled one at a time. */
const LARGE_BODY_BYTES = 1 << 20;
let largeBodies: Promise<unknown> = Promise.resolve();

/**
 * A large body is held four times over while it is read, parsed and decoded (~110 MiB for a
 * 20 MiB layer part), so such calls take turns: thirty learners uploading parts with the CLI
 * at once queue instead of taking gigabytes. Small calls never wait.
 */
const answerControl: Handler = (req, res, ctx) => {
  const length = Number(req.headers['content-length'] ?? (req.headers['transfer-encoding'] ? Infinity : 0));
  if (!(length > LARGE_BODY_BYTES)) return handleOne(req, res, ctx);
  const turn = largeBodies.then(() => handleOne(req, res, ctx));
  largeBodies = turn.catch(() => undefined);
  return turn;
};

/** Answers ECR, IAM and STS API calls; see ECR.md §1. */
export const handleControl: Handler = answerControl;

const handleOne: Handler = async (req, res, ctx) => {
  const requestId = newRequestId();
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (err) {
    if (!(err instanceof EcrError)) throw err;
    sendEcrError(res, err, requestId);
    ctx.log.add({ time: ctx.clock.now(), method: req.method ?? 'POST', path: '/', status: err.status, errorCode: err.type, api: 'ecr' });
    return;
  }
  const signed: SignedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body };
  const authScheme = req.headers.authorization?.split(' ')[0];
  const target = req.headers['x-amz-target'];
  const log = (op: string, api: string, outcome: EcrOutcome) => ctx.log.add({
    time: ctx.clock.now(), method: signed.method, path: `/ ${op}`, status: outcome.status, api,
    ...(outcome.errorCode ? { errorCode: outcome.errorCode } : {}),
    ...(outcome.caller ? { caller: outcome.caller } : {}),
    ...(authScheme ? { auth: authScheme } : {}),
  });
  const targetText = Array.isArray(target) ? target[0] : target;
  if (signed.method === 'POST' && targetText === undefined && isForm(req.headers['content-type'], body)) {
    const form = new URLSearchParams(body.toString('utf8'));
    const service = queryService(signed, form);
    const outcome = await (service === 'iam' ? handleIam : handleSts)(signed, form, res, ctx, requestId);
    log(outcome.action, `${service}:${outcome.action}`, outcome);
    return;
  }
  const found = signed.method === 'POST' && (signed.url === '/' || signed.url.startsWith('/?')) ? operationFor(targetText) : undefined;
  if (!found) {
    const op = targetText?.split('.').pop() ?? '';
    sendEcrError(res, new EcrError('UnknownOperationException', `Unknown operation ${targetText ?? '(no X-Amz-Target)'}`), requestId);
    log(op, `ecr:${op}`, { status: 400, errorCode: 'UnknownOperationException' });
    return;
  }
  const outcome = await handleEcr(signed, found.operation, found.name, res, ctx, requestId);
  log(found.name, `ecr:${found.name}`, outcome);
};

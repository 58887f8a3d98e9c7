// The control plane on `POST /`: ECR's JSON 1.1 API (by X-Amz-Target) and STS's Query API
// (by a form body with Action=), each logged once without secrets.
import type { Handler } from '../context.js';
import type { SignedRequest } from '../sigv4.js';
import { handleEcr, type EcrOutcome } from './ecr.js';
import { EcrError } from './errors.js';
import { newRequestId, readBody, sendEcrError } from './http.js';
import { operationFor } from './operations.js';
import { handleSts } from './sts.js';

function isForm(contentType: string | undefined, body: Buffer): boolean {
  return (contentType ?? '').startsWith('application/x-www-form-urlencoded') || /^Action=/.test(body.toString('latin1', 0, 7));
}

/** Answers ECR and STS API calls; see ECR.md §1. */
export const handleControl: Handler = async (req, res, ctx) => {
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
    const outcome = await handleSts(signed, form, res, ctx, requestId);
    log(outcome.action, `sts:${outcome.action}`, outcome);
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

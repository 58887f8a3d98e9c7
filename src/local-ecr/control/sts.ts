// STS over the Query protocol (form body in, XML out; ECR.md §1.2): GetCallerIdentity, which
// names a user or a role session, and AssumeRole, which starts role sessions.
import type { ServerResponse } from 'node:http';
import type { EcrContext } from '../context.js';
import type { SignedRequest } from '../sigv4.js';
import { assumeRole } from './iam-api/assume-role.js';
import { QueryInput } from './iam-api/query.js';
import { authenticate } from './iam-api/signing.js';
import { answerQuery, invalidAction, STS_XMLNS, type QueryOutcome } from './iam-api/xml.js';

/** Answers one STS Query request whose form body has already been parsed; never throws for client errors. */
export function handleSts(req: SignedRequest, form: URLSearchParams, res: ServerResponse, ctx: EcrContext, requestId: string): Promise<QueryOutcome> {
  const input = new QueryInput(form);
  const action = input.action;
  return answerQuery(res, requestId, STS_XMLNS, action, async (seen) => {
    const caller = await authenticate(req, ctx, 'sts');
    seen.caller = caller.arn;
    // GetCallerIdentity needs no permission: AWS answers it even when every policy denies it.
    if (action === 'GetCallerIdentity') return { Arn: caller.arn, UserId: caller.userId, Account: caller.account };
    if (action === 'AssumeRole') return assumeRole(ctx, caller, input);
    throw invalidAction(action, input.optional('Version'));
  });
}

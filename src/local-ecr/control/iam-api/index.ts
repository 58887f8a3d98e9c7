// IAM's Query API on the local ECR: the form's Action picks one of the actions below, each
// authorised as iam:<Action> on its resource, then answered in IAM's XML (ECR.md §1.2).
import type { ServerResponse } from 'node:http';
import type { EcrContext } from '../../context.js';
import type { SignedRequest } from '../../sigv4.js';
import { ACCESS_KEY_ACTIONS } from './access-keys.js';
import { ATTACHED_POLICY_ACTIONS } from './attached-policies.js';
import { authorizeIam, type IamAction, type IamCall } from './call.js';
import { INLINE_POLICY_ACTIONS } from './inline-policies.js';
import { POLICY_ACTIONS } from './policies.js';
import { QueryInput } from './query.js';
import { ROLE_ACTIONS } from './roles.js';
import { authenticate } from './signing.js';
import { USER_ACTIONS } from './users.js';
import { answerQuery, IAM_XMLNS, invalidAction, type QueryOutcome } from './xml.js';

const ACTIONS: Readonly<Record<string, IamAction>> = {
  ...USER_ACTIONS, ...ACCESS_KEY_ACTIONS, ...INLINE_POLICY_ACTIONS, ...ATTACHED_POLICY_ACTIONS, ...POLICY_ACTIONS, ...ROLE_ACTIONS,
};

/** Answers one IAM Query request whose form body has already been parsed; never throws for client errors. */
export function handleIam(req: SignedRequest, form: URLSearchParams, res: ServerResponse, ctx: EcrContext, requestId: string): Promise<QueryOutcome> {
  const input = new QueryInput(form);
  const name = input.action;
  return answerQuery(res, requestId, IAM_XMLNS, name, async (seen) => {
    const caller = await authenticate(req, ctx, 'iam');
    seen.caller = caller.arn;
    const action = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
    if (!action) throw invalidAction(name, input.optional('Version'));
    const call: IamCall = { ctx, caller, input, nowS: Math.floor(ctx.clock.now() / 1000) };
    await authorizeIam(call, name, action);
    return action.run(call);
  });
}

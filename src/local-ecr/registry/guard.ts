// What every repository endpoint checks before doing anything: the simulated IAM permission
// for its ECR action, then that the repository exists (ECR never creates on push).
import { authorizeCall } from '../access.js';
import { repositoryArn } from '../iam/arn.js';
import type { Caller } from '../iam/types.js';
import type { RepositoryRecord } from '../store/types.js';
import { denied, nameUnknown } from './errors.js';
import { sendError, type Exchange } from './exchange.js';

/**
 * Checks `ecr:<action>` on repository `name` and that it exists. Answers 403 DENIED or 404
 * NAME_UNKNOWN (status only to HEAD) and returns undefined when either fails.
 */
export async function guard(x: Exchange, action: string, name: string): Promise<RepositoryRecord | undefined> {
  const { config } = x.ctx;
  const refusal = await authorizeCall(x.ctx, x.identity as Caller, `ecr:${action}`, repositoryArn(config.region, config.account, name));
  if (refusal !== undefined) {
    sendError(x, denied(refusal));
    return undefined;
  }
  const record = x.ctx.store.getRepository(name);
  if (!record) sendError(x, nameUnknown(name, config.account));
  return record;
}

// What an IAM action receives, what it declares (the resource it is authorised on), and the
// authorisation itself, shared by every IAM action.
import type { EcrContext } from '../../context.js';
import { authorizeCall } from '../../access.js';
import type { Caller } from '../../iam/types.js';
import { accessDenied, userNameNeeded } from './errors.js';
import type { QueryInput } from './query.js';
import type { XmlObject } from './xml.js';

/** One IAM request: where it runs, who signed it, and its parameters. */
export interface IamCall {
  readonly ctx: EcrContext;
  readonly caller: Caller;
  readonly input: QueryInput;
  /** Epoch seconds on the local clock. */
  readonly nowS: number;
}

/** One IAM action: the resource it is authorised on, and what it does. */
export interface IamAction {
  /** The resource ARN, computed from the (validated) parameters before anything is looked up. */
  resource(call: IamCall): string;
  /**
   * Set for actions with no resource type in IAM's authorization reference (ListUsers,
   * ListRoles, ListPolicies): they are evaluated on `*`, and AWS names `resource` in the denial.
   */
  readonly wildcard?: true;
  /** The `<ActionResult>` content, or undefined for actions that answer only ResponseMetadata. */
  run(call: IamCall): Promise<XmlObject | undefined>;
}

/** Throws IAM's AccessDenied unless the caller's policies allow `iam:<name>` on the action's resource. */
export async function authorizeIam(call: IamCall, name: string, action: IamAction): Promise<void> {
  const resource = action.resource(call);
  const evaluated = action.wildcard ? '*' : resource;
  const denial = await authorizeCall(call.ctx, call.caller, `iam:${name}`, evaluated);
  if (denial) throw accessDenied(action.wildcard ? denial.replace(` on resource: * `, ` on resource: ${resource} `) : denial);
}

/** The ARN of user `name` (with its path when it exists). */
export function userArnOf(call: IamCall, name: string): string {
  return call.ctx.iam.userArn(name, call.ctx.iam.user(name)?.path);
}

/** The ARN of role `name` (with its path when it exists). */
export function roleArnOf(call: IamCall, name: string): string {
  return call.ctx.iam.roleArn(name, call.ctx.iam.role(name)?.path);
}

/** `UserName`, or the calling user when it is left out (GetUser, CreateAccessKey, ListAccessKeys). */
export function userNameOrCaller(call: IamCall): string {
  if (call.input.optional('UserName') !== undefined) return call.input.name('UserName');
  if (call.caller.kind !== 'user') throw userNameNeeded();
  return call.caller.entity;
}

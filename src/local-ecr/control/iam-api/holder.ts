// Users and roles both hold inline and attached policies; this is the one description of
// each kind that the policy actions are written against, so they exist once for both.
import type { IamState, RoleRecord, UserRecord } from '../../iam/types.js';
import { roleArnOf, userArnOf, type IamCall } from './call.js';
import { roleNotFound, userNotFound } from './errors.js';
import type { QueryError } from './xml.js';

/** The policy-holding part of a user or role record. */
export interface HeldPolicies {
  readonly inline: Readonly<Record<string, string>>;
  readonly attached: readonly string[];
}

/** How the policy actions find, name and change one kind of holder. */
export interface HolderKind {
  /** `User` or `Role`, as in PutUserPolicy / AttachRolePolicy. */
  readonly label: 'User' | 'Role';
  /** The request parameter naming the holder: UserName or RoleName. */
  readonly param: 'UserName' | 'RoleName';
  /** IAM's quota on the total size of a holder's inline policies. */
  readonly inlineQuota: number;
  /** IAM's quota name for attached managed policies (both hold at most 10). */
  readonly attachedQuota: 'PoliciesPerUser' | 'PoliciesPerRole';
  find(call: IamCall, name: string): HeldPolicies | undefined;
  arn(call: IamCall, name: string): string;
  notFound(name: string): QueryError;
  /** The state with the holder's policies replaced. */
  withPolicies(state: IamState, name: string, change: (held: HeldPolicies) => HeldPolicies): IamState;
}

function replaceUser(state: IamState, name: string, change: (held: HeldPolicies) => HeldPolicies): IamState {
  const user: UserRecord = state.users[name];
  return { ...state, users: { ...state.users, [name]: { ...user, ...change(user) } } };
}

function replaceRole(state: IamState, name: string, change: (held: HeldPolicies) => HeldPolicies): IamState {
  const role: RoleRecord = state.roles[name];
  return { ...state, roles: { ...state.roles, [name]: { ...role, ...change(role) } } };
}

/** IAM users as policy holders (inline quota 2048). */
export const USER_HOLDER: HolderKind = {
  label: 'User', param: 'UserName', inlineQuota: 2048, attachedQuota: 'PoliciesPerUser',
  find: (call, name) => call.ctx.iam.user(name),
  arn: userArnOf,
  notFound: userNotFound,
  withPolicies: replaceUser,
};

/** IAM roles as policy holders (inline quota 10240). */
export const ROLE_HOLDER: HolderKind = {
  label: 'Role', param: 'RoleName', inlineQuota: 10240, attachedQuota: 'PoliciesPerRole',
  find: (call, name) => call.ctx.iam.role(name),
  arn: roleArnOf,
  notFound: roleNotFound,
  withPolicies: replaceRole,
};

/** The named holder, or IAM's NoSuchEntity for it. */
export function existingHolder(call: IamCall, kind: HolderKind, name: string): HeldPolicies {
  const found = kind.find(call, name);
  if (!found) throw kind.notFound(name);
  return found;
}

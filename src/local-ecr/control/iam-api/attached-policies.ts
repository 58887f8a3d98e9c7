// Managed policies attached to users and roles: Attach/Detach/ListAttached{User,Role}Policies,
// for AWS managed (`arn:aws:iam::aws:policy/…`) and the account's own policies alike.
import type { IamAction, IamCall } from './call.js';
import { invalidInput, limitExceeded, policyNotAttachable, policyNotFound } from './errors.js';
import { existingHolder, ROLE_HOLDER, USER_HOLDER, type HolderKind } from './holder.js';
import { page } from './query.js';

/** IAM's default quota of managed policies per user and per role. */
const ATTACHED_QUOTA = 10;

const holderResource = (kind: HolderKind) => (call: IamCall) => kind.arn(call, call.input.name(kind.param));

/** `PolicyArn`, which must look like a policy ARN (InvalidInput otherwise). */
export function policyArnParam(call: IamCall): string {
  const arn = call.input.text('PolicyArn', call.input.required('PolicyArn'), 20, 2048);
  if (!/^arn:aws:iam::(aws|\d{12}):policy\/.+/.test(arn)) throw invalidInput(`ARN ${arn} is not valid.`);
  return arn;
}

/** The policy's path as IAM lists it: `/` for AWS managed ones here, the given path for the account's. */
function policyPath(call: IamCall, arn: string): string {
  return call.ctx.iam.customerPolicy(arn)?.path ?? '/';
}

function attach(kind: HolderKind): IamAction {
  return {
    resource: holderResource(kind),
    async run(call) {
      const name = call.input.name(kind.param);
      const arn = policyArnParam(call);
      const held = existingHolder(call, kind, name);
      if (call.ctx.iam.managedDocument(arn) === undefined) throw policyNotAttachable(arn);
      if (held.attached.includes(arn)) return undefined;
      if (held.attached.length >= ATTACHED_QUOTA) throw limitExceeded(`Cannot exceed quota for ${kind.attachedQuota}: ${ATTACHED_QUOTA}`);
      await call.ctx.iam.update((s) => kind.withPolicies(s, name, (h) => ({ ...h, attached: [...h.attached, arn] })));
      return undefined;
    },
  };
}

function detach(kind: HolderKind): IamAction {
  return {
    resource: holderResource(kind),
    async run(call) {
      const name = call.input.name(kind.param);
      const arn = policyArnParam(call);
      const held = existingHolder(call, kind, name);
      if (!held.attached.includes(arn)) throw policyNotFound(arn);
      await call.ctx.iam.update((s) => kind.withPolicies(s, name, (h) => ({ ...h, attached: h.attached.filter((a) => a !== arn) })));
      return undefined;
    },
  };
}

function listAttached(kind: HolderKind): IamAction {
  return {
    resource: holderResource(kind),
    async run(call) {
      const held = existingHolder(call, kind, call.input.name(kind.param));
      const prefix = call.input.path('PathPrefix');
      const matching = held.attached.filter((arn) => policyPath(call, arn).startsWith(prefix));
      const { items, more } = page(call.input, matching);
      return { AttachedPolicies: items.map((arn) => ({ PolicyName: arn.split('/').pop(), PolicyArn: arn })), ...more };
    },
  };
}

/** The attached-policy actions of users and roles, by action name. */
export const ATTACHED_POLICY_ACTIONS: Readonly<Record<string, IamAction>> = Object.fromEntries(
  [USER_HOLDER, ROLE_HOLDER].flatMap((kind) => [
    [`Attach${kind.label}Policy`, attach(kind)],
    [`Detach${kind.label}Policy`, detach(kind)],
    [`ListAttached${kind.label}Policies`, listAttached(kind)],
  ]),
);

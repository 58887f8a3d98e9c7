// Inline policies of users and roles: Put/Get/List/Delete{User,Role}Policy. A stored document
// is kept as sent; IAM hands it back URL-encoded, and the CLI decodes it for display.
import type { IamAction, IamCall } from './call.js';
import { limitExceeded, noSuchEntity } from './errors.js';
import { existingHolder, ROLE_HOLDER, USER_HOLDER, type HolderKind } from './holder.js';
import { checkPolicyDocument, policySize } from './policy-document.js';
import { page } from './query.js';

const holderResource = (kind: HolderKind) => (call: IamCall) => kind.arn(call, call.input.name(kind.param));

function inlineNotFound(kind: HolderKind, policy: string) {
  return noSuchEntity(`The ${kind.label.toLowerCase()} policy with name ${policy} cannot be found.`);
}

function putPolicy(kind: HolderKind): IamAction {
  return {
    resource: holderResource(kind),
    async run(call) {
      const { input } = call;
      const name = input.name(kind.param);
      const policyName = input.name('PolicyName', 128);
      const document = input.text('PolicyDocument', input.required('PolicyDocument'), 1, 131072);
      const held = existingHolder(call, kind, name);
      checkPolicyDocument(document, 'identity');
      // The quota counts all of the holder's inline policies together, without whitespace.
      const others = Object.entries(held.inline).filter(([n]) => n !== policyName).reduce((sum, [, d]) => sum + policySize(d), 0);
      if (others + policySize(document) > kind.inlineQuota) {
        throw limitExceeded(`Maximum policy size of ${kind.inlineQuota} bytes exceeded for ${kind.label.toLowerCase()} ${name}`);
      }
      await call.ctx.iam.update((s) => kind.withPolicies(s, name, (h) => ({ ...h, inline: { ...h.inline, [policyName]: document } })));
      return undefined;
    },
  };
}

/** The holder and inline policy the call names; NoSuchEntity when either is missing. */
function namedInline(call: IamCall, kind: HolderKind) {
  const name = call.input.name(kind.param);
  const policyName = call.input.name('PolicyName', 128);
  const held = existingHolder(call, kind, name);
  if (!Object.hasOwn(held.inline, policyName)) throw inlineNotFound(kind, policyName);
  return { name, policyName, held };
}

function getPolicy(kind: HolderKind): IamAction {
  return {
    resource: holderResource(kind),
    async run(call) {
      const { name, policyName, held } = namedInline(call, kind);
      return { [kind.param]: name, PolicyName: policyName, PolicyDocument: encodeURIComponent(held.inline[policyName]!) };
    },
  };
}

function listPolicies(kind: HolderKind): IamAction {
  return {
    resource: holderResource(kind),
    async run(call) {
      const held = existingHolder(call, kind, call.input.name(kind.param));
      const { items, more } = page(call.input, Object.keys(held.inline).sort());
      return { PolicyNames: items, ...more };
    },
  };
}

function deletePolicy(kind: HolderKind): IamAction {
  return {
    resource: holderResource(kind),
    async run(call) {
      const { name, policyName } = namedInline(call, kind);
      await call.ctx.iam.update((s) => kind.withPolicies(s, name, (h) => ({
        ...h, inline: Object.fromEntries(Object.entries(h.inline).filter(([n]) => n !== policyName)),
      })));
      return undefined;
    },
  };
}

/** The inline-policy actions of users and roles, by action name. */
export const INLINE_POLICY_ACTIONS: Readonly<Record<string, IamAction>> = Object.fromEntries(
  [USER_HOLDER, ROLE_HOLDER].flatMap((kind) => [
    [`Put${kind.label}Policy`, putPolicy(kind)],
    [`Get${kind.label}Policy`, getPolicy(kind)],
    [`List${kind.label}Policies`, listPolicies(kind)],
    [`Delete${kind.label}Policy`, deletePolicy(kind)],
  ]),
);

// IAM roles: CreateRole (with its trust policy, AssumeRolePolicyDocument), GetRole,
// ListRoles, DeleteRole. Who may assume a role is decided in assume-role.ts.
import { iamId } from '../../iam/ids.js';
import type { RoleRecord } from '../../iam/types.js';
import { roleArnOf, type IamAction, type IamCall } from './call.js';
import { deleteConflict, entityAlreadyExists, limitExceeded, malformedPolicy, roleNotFound } from './errors.js';
import { checkPolicyDocument, policySize } from './policy-document.js';
import { page } from './query.js';
import type { XmlObject } from './xml.js';

/** IAM's quota on a trust policy. */
const TRUST_SIZE_QUOTA = 2048;

function roleXml(call: IamCall, role: RoleRecord, withLastUsed: boolean): XmlObject {
  return {
    Path: role.path, RoleName: role.name, RoleId: role.id, Arn: call.ctx.iam.roleArn(role.name, role.path),
    CreateDate: new Date(role.createdAt * 1000), AssumeRolePolicyDocument: encodeURIComponent(role.trust),
    Description: role.description, MaxSessionDuration: role.maxSessionDuration,
    RoleLastUsed: withLastUsed ? {} : undefined,
  };
}

/** The `AWS` principals of a trust policy that IAM cannot resolve: unknown users and roles of this account, or no ARN at all. */
function unresolvedPrincipal(call: IamCall, trust: string): string | undefined {
  const doc = JSON.parse(trust) as { Statement?: unknown };
  const statements = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) as { Principal?: { AWS?: unknown } }[];
  const own = new RegExp(`^arn:aws:iam::${call.ctx.config.account}:(user|role)/(?:.*/)?([^/]+)$`);
  for (const s of statements) {
    const principals = s.Principal?.AWS;
    for (const p of Array.isArray(principals) ? principals : principals === undefined ? [] : [principals]) {
      if (typeof p !== 'string') return String(p);
      const m = own.exec(p);
      if (m && !(m[1] === 'user' ? call.ctx.iam.user(m[2]) : call.ctx.iam.role(m[2]))) return p;
      if (!m && p !== '*' && !/^\d{12}$/.test(p) && !/^arn:aws:(iam|sts)::\d{12}:/.test(p)) return p;
    }
  }
  return undefined;
}

const createRole: IamAction = {
  resource: (call) => call.ctx.iam.roleArn(call.input.name('RoleName'), call.input.path()),
  async run(call) {
    const { input } = call;
    const name = input.name('RoleName');
    const trust = input.text('AssumeRolePolicyDocument', input.required('AssumeRolePolicyDocument'), 1, 131072);
    const description = input.optional('Description');
    if (description !== undefined) input.text('Description', description, 0, 1000);
    const maxSessionDuration = input.integer('MaxSessionDuration', 3600, 43200) ?? 3600;
    input.tags();
    if (Object.keys(call.ctx.iam.snapshot.roles).some((n) => n.toLowerCase() === name.toLowerCase())) {
      throw entityAlreadyExists(`Role with name ${name} already exists.`);
    }
    checkPolicyDocument(trust, 'trust');
    if (policySize(trust) > TRUST_SIZE_QUOTA) throw limitExceeded(`Cannot exceed quota for ACLSizePerRole: ${TRUST_SIZE_QUOTA}`);
    const unresolved = unresolvedPrincipal(call, trust);
    if (unresolved !== undefined) throw malformedPolicy(`Invalid principal in policy: "AWS":"${unresolved}"`);
    const role: RoleRecord = {
      name, id: iamId('AROA'), path: input.path(), createdAt: call.nowS, trust, inline: {}, attached: [], maxSessionDuration,
      ...(description ? { description } : {}),
    };
    await call.ctx.iam.update((s) => ({ ...s, roles: { ...s.roles, [name]: role } }));
    return { Role: roleXml(call, role, false) };
  },
};

function existingRole(call: IamCall, name: string): RoleRecord {
  const role = call.ctx.iam.role(name);
  if (!role) throw roleNotFound(name);
  return role;
}

const getRole: IamAction = {
  resource: (call) => roleArnOf(call, call.input.name('RoleName')),
  async run(call) {
    return { Role: roleXml(call, existingRole(call, call.input.name('RoleName')), true) };
  },
};

const listRoles: IamAction = {
  resource: (call) => `arn:aws:iam::${call.ctx.config.account}:role/`,
  wildcard: true,
  async run(call) {
    const prefix = call.input.path('PathPrefix');
    const roles = Object.values(call.ctx.iam.snapshot.roles).filter((r) => r.path.startsWith(prefix)).sort((a, b) => a.name.localeCompare(b.name));
    const { items, more } = page(call.input, roles);
    return { Roles: items.map((r) => roleXml(call, r, false)), ...more };
  },
};

const deleteRole: IamAction = {
  resource: (call) => roleArnOf(call, call.input.name('RoleName')),
  async run(call) {
    const role = existingRole(call, call.input.name('RoleName'));
    if (role.attached.length > 0) throw deleteConflict('Cannot delete entity, must detach all policies first.');
    if (Object.keys(role.inline).length > 0) throw deleteConflict('Cannot delete entity, must delete policies first.');
    // Its sessions end with it, so that a new role of the same name does not inherit them.
    await call.ctx.iam.update((s) => ({
      ...s,
      roles: Object.fromEntries(Object.entries(s.roles).filter(([n]) => n !== role.name)),
      sessions: Object.fromEntries(Object.entries(s.sessions).filter(([, v]) => v.role !== role.name)),
    }));
    return undefined;
  },
};

/** The role actions, by action name. */
export const ROLE_ACTIONS: Readonly<Record<string, IamAction>> = {
  CreateRole: createRole, GetRole: getRole, ListRoles: listRoles, DeleteRole: deleteRole,
};

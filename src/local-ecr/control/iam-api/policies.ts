// Managed policies: the account's own (CreatePolicy, DeletePolicy) and AWS's, read alike with
// GetPolicy, GetPolicyVersion and ListPolicies. Each policy has one version, v1.
import { createHash } from 'node:crypto';
import { iamId } from '../../iam/ids.js';
import { MANAGED_POLICIES } from '../../iam/managed-policies.js';
import type { CustomerPolicyRecord } from '../../iam/types.js';
import { policyArnParam } from './attached-policies.js';
import type { IamAction, IamCall } from './call.js';
import { deleteConflict, entityAlreadyExists, limitExceeded, noSuchEntity, policyNotFound } from './errors.js';
import { checkPolicyDocument, policySize } from './policy-document.js';
import { page } from './query.js';
import type { XmlObject } from './xml.js';

/** IAM's quota on a managed policy document. */
const POLICY_SIZE_QUOTA = 6144;
/** When AWS's managed policies are said to have been created (their real dates vary; one is enough here). */
const AWS_POLICY_CREATED_S = Date.UTC(2015, 1, 6, 18, 40, 0) / 1000;

/** A managed policy of either kind, as the read actions need it. */
interface PolicyView {
  readonly arn: string;
  readonly name: string;
  readonly id: string;
  readonly path: string;
  readonly createdAt: number;
  readonly description?: string;
  readonly document: string;
}

/** A stable ANPA… id for an AWS managed policy, so repeated reads agree. */
function awsPolicyId(name: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return `ANPA${[...createHash('sha256').update(name).digest().subarray(0, 17)].map((b) => alphabet[b % 32]).join('')}`;
}

function viewOf(call: IamCall, arn: string): PolicyView | undefined {
  const aws = MANAGED_POLICIES.get(arn);
  if (aws) return { ...aws, id: awsPolicyId(aws.name), path: '/', createdAt: AWS_POLICY_CREATED_S };
  const own = call.ctx.iam.customerPolicy(arn);
  return own && { ...own, arn: call.ctx.iam.policyArn(own.name, own.path) };
}

function allViews(call: IamCall): PolicyView[] {
  const own = Object.values(call.ctx.iam.snapshot.policies).map((p) => call.ctx.iam.policyArn(p.name, p.path));
  return [...MANAGED_POLICIES.keys(), ...own].flatMap((arn) => viewOf(call, arn) ?? []);
}

function attachmentCount(call: IamCall, arn: string): number {
  const { users, roles } = call.ctx.iam.snapshot;
  return [...Object.values(users), ...Object.values(roles)].filter((h) => h.attached.includes(arn)).length;
}

function policyXml(call: IamCall, p: PolicyView, withDescription: boolean): XmlObject {
  return {
    PolicyName: p.name, PolicyId: p.id, Arn: p.arn, Path: p.path, DefaultVersionId: 'v1',
    AttachmentCount: attachmentCount(call, p.arn), PermissionsBoundaryUsageCount: 0, IsAttachable: true,
    Description: withDescription ? p.description : undefined,
    CreateDate: new Date(p.createdAt * 1000), UpdateDate: new Date(p.createdAt * 1000),
  };
}

const createPolicy: IamAction = {
  resource: (call) => call.ctx.iam.policyArn(call.input.name('PolicyName', 128), call.input.path()),
  async run(call) {
    const { input } = call;
    const name = input.name('PolicyName', 128);
    const document = input.text('PolicyDocument', input.required('PolicyDocument'), 1, 131072);
    const description = input.optional('Description');
    if (description !== undefined) input.text('Description', description, 0, 1000);
    if (Object.keys(call.ctx.iam.snapshot.policies).some((n) => n.toLowerCase() === name.toLowerCase())) {
      throw entityAlreadyExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);
    }
    checkPolicyDocument(document, 'identity');
    if (policySize(document) > POLICY_SIZE_QUOTA) throw limitExceeded(`Cannot exceed quota for PolicySize: ${POLICY_SIZE_QUOTA}`);
    const record: CustomerPolicyRecord = {
      name, id: iamId('ANPA'), path: input.path(), document, createdAt: call.nowS, ...(description ? { description } : {}),
    };
    await call.ctx.iam.update((s) => ({ ...s, policies: { ...s.policies, [name]: record } }));
    return { Policy: policyXml(call, { ...record, arn: call.ctx.iam.policyArn(name, record.path) }, false) };
  },
};

const getPolicy: IamAction = {
  resource: policyArnParam,
  async run(call) {
    const arn = policyArnParam(call);
    const view = viewOf(call, arn);
    if (!view) throw policyNotFound(arn);
    return { Policy: policyXml(call, view, true) };
  },
};

const getPolicyVersion: IamAction = {
  resource: policyArnParam,
  async run(call) {
    const arn = policyArnParam(call);
    const version = call.input.text('VersionId', call.input.required('VersionId'), 1, 128, String.raw`v[1-9][0-9]*(\.[A-Za-z0-9-]*)?`);
    const view = viewOf(call, arn);
    if (!view || version !== 'v1') throw noSuchEntity(`Policy ${arn} version ${version} does not exist or is not attachable.`);
    return { PolicyVersion: {
      Document: encodeURIComponent(view.document), VersionId: 'v1', IsDefaultVersion: true, CreateDate: new Date(view.createdAt * 1000),
    } };
  },
};

const listPolicies: IamAction = {
  resource: (call) => `arn:aws:iam::${call.ctx.config.account}:policy/`,
  wildcard: true,
  async run(call) {
    const scope = call.input.oneOf('Scope', ['All', 'AWS', 'Local'] as const) ?? 'All';
    const onlyAttached = call.input.boolean('OnlyAttached');
    const prefix = call.input.path('PathPrefix');
    const chosen = allViews(call).filter((p) => (scope === 'All' || (scope === 'AWS') === p.arn.startsWith('arn:aws:iam::aws:'))
      && p.path.startsWith(prefix) && (!onlyAttached || attachmentCount(call, p.arn) > 0));
    const { items, more } = page(call.input, chosen);
    return { Policies: items.map((p) => policyXml(call, p, false)), ...more };
  },
};

const deletePolicy: IamAction = {
  resource: policyArnParam,
  async run(call) {
    const arn = policyArnParam(call);
    const own = call.ctx.iam.customerPolicy(arn);
    if (!own) throw policyNotFound(arn);
    if (attachmentCount(call, arn) > 0) throw deleteConflict('Cannot delete a policy attached to entities.');
    await call.ctx.iam.update((s) => ({ ...s, policies: Object.fromEntries(Object.entries(s.policies).filter(([n]) => n !== own.name)) }));
    return undefined;
  },
};

/** The managed-policy actions, by action name. */
export const POLICY_ACTIONS: Readonly<Record<string, IamAction>> = {
  CreatePolicy: createPolicy, GetPolicy: getPolicy, GetPolicyVersion: getPolicyVersion, ListPolicies: listPolicies, DeletePolicy: deletePolicy,
};

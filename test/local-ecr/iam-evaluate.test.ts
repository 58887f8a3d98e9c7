// The policy evaluator (iam-simulate underneath) as the local ECR uses it: identity policies,
// resource policies, explicit deny, wildcards, and AWS's denial texts.
import { describe, expect, it } from 'vitest';
import { authorize, evaluate } from '../../src/local-ecr/iam/evaluate.js';
import { MANAGED_POLICIES } from '../../src/local-ecr/iam/managed-policies.js';
import type { Caller } from '../../src/local-ecr/iam/types.js';

const ACCOUNT = '123456789012';
const REPO = `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/app`;
const OTHER = `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/other`;
const pusher: Caller = {
  kind: 'user', accessKeyId: 'AKIAEXAMPLEPUSHER01', secretAccessKey: 's', arn: `arn:aws:iam::${ACCOUNT}:user/ci-pusher`,
  userId: 'AIDAEXAMPLEPUSHER0001', account: ACCOUNT, entity: 'ci-pusher',
};
const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const managed = (name: string) => ({ name, document: MANAGED_POLICIES.get(`arn:aws:iam::aws:policy/${name}`)!.document });

type Row = [string, { action: string; resource?: string; policies: { name: string; document: string }[]; resourcePolicy?: string }, string | undefined];

const ROWS: Row[] = [
  ['an allowed action', { action: 'ecr:PutImage', policies: [{ name: 'p', document: doc({ Effect: 'Allow', Action: 'ecr:PutImage', Resource: REPO }) }] }, undefined],
  ['an action no policy names (implicit deny)', { action: 'ecr:InitiateLayerUpload', policies: [{ name: 'p', document: doc({ Effect: 'Allow', Action: 'ecr:PutImage', Resource: '*' }) }] }, 'no-identity-allow'],
  ['no policies at all', { action: 'ecr:DescribeRepositories', policies: [] }, 'no-identity-allow'],
  ['an explicit deny beats an allow', { action: 'ecr:DeleteRepository', policies: [managed('AmazonEC2ContainerRegistryFullAccess'), { name: 'd', document: doc({ Effect: 'Deny', Action: 'ecr:Delete*', Resource: '*' }) }] }, 'identity-deny'],
  ['a wildcard action', { action: 'ecr:BatchGetImage', policies: [{ name: 'p', document: doc({ Effect: 'Allow', Action: 'ecr:Batch*', Resource: '*' }) }] }, undefined],
  ['a wildcard resource that does not match', { action: 'ecr:PutImage', resource: OTHER, policies: [{ name: 'p', document: doc({ Effect: 'Allow', Action: 'ecr:*', Resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/app*` }) }] }, 'no-identity-allow'],
  ['ReadOnly may pull but not push', { action: 'ecr:InitiateLayerUpload', policies: [managed('AmazonEC2ContainerRegistryReadOnly')] }, 'no-identity-allow'],
  ['PowerUser may push', { action: 'ecr:CompleteLayerUpload', policies: [managed('AmazonEC2ContainerRegistryPowerUser')] }, undefined],
  ['a repository policy allows a same-account principal', { action: 'ecr:BatchGetImage', policies: [], resourcePolicy: doc({ Effect: 'Allow', Principal: { AWS: pusher.arn }, Action: 'ecr:BatchGetImage' }) }, undefined],
  ['a repository policy deny beats FullAccess', { action: 'ecr:PutImage', policies: [managed('AmazonEC2ContainerRegistryFullAccess')], resourcePolicy: doc({ Effect: 'Deny', Principal: '*', Action: 'ecr:PutImage' }) }, 'resource-deny'],
  ['a condition on the user name', { action: 'ecr:PutImage', policies: [{ name: 'p', document: doc({ Effect: 'Allow', Action: 'ecr:PutImage', Resource: '*', Condition: { StringEquals: { 'aws:username': 'someone-else' } } }) }] }, 'no-identity-allow'],
];

describe('evaluate', () => {
  it.each(ROWS)('%s', async (_name, row, expected) => {
    expect(await evaluate({ caller: pusher, action: row.action, resource: row.resource ?? REPO, identityPolicies: row.policies, resourcePolicy: row.resourcePolicy, nowMs: 0 })).toBe(expected);
  });
});

describe('authorize', () => {
  it('words each refusal as AWS does', async () => {
    const base = { caller: pusher, resource: REPO, nowMs: 0 };
    expect(await authorize({ ...base, action: 'ecr:InitiateLayerUpload', identityPolicies: [managed('AmazonEC2ContainerRegistryReadOnly')] })).toBe(
      `User: ${pusher.arn} is not authorized to perform: ecr:InitiateLayerUpload on resource: ${REPO} because no identity-based policy allows the ecr:InitiateLayerUpload action`);
    expect(await authorize({ ...base, action: 'ecr:PutImage', identityPolicies: [{ name: 'd', document: doc({ Effect: 'Deny', Action: 'ecr:*', Resource: '*' }) }] })).toBe(
      `User: ${pusher.arn} is not authorized to perform: ecr:PutImage on resource: ${REPO} with an explicit deny in an identity-based policy`);
    expect(await authorize({ ...base, action: 'ecr:GetAuthorizationToken', resource: '*', identityPolicies: [managed('AmazonEC2ContainerRegistryPullOnly')] })).toBeUndefined();
  });
});

// Answers are remembered per question: a remembered answer must never outlive what it read.
describe('remembered answers', () => {
  const allowUntil = (iso: string) => ({ name: 't', document: doc({ Effect: 'Allow', Action: 'ecr:PutImage', Resource: '*', Condition: { DateLessThan: { 'aws:CurrentTime': iso } } }) });

  it('a policy that reads the time is asked again as the clock moves', async () => {
    const policies = [allowUntil('2026-06-01T00:00:00Z')];
    const ask = (iso: string) => evaluate({ caller: pusher, action: 'ecr:PutImage', resource: REPO, identityPolicies: policies, nowMs: Date.parse(iso) });
    expect(await ask('2026-05-31T23:59:00Z')).toBeUndefined();
    expect(await ask('2026-06-01T00:01:00Z')).toBe('no-identity-allow');
    expect(await ask('2026-05-31T23:59:30Z')).toBeUndefined();
  });

  it('a changed policy, caller or resource policy is a new question', async () => {
    const base = { caller: pusher, action: 'ecr:PutImage', resource: REPO, nowMs: 0 };
    const allow = [{ name: 'p', document: doc({ Effect: 'Allow', Action: 'ecr:PutImage', Resource: '*' }) }];
    expect(await evaluate({ ...base, identityPolicies: allow })).toBeUndefined();
    expect(await evaluate({ ...base, identityPolicies: [{ name: 'p', document: doc({ Effect: 'Deny', Action: 'ecr:PutImage', Resource: '*' }) }] })).toBe('identity-deny');
    expect(await evaluate({ ...base, identityPolicies: allow, resourcePolicy: doc({ Effect: 'Deny', Principal: '*', Action: 'ecr:PutImage' }) })).toBe('resource-deny');
    const someoneElse = { ...pusher, arn: `arn:aws:iam::${ACCOUNT}:user/other`, entity: 'other', userId: 'AIDAEXAMPLEOTHER00001' };
    const onlyPusher = [{ name: 'p', document: doc({ Effect: 'Allow', Action: 'ecr:PutImage', Resource: '*', Condition: { StringEquals: { 'aws:username': 'ci-pusher' } } }) }];
    expect(await evaluate({ ...base, identityPolicies: onlyPusher })).toBeUndefined();
    expect(await evaluate({ ...base, caller: someoneElse, identityPolicies: onlyPusher })).toBe('no-identity-allow');
  });
});

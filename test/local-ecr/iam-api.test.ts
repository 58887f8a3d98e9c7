// IAM's and STS's Query APIs on the local ECR through the real @aws-sdk/client-iam and
// client-sts: every IAM action, each documented error (code, message, status), a
// least-privilege pusher built one action at a time, AssumeRole and expired role sessions.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { CreateRepositoryCommand, DescribeRepositoriesCommand, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import {
  AttachRolePolicyCommand, AttachUserPolicyCommand, CreateAccessKeyCommand, CreatePolicyCommand, CreateRoleCommand,
  CreateUserCommand, DeleteAccessKeyCommand, DeletePolicyCommand, DeleteRoleCommand, DeleteRolePolicyCommand,
  DeleteUserCommand, DeleteUserPolicyCommand, DetachRolePolicyCommand, DetachUserPolicyCommand, GetPolicyCommand,
  GetPolicyVersionCommand, GetRoleCommand, GetRolePolicyCommand, GetUserCommand, GetUserPolicyCommand, IAMClient,
  ListAccessKeysCommand, ListAttachedRolePoliciesCommand, ListAttachedUserPoliciesCommand, ListPoliciesCommand,
  ListRolePoliciesCommand, ListRolesCommand, ListUserPoliciesCommand, ListUsersCommand, PutRolePolicyCommand,
  PutUserPolicyCommand, UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalEcr } from '../../src/local-ecr/server.js';
import { ACCOUNT, LEARNER, REGION, startControlHarness, type ControlHarness, type Credentials } from './control-helpers.js';

const ARN = `arn:aws:iam::${ACCOUNT}`;
const READ_ONLY = 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly';
const POWER_USER = 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser';
const doc = (statements: readonly object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const PUSH_ONLY = doc([
  { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
  { Effect: 'Allow', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'],
    Resource: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/app` },
]);
const trust = (principal: string) => doc([{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }]);

let h: ControlHarness;
let iam: IAMClient;
const iamAs = (credentials: Credentials & { sessionToken?: string }, region = REGION) =>
  new IAMClient({ endpoint: h.ecr.endpoint, region, credentials, maxAttempts: 1 });

beforeAll(async () => {
  h = await startControlHarness();
  iam = iamAs(LEARNER);
});
afterAll(async () => { await h.close(); });

/** The wire error of a call that must fail: its Code, Message and HTTP status. */
async function fails(promise: Promise<unknown>): Promise<{ code: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (err) {
    const e = err as { name: string; Code?: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { code: e.Code ?? e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

const notFound = (message: string) => ({ code: 'NoSuchEntity', status: 404, message });
const malformed = (message: string) => ({ code: 'MalformedPolicyDocument', status: 400, message });

describe('users', () => {
  it('creates, reads, lists and deletes a user', async () => {
    const created = await iam.send(new CreateUserCommand({ UserName: 'u1', Path: '/ci/', Tags: [{ Key: 'team', Value: 'ci' }] }));
    expect(created.User).toMatchObject({ UserName: 'u1', Path: '/ci/', Arn: `${ARN}:user/ci/u1`, Tags: [{ Key: 'team', Value: 'ci' }] });
    expect(created.User?.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(created.User?.CreateDate).toBeInstanceOf(Date);
    expect((await iam.send(new GetUserCommand({ UserName: 'u1' }))).User?.UserId).toBe(created.User?.UserId);
    expect((await iam.send(new GetUserCommand({}))).User).toMatchObject({ UserName: 'learner', Arn: `${ARN}:user/learner` });
    const listed = await iam.send(new ListUsersCommand({ PathPrefix: '/ci/' }));
    expect(listed.Users?.map((u) => u.UserName)).toEqual(['u1']);
    expect(listed.IsTruncated).toBe(false);
    await iam.send(new DeleteUserCommand({ UserName: 'u1' }));
    expect(await fails(iam.send(new GetUserCommand({ UserName: 'u1' })))).toEqual(notFound('The user with name u1 cannot be found.'));
    expect(h.ecr.context.log.since(0)).toContainEqual(expect.objectContaining({ path: '/ DeleteUser', api: 'iam:DeleteUser', status: 200 }));
  });

  it('pages ListUsers with MaxItems and Marker', async () => {
    const first = await iam.send(new ListUsersCommand({ MaxItems: 1 }));
    expect(first).toMatchObject({ IsTruncated: true, Users: [expect.objectContaining({ UserName: expect.any(String) })] });
    const rest = await iam.send(new ListUsersCommand({ Marker: first.Marker }));
    expect(rest.Users?.map((u) => u.UserName)).not.toContain(first.Users?.[0].UserName);
  });

  it('answers IAM\'s errors for users', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'ci-pusher' }));
    expect(await fails(iam.send(new CreateUserCommand({ UserName: 'CI-Pusher' })))).toEqual({ code: 'EntityAlreadyExists', status: 409, message: 'User with name CI-Pusher already exists.' });
    expect(await fails(iam.send(new CreateUserCommand({ UserName: 'bad name' })))).toEqual({ code: 'ValidationError', status: 400,
      message: String.raw`1 validation error detected: Value 'bad name' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+` });
    expect(await fails(iam.send(new CreateUserCommand({ UserName: 'x'.repeat(65) })))).toMatchObject({ code: 'ValidationError', message: expect.stringContaining('Member must have length less than or equal to 64') });
    expect(await fails(iam.send(new CreateUserCommand({} as never)))).toEqual({ code: 'ValidationError', status: 400,
      message: "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null" });
    expect(await fails(iam.send(new DeleteUserCommand({ UserName: 'nobody' })))).toEqual(notFound('The user with name nobody cannot be found.'));
  });

  it('refuses to delete a user that still has keys, attached or inline policies (DeleteConflict)', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'busy' }));
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'busy' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'busy', PolicyArn: READ_ONLY }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'busy', PolicyName: 'p', PolicyDocument: PUSH_ONLY }));
    const conflict = (what: string) => ({ code: 'DeleteConflict', status: 409, message: `Cannot delete entity, must ${what} first.` });
    expect(await fails(iam.send(new DeleteUserCommand({ UserName: 'busy' })))).toEqual(conflict('delete access keys'));
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'busy', AccessKeyId: key.AccessKey?.AccessKeyId }));
    expect(await fails(iam.send(new DeleteUserCommand({ UserName: 'busy' })))).toEqual(conflict('detach all policies'));
    await iam.send(new DetachUserPolicyCommand({ UserName: 'busy', PolicyArn: READ_ONLY }));
    expect(await fails(iam.send(new DeleteUserCommand({ UserName: 'busy' })))).toEqual(conflict('delete policies'));
    await iam.send(new DeleteUserPolicyCommand({ UserName: 'busy', PolicyName: 'p' }));
    await iam.send(new DeleteUserCommand({ UserName: 'busy' }));
  });
});

describe('access keys', () => {
  it('creates, lists, deactivates and deletes keys, at most two per user', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'keyed' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'keyed' }))).AccessKey;
    expect(key).toMatchObject({ UserName: 'keyed', Status: 'Active', AccessKeyId: expect.stringMatching(/^AKIA[A-Z2-7]{16}$/), SecretAccessKey: expect.stringMatching(/^.{40}$/) });
    const creds = { accessKeyId: key?.AccessKeyId ?? '', secretAccessKey: key?.SecretAccessKey ?? '' };
    expect((await h.stsAs(creds).send(new GetCallerIdentityCommand({}))).Arn).toBe(`${ARN}:user/keyed`);
    await iam.send(new PutUserPolicyCommand({ UserName: 'keyed', PolicyName: 'own-keys', PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:ListAccessKeys', Resource: `${ARN}:user/keyed` }]) }));
    // Without UserName the key's own user is meant.
    expect((await iamAs(creds).send(new ListAccessKeysCommand({}))).AccessKeyMetadata).toEqual([
      expect.objectContaining({ UserName: 'keyed', AccessKeyId: key?.AccessKeyId, Status: 'Active' }),
    ]);
    await iam.send(new CreateAccessKeyCommand({ UserName: 'keyed' }));
    expect(await fails(iam.send(new CreateAccessKeyCommand({ UserName: 'keyed' })))).toEqual({ code: 'LimitExceeded', status: 409, message: 'Cannot exceed quota for AccessKeysPerUser: 2' });
    await iam.send(new UpdateAccessKeyCommand({ UserName: 'keyed', AccessKeyId: key?.AccessKeyId, Status: 'Inactive' }));
    expect(await fails(h.stsAs(creds).send(new GetCallerIdentityCommand({})))).toEqual({ code: 'InvalidClientTokenId', status: 403, message: 'The security token included in the request is invalid.' });
    expect(await fails(iam.send(new UpdateAccessKeyCommand({ UserName: 'keyed', AccessKeyId: key?.AccessKeyId, Status: 'Off' as never })))).toEqual({ code: 'ValidationError', status: 400,
      message: "1 validation error detected: Value 'Off' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]" });
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'keyed', AccessKeyId: key?.AccessKeyId }));
    expect(await fails(iam.send(new DeleteAccessKeyCommand({ UserName: 'keyed', AccessKeyId: key?.AccessKeyId }))))
      .toEqual(notFound(`The Access Key with id ${key?.AccessKeyId} cannot be found.`));
    expect(await fails(iam.send(new CreateAccessKeyCommand({ UserName: 'nobody' })))).toEqual(notFound('The user with name nobody cannot be found.'));
  });
});

describe('inline policies', () => {
  it('puts, reads (URL-encoded, as IAM returns it), lists and deletes a user policy', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'inl' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'inl', PolicyName: 'push', PolicyDocument: PUSH_ONLY }));
    const got = await iam.send(new GetUserPolicyCommand({ UserName: 'inl', PolicyName: 'push' }));
    expect(got).toMatchObject({ UserName: 'inl', PolicyName: 'push', PolicyDocument: encodeURIComponent(PUSH_ONLY) });
    expect(JSON.parse(decodeURIComponent(got.PolicyDocument ?? ''))).toEqual(JSON.parse(PUSH_ONLY));
    expect((await iam.send(new ListUserPoliciesCommand({ UserName: 'inl' }))).PolicyNames).toEqual(['push']);
    await iam.send(new DeleteUserPolicyCommand({ UserName: 'inl', PolicyName: 'push' }));
    expect(await fails(iam.send(new GetUserPolicyCommand({ UserName: 'inl', PolicyName: 'push' })))).toEqual(notFound('The user policy with name push cannot be found.'));
    expect(await fails(iam.send(new DeleteUserPolicyCommand({ UserName: 'inl', PolicyName: 'push' })))).toEqual(notFound('The user policy with name push cannot be found.'));
    expect(await fails(iam.send(new PutUserPolicyCommand({ UserName: 'nobody', PolicyName: 'p', PolicyDocument: PUSH_ONLY })))).toEqual(notFound('The user with name nobody cannot be found.'));
  });

  it.each([
    ['not JSON', '{"Version":', 'Syntax errors in policy.'],
    ['no Statement', JSON.stringify({ Version: '2012-10-17' }), 'Syntax errors in policy.'],
    ['a misspelt Effect', doc([{ Effect: 'Alow', Action: 'ecr:*', Resource: '*' }]), 'Syntax errors in policy.'],
    ['an Effect in lower case', doc([{ Effect: 'allow', Action: 'ecr:*', Resource: '*' }]), 'The policy failed legacy parsing'],
    ['no Version', JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'ecr:*', Resource: '*' }] }), 'Policy document must be version 2012-10-17 or greater.'],
    ['no Action', doc([{ Effect: 'Allow', Resource: '*' }]), 'Policy statement must contain actions.'],
    ['no Resource', doc([{ Effect: 'Allow', Action: 'ecr:*' }]), 'Policy statement must contain resources.'],
    ['a Principal', doc([{ Effect: 'Allow', Principal: '*', Action: 'ecr:*', Resource: '*' }]), 'Policy document should not specify a principal.'],
    ['a Resource that is no ARN', doc([{ Effect: 'Allow', Action: 'ecr:*', Resource: 'app' }]), 'Resource app must be in ARN format or "*".'],
    ['an Action without a vendor', doc([{ Effect: 'Allow', Action: 'PutImage', Resource: '*' }]), 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.'],
  ])('refuses a document with %s (MalformedPolicyDocument)', async (_what, document, message) => {
    expect(await fails(iam.send(new PutUserPolicyCommand({ UserName: 'inl', PolicyName: 'bad', PolicyDocument: document })))).toEqual(malformed(message));
  });

  it('caps a user\'s inline policies at 2048 characters (LimitExceeded)', async () => {
    const big = doc([{ Effect: 'Allow', Action: Array.from({ length: 200 }, (_, i) => `ecr:Action${i}`), Resource: '*' }]);
    expect(await fails(iam.send(new PutUserPolicyCommand({ UserName: 'inl', PolicyName: 'big', PolicyDocument: big }))))
      .toEqual({ code: 'LimitExceeded', status: 409, message: 'Maximum policy size of 2048 bytes exceeded for user inl' });
  });
});

describe('managed policies', () => {
  it('creates, reads, lists and deletes a customer managed policy', async () => {
    const created = (await iam.send(new CreatePolicyCommand({ PolicyName: 'push-app', PolicyDocument: PUSH_ONLY, Description: 'push to app' }))).Policy;
    expect(created).toMatchObject({ PolicyName: 'push-app', Arn: `${ARN}:policy/push-app`, DefaultVersionId: 'v1', AttachmentCount: 0, IsAttachable: true });
    expect(created?.PolicyId).toMatch(/^ANPA/);
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: created?.Arn }))).Policy).toMatchObject({ Description: 'push to app' });
    const version = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: created?.Arn, VersionId: 'v1' }))).PolicyVersion;
    expect(version).toMatchObject({ VersionId: 'v1', IsDefaultVersion: true, Document: encodeURIComponent(PUSH_ONLY) });
    const arns = async (Scope?: 'All' | 'AWS' | 'Local') => (await iam.send(new ListPoliciesCommand({ Scope }))).Policies?.map((p) => p.Arn);
    expect(await arns('Local')).toEqual([created?.Arn]);
    expect(await arns('AWS')).toContain(READ_ONLY);
    expect(await arns('AWS')).not.toContain(created?.Arn);
    expect(await arns()).toEqual(expect.arrayContaining([READ_ONLY, created?.Arn]));
    expect(await fails(iam.send(new CreatePolicyCommand({ PolicyName: 'push-app', PolicyDocument: PUSH_ONLY }))))
      .toEqual({ code: 'EntityAlreadyExists', status: 409, message: 'A policy called push-app already exists. Duplicate names are not allowed.' });
    expect(await fails(iam.send(new CreatePolicyCommand({ PolicyName: 'bad', PolicyDocument: '[' })))).toEqual(malformed('Syntax errors in policy.'));
    await iam.send(new DeletePolicyCommand({ PolicyArn: created?.Arn }));
    expect(await fails(iam.send(new GetPolicyCommand({ PolicyArn: created?.Arn })))).toEqual(notFound(`Policy ${created?.Arn} was not found.`));
  });

  it('reads AWS managed policies and answers errors for unknown ones', async () => {
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: READ_ONLY }))).Policy).toMatchObject({ PolicyName: 'AmazonEC2ContainerRegistryReadOnly', Path: '/' });
    const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: READ_ONLY, VersionId: 'v1' }));
    expect(JSON.parse(decodeURIComponent(version.PolicyVersion?.Document ?? '')).Statement[0].Action).toContain('ecr:BatchGetImage');
    expect(await fails(iam.send(new GetPolicyVersionCommand({ PolicyArn: READ_ONLY, VersionId: 'v9' })))).toEqual(notFound(`Policy ${READ_ONLY} version v9 does not exist or is not attachable.`));
    expect(await fails(iam.send(new ListPoliciesCommand({ Scope: 'Mine' as never })))).toEqual({ code: 'ValidationError', status: 400,
      message: "1 validation error detected: Value 'Mine' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]" });
  });

  it('attaches, lists and detaches managed policies on a user, with IAM\'s errors', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'att' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'att', PolicyArn: READ_ONLY }));
    expect((await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'att' }))).AttachedPolicies).toEqual([
      { PolicyName: 'AmazonEC2ContainerRegistryReadOnly', PolicyArn: READ_ONLY },
    ]);
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: READ_ONLY }))).Policy?.AttachmentCount).toBeGreaterThanOrEqual(1);
    const missing = 'arn:aws:iam::aws:policy/X';
    expect(await fails(iam.send(new AttachUserPolicyCommand({ UserName: 'att', PolicyArn: missing })))).toEqual(notFound(`Policy ${missing} does not exist or is not attachable.`));
    expect(await fails(iam.send(new AttachUserPolicyCommand({ UserName: 'att', PolicyArn: 'not-a-policy-arn-at-all' }))))
      .toEqual({ code: 'InvalidInput', status: 400, message: 'ARN not-a-policy-arn-at-all is not valid.' });
    expect(await fails(iam.send(new DetachUserPolicyCommand({ UserName: 'att', PolicyArn: POWER_USER })))).toEqual(notFound(`Policy ${POWER_USER} was not found.`));
    await iam.send(new CreatePolicyCommand({ PolicyName: 'attached-one', PolicyDocument: PUSH_ONLY }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'att', PolicyArn: `${ARN}:policy/attached-one` }));
    expect(await fails(iam.send(new DeletePolicyCommand({ PolicyArn: `${ARN}:policy/attached-one` }))))
      .toEqual({ code: 'DeleteConflict', status: 409, message: 'Cannot delete a policy attached to entities.' });
    for (let i = 0; i < 8; i += 1) {
      await iam.send(new CreatePolicyCommand({ PolicyName: `many-${i}`, PolicyDocument: PUSH_ONLY }));
      await iam.send(new AttachUserPolicyCommand({ UserName: 'att', PolicyArn: `${ARN}:policy/many-${i}` }));
    }
    expect(await fails(iam.send(new AttachUserPolicyCommand({ UserName: 'att', PolicyArn: POWER_USER }))))
      .toEqual({ code: 'LimitExceeded', status: 409, message: 'Cannot exceed quota for PoliciesPerUser: 10' });
    await iam.send(new DetachUserPolicyCommand({ UserName: 'att', PolicyArn: READ_ONLY }));
    expect((await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'att' }))).AttachedPolicies?.map((p) => p.PolicyArn)).not.toContain(READ_ONLY);
  });
});

describe('roles', () => {
  it('creates, reads, lists and deletes a role with inline and attached policies', async () => {
    const role = (await iam.send(new CreateRoleCommand({ RoleName: 'r1', AssumeRolePolicyDocument: trust(`${ARN}:root`), Description: 'test', MaxSessionDuration: 7200 }))).Role;
    expect(role).toMatchObject({ RoleName: 'r1', Arn: `${ARN}:role/r1`, MaxSessionDuration: 7200, AssumeRolePolicyDocument: encodeURIComponent(trust(`${ARN}:root`)) });
    expect(role?.RoleId).toMatch(/^AROA/);
    expect((await iam.send(new GetRoleCommand({ RoleName: 'r1' }))).Role).toMatchObject({ Description: 'test', RoleLastUsed: {} });
    expect((await iam.send(new ListRolesCommand({}))).Roles?.map((r) => r.RoleName)).toContain('r1');
    await iam.send(new PutRolePolicyCommand({ RoleName: 'r1', PolicyName: 'push', PolicyDocument: PUSH_ONLY }));
    expect((await iam.send(new GetRolePolicyCommand({ RoleName: 'r1', PolicyName: 'push' }))).PolicyDocument).toBe(encodeURIComponent(PUSH_ONLY));
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'r1' }))).PolicyNames).toEqual(['push']);
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'r1', PolicyArn: READ_ONLY }));
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'r1' }))).AttachedPolicies).toEqual([{ PolicyName: 'AmazonEC2ContainerRegistryReadOnly', PolicyArn: READ_ONLY }]);
    expect(await fails(iam.send(new DeleteRoleCommand({ RoleName: 'r1' })))).toEqual({ code: 'DeleteConflict', status: 409, message: 'Cannot delete entity, must detach all policies first.' });
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'r1', PolicyArn: READ_ONLY }));
    expect(await fails(iam.send(new DeleteRoleCommand({ RoleName: 'r1' })))).toEqual({ code: 'DeleteConflict', status: 409, message: 'Cannot delete entity, must delete policies first.' });
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'r1', PolicyName: 'push' }));
    expect(await fails(iam.send(new GetRolePolicyCommand({ RoleName: 'r1', PolicyName: 'push' })))).toEqual(notFound('The role policy with name push cannot be found.'));
    await iam.send(new DeleteRoleCommand({ RoleName: 'r1' }));
    expect(await fails(iam.send(new GetRoleCommand({ RoleName: 'r1' })))).toEqual(notFound('The role with name r1 cannot be found.'));
  });

  it('answers IAM\'s errors for roles and trust policies', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'r2', AssumeRolePolicyDocument: trust(`${ARN}:root`) }));
    expect(await fails(iam.send(new CreateRoleCommand({ RoleName: 'r2', AssumeRolePolicyDocument: trust(`${ARN}:root`) }))))
      .toEqual({ code: 'EntityAlreadyExists', status: 409, message: 'Role with name r2 already exists.' });
    const withResource = doc([{ Effect: 'Allow', Principal: { AWS: `${ARN}:root` }, Action: 'sts:AssumeRole', Resource: '*' }]);
    expect(await fails(iam.send(new CreateRoleCommand({ RoleName: 'r3', AssumeRolePolicyDocument: withResource })))).toEqual(malformed('Has prohibited field Resource.'));
    expect(await fails(iam.send(new CreateRoleCommand({ RoleName: 'r3', AssumeRolePolicyDocument: trust(`${ARN}:user/nobody`) }))))
      .toEqual(malformed(`Invalid principal in policy: "AWS":"${ARN}:user/nobody"`));
    expect(await fails(iam.send(new CreateRoleCommand({ RoleName: 'r3', AssumeRolePolicyDocument: trust(`${ARN}:root`), MaxSessionDuration: 60 }))))
      .toEqual({ code: 'ValidationError', status: 400, message: "1 validation error detected: Value '60' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600" });
    expect(await fails(iam.send(new AttachRolePolicyCommand({ RoleName: 'nobody', PolicyArn: READ_ONLY })))).toEqual(notFound('The role with name nobody cannot be found.'));
  });
});

describe('a least-privilege pusher, one action at a time', () => {
  let pusher: Credentials;

  it('is built with CreateUser, CreateAccessKey and PutUserPolicy', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'ecr-pusher' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'ecr-pusher' }))).AccessKey;
    pusher = { accessKeyId: key?.AccessKeyId ?? '', secretAccessKey: key?.SecretAccessKey ?? '' };
    await iam.send(new PutUserPolicyCommand({ UserName: 'ecr-pusher', PolicyName: 'push-only', PolicyDocument: PUSH_ONLY }));
  });

  it('may get a registry token but not create repositories or use IAM', async () => {
    const token = await h.ecrAs(pusher).send(new GetAuthorizationTokenCommand({}));
    expect(token.authorizationData?.[0].authorizationToken).toBeTruthy();
    expect(await fails(h.ecrAs(pusher).send(new CreateRepositoryCommand({ repositoryName: 'app' })))).toEqual({ code: 'AccessDeniedException', status: 400,
      message: `User: ${ARN}:user/ecr-pusher is not authorized to perform: ecr:CreateRepository on resource: arn:aws:ecr:${REGION}:${ACCOUNT}:repository/app because no identity-based policy allows the ecr:CreateRepository action` });
    expect(await fails(iamAs(pusher).send(new CreateUserCommand({ UserName: 'x' })))).toEqual({ code: 'AccessDenied', status: 403,
      message: `User: ${ARN}:user/ecr-pusher is not authorized to perform: iam:CreateUser on resource: ${ARN}:user/x because no identity-based policy allows the iam:CreateUser action` });
    expect(await fails(iamAs(pusher).send(new ListUsersCommand({})))).toMatchObject({ code: 'AccessDenied', status: 403,
      message: `User: ${ARN}:user/ecr-pusher is not authorized to perform: iam:ListUsers on resource: ${ARN}:user/ because no identity-based policy allows the iam:ListUsers action` });
  });
});

describe('STS AssumeRole', () => {
  it('issues a role session the role\'s trust policy allows, usable with ECR', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'pusher-role', AssumeRolePolicyDocument: trust(`${ARN}:root`) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'pusher-role', PolicyArn: POWER_USER }));
    const out = await h.stsAs(LEARNER).send(new AssumeRoleCommand({ RoleArn: `${ARN}:role/pusher-role`, RoleSessionName: 'ci' }));
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/pusher-role/ci`);
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:ci$/);
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(out.Credentials?.Expiration?.getTime()).toBe(Math.floor(h.ecr.context.clock.now() / 1000) * 1000 + 3600_000);
    const session = { accessKeyId: out.Credentials?.AccessKeyId ?? '', secretAccessKey: out.Credentials?.SecretAccessKey ?? '', sessionToken: out.Credentials?.SessionToken ?? '' };
    expect((await h.stsAs(session).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/pusher-role/ci`);
    expect((await h.ecrAs(session).send(new DescribeRepositoriesCommand({}))).repositories).toBeDefined();
    expect(await fails(h.ecrAs(session).send(new CreateRepositoryCommand({ repositoryName: 'nope' })))).toMatchObject({ code: 'AccessDeniedException', status: 400 });
    expect(await fails(iamAs(session).send(new GetUserCommand({})))).toEqual({ code: 'ValidationError', status: 400, message: 'Must specify userName when calling with non-User credentials' });
  });

  it('refuses callers the trust policy does not allow, and durations beyond the role\'s maximum', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'outsider' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'outsider' }))).AccessKey;
    const outsider = { accessKeyId: key?.AccessKeyId ?? '', secretAccessKey: key?.SecretAccessKey ?? '' };
    const roleArn = `${ARN}:role/pusher-role`;
    // Trusting the account delegates to identity policies, and the outsider has none.
    expect(await fails(h.stsAs(outsider).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'x1' })))).toEqual({ code: 'AccessDenied', status: 403,
      message: `User: ${ARN}:user/outsider is not authorized to perform: sts:AssumeRole on resource: ${roleArn}` });
    // A trust policy naming the user needs no identity policy.
    await iam.send(new CreateRoleCommand({ RoleName: 'named-trust', AssumeRolePolicyDocument: trust(`${ARN}:user/outsider`) }));
    expect((await h.stsAs(outsider).send(new AssumeRoleCommand({ RoleArn: `${ARN}:role/named-trust`, RoleSessionName: 'x1' }))).Credentials).toBeDefined();
    expect(await fails(h.stsAs(LEARNER).send(new AssumeRoleCommand({ RoleArn: `${ARN}:role/missing`, RoleSessionName: 'x1' })))).toMatchObject({ code: 'AccessDenied', status: 403 });
    expect(await fails(h.stsAs(LEARNER).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'x1', DurationSeconds: 7200 }))))
      .toEqual({ code: 'ValidationError', status: 400, message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.' });
    expect(await fails(h.stsAs(LEARNER).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'x1', DurationSeconds: 60 }))))
      .toEqual({ code: 'ValidationError', status: 400, message: "1 validation error detected: Value '60' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900" });
  });

  it('answers ExpiredToken once the session is over on the local clock', async () => {
    const out = await h.stsAs(LEARNER).send(new AssumeRoleCommand({ RoleArn: `${ARN}:role/pusher-role`, RoleSessionName: 'late' }));
    const session = { accessKeyId: out.Credentials?.AccessKeyId ?? '', secretAccessKey: out.Credentials?.SecretAccessKey ?? '', sessionToken: out.Credentials?.SessionToken ?? '' };
    h.ecr.context.clock.advance(2 * 3600_000);
    try {
      const expired = 'The security token included in the request is expired';
      expect(await fails(h.stsAs(session).send(new GetCallerIdentityCommand({})))).toEqual({ code: 'ExpiredToken', status: 403, message: expired });
      expect(await fails(iamAs(session).send(new ListRolesCommand({})))).toEqual({ code: 'ExpiredToken', status: 403, message: expired });
      expect(await fails(h.ecrAs(session).send(new DescribeRepositoriesCommand({})))).toEqual({ code: 'ExpiredTokenException', status: 400, message: expired });
    } finally {
      h.ecr.context.clock.reset();
    }
  });
});

describe('the IAM endpoint', () => {
  /** A POST of `body`, signed for `service` in `region` with the learner's key. */
  async function post(body: string, service = 'iam', region = REGION): Promise<Response> {
    const url = new URL(h.ecr.endpoint);
    const signer = new SignatureV4({ credentials: LEARNER, region, service, sha256: Sha256 });
    const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/',
      headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body });
    return fetch(`${h.ecr.endpoint}/`, { method: 'POST', headers: signed.headers, body });
  }

  it('answers unknown actions and unsigned calls with IAM\'s XML errors', async () => {
    const unknown = await post('Action=CreateGroup&Version=2010-05-08&GroupName=g');
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('<Code>InvalidAction</Code>\n    <Message>Could not find operation CreateGroup for version 2010-05-08</Message>');
    const unsigned = await fetch(`${h.ecr.endpoint}/`, { method: 'POST', body: 'Action=ListUsers&Version=2010-05-08', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(unsigned.status).toBe(403);
    const body = await unsigned.text();
    expect(body).toContain('<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">');
    expect(body).toContain('<Type>Sender</Type>\n    <Code>MissingAuthenticationToken</Code>');
    expect(body).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId>/);
  });

  it('answers in IAM\'s XML shapes with ResponseMetadata', async () => {
    const res = await post('Action=GetUser&Version=2010-05-08');
    expect(res.headers.get('content-type')).toBe('text/xml');
    expect(await res.text()).toMatch(/^<GetUserResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/">\n {2}<GetUserResult>\n {4}<User>\n {6}<Path>\/<\/Path>[\s\S]*<ResponseMetadata>\n {4}<RequestId>[0-9a-f-]{36}<\/RequestId>/);
  });

  it('accepts IAM signed for any region (a global service) but STS only for the local ECR\'s region', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ecr-iam-region-'));
    const other = await startLocalEcr({ dataDir: dir, account: ACCOUNT, region: 'eu-west-1' });
    try {
      const client = (region: string) => new IAMClient({ endpoint: other.endpoint, region, credentials: LEARNER, maxAttempts: 1 });
      for (const region of ['us-east-1', 'eu-west-1', 'ap-south-1']) {
        expect((await client(region).send(new GetUserCommand({}))).User?.UserName, region).toBe('learner');
      }
      const sts = new STSClient({ endpoint: other.endpoint, region: 'us-east-1', credentials: LEARNER, maxAttempts: 1 });
      expect(await fails(sts.send(new GetCallerIdentityCommand({})))).toEqual({ code: 'SignatureDoesNotMatch', status: 403,
        message: "Credential should be scoped to a valid region, not 'us-east-1'." });
    } finally {
      await other.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// The real AWS CLI v2 (/usr/bin/aws) running `aws iam` and `aws sts assume-role` against the
// local ECR: a least-privilege pusher built step by step, a role session, and IAM's error lines.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY } from '../../src/local-ecr/config.js';
import { startLocalEcr, type LocalEcr } from '../../src/local-ecr/server.js';

const AWS = '/usr/bin/aws';
const ACCOUNT = '123456789012';
const PUSH_ONLY = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    { Effect: 'Allow', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'],
      Resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/app` },
  ],
};
const TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] };

let ecr: LocalEcr;
let dir: string;

interface Run { readonly exitCode: number; readonly stdout: string; readonly stderr: string }
interface Keys { readonly id: string; readonly secret: string; readonly token?: string }

const LEARNER: Keys = { id: EXAMPLE_ACCESS_KEY_ID, secret: EXAMPLE_SECRET_ACCESS_KEY };

async function aws(args: readonly string[], keys: Keys = LEARNER): Promise<Run> {
  const r = await execa(AWS, ['--endpoint-url', ecr.endpoint, '--output', 'json', ...args], {
    reject: false,
    extendEnv: false,
    env: {
      PATH: '/usr/bin:/bin', HOME: dir, AWS_ACCESS_KEY_ID: keys.id, AWS_SECRET_ACCESS_KEY: keys.secret,
      ...(keys.token ? { AWS_SESSION_TOKEN: keys.token } : {}),
      AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_PAGER: '', LANG: 'C.UTF-8',
    },
  });
  return { exitCode: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The JSON output of a run that must succeed (`{}` when the command prints nothing). */
function json(run: Run): Record<string, unknown> {
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  return run.stdout.trim() === '' ? {} : JSON.parse(run.stdout) as Record<string, unknown>;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-cli-iam-'));
  ecr = await startLocalEcr({ dataDir: join(dir, 'data'), account: ACCOUNT, region: 'us-east-1' });
  await writeFile(join(dir, 'push-only.json'), JSON.stringify(PUSH_ONLY, null, 2));
  await writeFile(join(dir, 'trust.json'), JSON.stringify(TRUST));
});

afterAll(async () => {
  await ecr?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('aws iam against the local ECR', () => {
  let pusher: Keys;

  it('creates a user and an access key, and gets the user', async () => {
    const user = json(await aws(['iam', 'create-user', '--user-name', 'ecr-pusher'])).User as Record<string, unknown>;
    expect(user).toMatchObject({ UserName: 'ecr-pusher', Path: '/', Arn: `arn:aws:iam::${ACCOUNT}:user/ecr-pusher` });
    expect(String(user.CreateDate)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
    const key = json(await aws(['iam', 'create-access-key', '--user-name', 'ecr-pusher'])).AccessKey as Record<string, string>;
    expect(key).toMatchObject({ UserName: 'ecr-pusher', Status: 'Active' });
    pusher = { id: key.AccessKeyId, secret: key.SecretAccessKey };
    expect(json(await aws(['iam', 'get-user', '--user-name', 'ecr-pusher'])).User).toMatchObject({ UserId: user.UserId });
    expect(json(await aws(['iam', 'get-user'])).User).toMatchObject({ UserName: 'learner' });
  });

  it('puts a push-only policy from a file, which the CLI shows decoded', async () => {
    json(await aws(['iam', 'put-user-policy', '--user-name', 'ecr-pusher', '--policy-name', 'push-only', '--policy-document', `file://${join(dir, 'push-only.json')}`]));
    const got = json(await aws(['iam', 'get-user-policy', '--user-name', 'ecr-pusher', '--policy-name', 'push-only']));
    expect(got).toEqual({ UserName: 'ecr-pusher', PolicyName: 'push-only', PolicyDocument: PUSH_ONLY });
    expect(json(await aws(['iam', 'list-user-policies', '--user-name', 'ecr-pusher']))).toEqual({ PolicyNames: ['push-only'] });
  });

  it('lets the pusher log in but not create repositories', async () => {
    const login = await aws(['ecr', 'get-login-password'], pusher);
    expect(login.exitCode).toBe(0);
    expect(login.stdout.trim()).toMatch(/^[A-Za-z0-9+/=]+$/);
    const create = await aws(['ecr', 'create-repository', '--repository-name', 'app'], pusher);
    expect(create.exitCode).toBe(254);
    expect(create.stderr).toBe(`\nAn error occurred (AccessDeniedException) when calling the CreateRepository operation: User: arn:aws:iam::${ACCOUNT}:user/ecr-pusher ` +
      `is not authorized to perform: ecr:CreateRepository on resource: arn:aws:ecr:us-east-1:${ACCOUNT}:repository/app because no identity-based policy allows the ecr:CreateRepository action`);
    const iamRun = await aws(['iam', 'list-users'], pusher);
    expect(iamRun.exitCode).toBe(254);
    expect(iamRun.stderr).toBe(`\nAn error occurred (AccessDenied) when calling the ListUsers operation: User: arn:aws:iam::${ACCOUNT}:user/ecr-pusher ` +
      `is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${ACCOUNT}:user/ because no identity-based policy allows the iam:ListUsers action`);
  });

  it('attaches and lists managed policies, and deletes the inline one', async () => {
    const readOnly = 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly';
    json(await aws(['iam', 'attach-user-policy', '--user-name', 'ecr-pusher', '--policy-arn', readOnly]));
    expect(json(await aws(['iam', 'list-attached-user-policies', '--user-name', 'ecr-pusher']))).toEqual({
      AttachedPolicies: [{ PolicyName: 'AmazonEC2ContainerRegistryReadOnly', PolicyArn: readOnly }],
    });
    json(await aws(['iam', 'delete-user-policy', '--user-name', 'ecr-pusher', '--policy-name', 'push-only']));
    expect(json(await aws(['iam', 'list-user-policies', '--user-name', 'ecr-pusher']))).toEqual({ PolicyNames: [] });
  });

  it('prints IAM\'s error lines with exit code 254', async () => {
    const missing = await aws(['iam', 'get-user', '--user-name', 'ci-pusher']);
    expect(missing.exitCode).toBe(254);
    expect(missing.stderr).toBe('\nAn error occurred (NoSuchEntity) when calling the GetUser operation: The user with name ci-pusher cannot be found.');
    const twice = await aws(['iam', 'create-user', '--user-name', 'ecr-pusher']);
    expect(twice.stderr).toBe('\nAn error occurred (EntityAlreadyExists) when calling the CreateUser operation: User with name ecr-pusher already exists.');
    const nope = await aws(['iam', 'attach-user-policy', '--user-name', 'ecr-pusher', '--policy-arn', 'arn:aws:iam::aws:policy/X']);
    expect(nope.stderr).toBe('\nAn error occurred (NoSuchEntity) when calling the AttachUserPolicy operation: Policy arn:aws:iam::aws:policy/X does not exist or is not attachable.');
    const bad = await aws(['iam', 'put-user-policy', '--user-name', 'ecr-pusher', '--policy-name', 'p', '--policy-document', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecr:*"}]}']);
    expect(bad.stderr).toBe('\nAn error occurred (MalformedPolicyDocument) when calling the PutUserPolicy operation: Policy statement must contain resources.');
    const busy = await aws(['iam', 'delete-user', '--user-name', 'ecr-pusher']);
    expect(busy.stderr).toBe('\nAn error occurred (DeleteConflict) when calling the DeleteUser operation: Cannot delete entity, must delete access keys first.');
  });
});

describe('aws sts assume-role against the local ECR', () => {
  it('assumes a role whose trust policy allows the account, and works with its session', async () => {
    json(await aws(['iam', 'create-role', '--role-name', 'pusher-role', '--assume-role-policy-document', `file://${join(dir, 'trust.json')}`]));
    json(await aws(['iam', 'attach-role-policy', '--role-name', 'pusher-role', '--policy-arn', 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser']));
    const out = json(await aws(['sts', 'assume-role', '--role-arn', `arn:aws:iam::${ACCOUNT}:role/pusher-role`, '--role-session-name', 'ci']));
    const credentials = out.Credentials as Record<string, string>;
    expect(out.AssumedRoleUser).toMatchObject({ Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/pusher-role/ci` });
    expect(credentials.AccessKeyId).toMatch(/^ASIA/);
    expect(credentials.Expiration).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
    const session: Keys = { id: credentials.AccessKeyId, secret: credentials.SecretAccessKey, token: credentials.SessionToken };
    expect(json(await aws(['sts', 'get-caller-identity'], session))).toMatchObject({ Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/pusher-role/ci` });
    expect(json(await aws(['ecr', 'describe-repositories'], session))).toEqual({ repositories: [] });
  });

  it('prints AccessDenied for a role the caller may not assume', async () => {
    const run = await aws(['sts', 'assume-role', '--role-arn', `arn:aws:iam::${ACCOUNT}:role/nobody`, '--role-session-name', 'ci']);
    expect(run.exitCode).toBe(254);
    expect(run.stderr).toBe(`\nAn error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::${ACCOUNT}:user/learner ` +
      `is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/nobody`);
  });
});

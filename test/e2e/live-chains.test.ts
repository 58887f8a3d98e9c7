// `ecr-lab run all --live --yes` against `ecr-lab serve`, reached only through the SDK's own
// endpoint settings (endpoint_url in a profile, AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>,
// a services section), with each credential chain a real setup uses: static keys in a named
// profile, a role assumed through source_profile, environment keys with a session token; and
// the two that must fail in one clear line: a profile with no region, an expired session.
// The real aws CLI gets the same files and environment, and must agree.
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_ALL_IDS } from '../../src/core/steps.js';
import { ACCOUNT, adminEnv, createUser, json, keyEnv, stepLines, startLiveLab, type Keys, type LiveLab } from './live-harness.js';

let lab: LiveLab;
let user: Keys;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ecr-lab-chain`;
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] });
const MAY_ASSUME = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ROLE }] });
const ECR_FULL = 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryFullAccess';

beforeAll(async () => {
  lab = await startLiveLab();
  const admin = adminEnv();
  user = await createUser(lab, 'chain-user');
  json(await lab.aws(['iam', 'attach-user-policy', '--user-name', 'chain-user', '--policy-arn', ECR_FULL], admin));
  json(await lab.aws(['iam', 'put-user-policy', '--user-name', 'chain-user', '--policy-name', 'may-assume', '--policy-document', MAY_ASSUME], admin));
  json(await lab.aws(['iam', 'create-role', '--role-name', 'ecr-lab-chain', '--assume-role-policy-document', TRUST], admin));
  json(await lab.aws(['iam', 'attach-role-policy', '--role-name', 'ecr-lab-chain', '--policy-arn', ECR_FULL], admin));
  await lab.writeAwsFiles([
    '[profile static]', 'region = us-east-1', `endpoint_url = ${lab.endpoint}`, '',
    '[profile assume]', `role_arn = ${ROLE}`, 'source_profile = static', 'region = us-east-1', `endpoint_url = ${lab.endpoint}`, '',
    '[profile noregion]', `endpoint_url = ${lab.endpoint}`, '',
    '[profile by-service]', 'region = us-east-1', 'services = local-lab', '',
    '[services local-lab]', 'ecr =', `  endpoint_url = ${lab.endpoint}`, 'sts =', `  endpoint_url = ${lab.endpoint}`, '',
  ].join('\n'), [
    '[static]', `aws_access_key_id = ${user.id}`, `aws_secret_access_key = ${user.secret}`, '',
    '[noregion]', `aws_access_key_id = ${user.id}`, `aws_secret_access_key = ${user.secret}`, '',
    '[by-service]', `aws_access_key_id = ${user.id}`, `aws_secret_access_key = ${user.secret}`, '',
  ].join('\n'));
});

afterAll(async () => {
  const listed = await execa('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}'], { reject: false });
  const ours = String(listed.stdout).split('\n').filter((l) => l.startsWith(`127.0.0.1:${lab?.port}/`));
  if (ours.length) await execa('docker', ['rmi', '--force', ...ours], { reject: false });
  await lab?.close();
});

/** `run all --live --yes` must pass every step, on the non-AWS endpoint the label names. */
async function expectWholeWorkflow(args: readonly string[], env: Record<string, string>, who: RegExp): Promise<void> {
  const r = await lab.ecrLab(['run', 'all', '--live', '--yes', ...args], env);
  const steps = stepLines(r);
  expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
  expect(steps).toHaveLength(RUN_ALL_IDS.length);
  expect(steps.every((l) => l.startsWith('✓ '))).toBe(true);
  expect(r.stdout).toContain(`target: live, NOT AWS: ${lab.endpoint}, ${ACCOUNT} us-east-1`);
  expect(r.stdout).toMatch(who);
  // The registry is the one GetAuthorizationToken named (the local registry), not *.amazonaws.com.
  expect(r.stdout).toContain(`Docker now holds a registry token for 127.0.0.1:${lab.port}`);
}

describe('credential chains that work', () => {
  it('static keys in a named profile (--profile), endpoint_url in that profile', async () => {
    await expectWholeWorkflow(['--profile', 'static'], {}, /belong to arn:aws:iam::123456789012:user\/chain-user /);
    const boto = json(await lab.boto('sts', 'get_caller_identity', {}, 'static'));
    expect(boto.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/chain-user`);
  });

  it('a profile that assumes a role through source_profile and role_arn', async () => {
    await expectWholeWorkflow(['--profile', 'assume'], {}, /belong to arn:aws:sts::123456789012:assumed-role\/ecr-lab-chain\//);
    const boto = json(await lab.boto('sts', 'get_caller_identity', {}, 'assume'));
    expect(String(boto.Arn)).toMatch(/^arn:aws:sts::123456789012:assumed-role\/ecr-lab-chain\//);
  });

  it('environment keys with a session token, AWS_ENDPOINT_URL and AWS_REGION', async () => {
    const out = json(await lab.aws(['sts', 'assume-role', '--role-arn', ROLE, '--role-session-name', 'env-chain'], { ...keyEnv(user), AWS_DEFAULT_REGION: 'us-east-1' }));
    const c = out.Credentials as Record<string, string>;
    const env = { ...keyEnv({ id: c.AccessKeyId!, secret: c.SecretAccessKey!, token: c.SessionToken! }), AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: lab.endpoint };
    await expectWholeWorkflow([], env, /belong to arn:aws:sts::123456789012:assumed-role\/ecr-lab-chain\/env-chain /);
  });

  it('AWS_ENDPOINT_URL_ECR and AWS_ENDPOINT_URL_STS, each service on its own setting', async () => {
    const env = { ...keyEnv(user), AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1', AWS_ENDPOINT_URL_ECR: lab.endpoint, AWS_ENDPOINT_URL_STS: lab.endpoint };
    const r = await lab.ecrLab(['run', 'whoami', 'describe-repositories', '--live'], env);
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(stepLines(r).map((l) => l.slice(0, 1))).toEqual(['✓', '✓']);
    expect(r.stdout).toContain(`target: live, NOT AWS: ${lab.endpoint},`);
    expect(json(await lab.boto('ecr', 'describe_repositories', env)).repositories).toEqual([]);
  });

  it('a services section named by the profile', async () => {
    const r = await lab.ecrLab(['run', 'whoami', 'describe-repositories', '--live', '--profile', 'by-service']);
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain(`target: live, NOT AWS: ${lab.endpoint},`);
    expect(json(await lab.boto('ecr', 'describe_repositories', {}, 'by-service')).repositories).toEqual([]);
  });

  it('doctor --live names the non-AWS endpoints', async () => {
    const r = await lab.ecrLab(['doctor', '--live', '--profile', 'static']);
    expect(r.stdout).toMatch(new RegExp(`AWS endpoints \\(live AWS only\\): NOT AWS: ECR ${lab.endpoint}, STS ${lab.endpoint}`));
    expect(r.stdout).toContain('AWS identity (live AWS only): arn:aws:iam::123456789012:user/chain-user');
  });
});

describe('credential chains that must stop in one line', () => {
  it('a profile with no region', async () => {
    const r = await lab.ecrLab(['run', 'whoami', '--live', '--profile', 'noregion']);
    expect(r.exitCode).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/region/i);
    expect(r.stderr).toContain('--region');
    const cli = await lab.aws(['ecr', 'describe-repositories', '--profile', 'noregion']);
    expect(cli.exitCode).not.toBe(0);
    expect(cli.stderr).toContain('You must specify a region');
    expect((await lab.boto('ecr', 'describe_repositories', {}, 'noregion')).stderr).toMatch(/^NoRegionError: You must specify a region/);
  });

  it('expired session credentials: ExpiredTokenException, explained', async () => {
    const out = json(await lab.aws(['sts', 'assume-role', '--role-arn', ROLE, '--role-session-name', 'short', '--duration-seconds', '900'], { ...keyEnv(user), AWS_DEFAULT_REGION: 'us-east-1' }));
    const c = out.Credentials as Record<string, string>;
    const env = { ...keyEnv({ id: c.AccessKeyId!, secret: c.SecretAccessKey!, token: c.SessionToken! }), AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1', AWS_ENDPOINT_URL: lab.endpoint };
    expect((await lab.ecrLab(['clock', '+1h'])).exitCode).toBe(0);
    try {
      const r = await lab.ecrLab(['run', 'whoami', '--live'], env);
      expect(r.exitCode).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^ecr-lab: live AWS: ExpiredToken: The security token included in the request is expired\. /);
      expect(r.stderr).toMatch(/Fix: /);
      const cli = await lab.aws(['sts', 'get-caller-identity'], env);
      expect(cli.stderr).toContain('(ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired');
      expect((await lab.boto('ecr', 'describe_repositories', env)).stderr).toBe('ExpiredTokenException: The security token included in the request is expired');
    } finally {
      await lab.ecrLab(['clock', 'reset']);
    }
  });
});

// Faults and the clock of a running `ecr-lab serve`, switched by `ecr-lab fault` and `ecr-lab
// clock`, as the real docker and /usr/bin/aws meet them: each symptom word for word, each fix
// made with the real tools, and `off` putting the world back.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY } from '../../src/local-ecr/config.js';

const BIN = join(process.cwd(), 'bin', 'ecr-lab.js');
let dir: string;
let serve: ResultPromise;
let endpoint = '';
let host = '';
const env = () => ({
  ECR_LAB_STATE_DIR: join(dir, 'state'), DOCKER_CONFIG: join(dir, 'docker'), DOCKER_BUILDKIT: '0', HOME: dir,
  AWS_ACCESS_KEY_ID: EXAMPLE_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: EXAMPLE_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION: 'us-east-1',
  AWS_CONFIG_FILE: join(dir, 'aws-config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'), AWS_PAGER: '',
});

interface Ran { readonly out: string; readonly code: number }

async function sh(file: string, args: readonly string[], input?: string, extra: Record<string, string> = {}): Promise<Ran> {
  const r = await execa(file, args, { all: true, reject: false, env: { ...env(), ...extra }, input });
  return { out: r.all ?? '', code: r.exitCode ?? -1 };
}
const lab = (...args: string[]) => sh('node', [BIN, ...args]);
const aws = (...args: string[]) => sh('/usr/bin/aws', ['--endpoint-url', endpoint, ...args]);
const docker = (...args: string[]) => sh('docker', args);
const login = async () => {
  const password = (await aws('ecr', 'get-login-password')).out.trim();
  return sh('docker', ['login', '--username', 'AWS', '--password-stdin', host], password);
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-faults-e2e-'));
  serve = execa('node', [BIN, 'serve', '--port', '0', '--data', join(dir, 'data')], { env: env(), reject: false, all: true });
  let log = '';
  serve.all?.on('data', (chunk: Buffer) => { log += chunk.toString(); });
  for (let i = 0; i < 150 && !/Requests \(Ctrl\+C to stop\)/.test(log); i++) await new Promise((r) => setTimeout(r, 100));
  endpoint = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log)![1]!;
  host = endpoint.replace('http://', '');
  await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY hello.txt /\n');
  await writeFile(join(dir, 'hello.txt'), `hello ${Date.now()}\n`);
  expect((await aws('ecr', 'create-repository', '--repository-name', 'ecr-lab/demo')).code).toBe(0);
  expect((await docker('build', '-q', '-t', `${host}/ecr-lab/demo:v1`, dir)).code).toBe(0);
  expect((await login()).out).toContain('Login Succeeded');
  expect((await docker('push', `${host}/ecr-lab/demo:v1`)).code).toBe(0);
});

afterAll(async () => {
  serve?.kill('SIGINT');
  await serve;
  await docker('rmi', `${host}/ecr-lab/demo:v1`);
  await rm(dir, { recursive: true, force: true });
});

describe('ecr-lab fault and clock against a running serve', () => {
  it('keeps the admin secret in a 0600 file and refuses callers without it', async () => {
    const port = host.split(':')[1];
    const file = join(dir, 'state', `local-ecr-admin-${port}.json`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const res = await fetch(`${endpoint}/ecr-lab/admin/faults`, { headers: { authorization: 'Bearer wrong' } });
    expect(res.status).toBe(403);
    expect(JSON.parse(await readFile(file, 'utf8')).secret).toMatch(/^[\w-]{20,}$/);
  });

  it('token-expired: the next push fails with ECR\'s text, a new login fixes it, off restores the clock', async () => {
    expect((await lab('fault', 'on', 'token-expired')).out).toContain('fault on: token-expired');
    expect((await lab('clock', 'show')).out).toMatch(/\(\+13h from real time\)/);
    const push = await docker('push', `${host}/ecr-lab/demo:v1`);
    expect(push.code).toBe(1);
    expect(push.out).toContain('denied: Your authorization token has expired. Reauthenticate and try again.');
    expect((await login()).out).toContain('Login Succeeded');
    expect((await docker('push', `${host}/ecr-lab/demo:v1`)).code).toBe(0);
    expect((await lab('fault', 'off', 'token-expired')).code).toBe(0);
    expect((await lab('clock', 'show')).out).toContain('(real time)');
  });

  it('repository-missing: the AWS CLI says it does not exist, exit 254; create-repository ends it', async () => {
    await lab('fault', 'on', 'repository-missing');
    const described = await aws('ecr', 'describe-repositories', '--repository-names', 'ecr-lab/demo');
    expect(described.code).toBe(254);
    expect(described.out.trim()).toBe("An error occurred (RepositoryNotFoundException) when calling the DescribeRepositories operation: The repository with name 'ecr-lab/demo' does not exist in the registry with id '123456789012'");
    const push = await docker('push', `${host}/ecr-lab/demo:v1`);
    expect(push.out).toContain("name unknown: The repository with name 'ecr-lab/demo' does not exist in the registry with id '123456789012'");
    expect((await aws('ecr', 'create-repository', '--repository-name', 'ecr-lab/demo')).code).toBe(0);
    expect((await lab('fault', 'list')).out).toMatch(/repository-missing\s+server\s+off/);
  });

  it('access-denied-push: docker is denied InitiateLayerUpload; attaching PowerUser with aws iam fixes it', async () => {
    await lab('fault', 'on', 'access-denied-push');
    await writeFile(join(dir, 'hello.txt'), `new content ${Date.now()}\n`);
    expect((await docker('build', '-q', '-t', `${host}/ecr-lab/demo:v2`, dir)).code).toBe(0);
    const push = await docker('push', `${host}/ecr-lab/demo:v2`);
    expect(push.out).toContain('denied: User: arn:aws:iam::123456789012:user/learner is not authorized to perform: ecr:InitiateLayerUpload on resource: arn:aws:ecr:us-east-1:123456789012:repository/ecr-lab/demo because no identity-based policy allows the ecr:InitiateLayerUpload action');
    const attached = await aws('iam', 'attach-user-policy', '--user-name', 'learner', '--policy-arn', 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser');
    expect(attached.out).toBe('');
    expect((await docker('push', `${host}/ecr-lab/demo:v2`)).code).toBe(0);
    await lab('fault', 'off', 'access-denied-push');
    await docker('rmi', `${host}/ecr-lab/demo:v2`);
  });

  it('throttled: the AWS CLI retries and then prints ThrottlingException, exit 254', async () => {
    await lab('fault', 'on', 'throttled');
    expect((await aws('ecr', 'get-login-password')).code).toBe(0);
    const second = await aws('ecr', 'get-login-password');
    expect(second.code).toBe(254);
    expect(second.out.trim()).toBe('An error occurred (ThrottlingException) when calling the GetAuthorizationToken operation (reached max retries: 2): Rate exceeded');
    await lab('fault', 'off', 'throttled');
  });

  it('not-logged-in removes docker\'s login and puts it back on off', async () => {
    await lab('fault', 'on', 'not-logged-in');
    const push = await docker('push', `${host}/ecr-lab/demo:v1`);
    expect(push.out).toContain('no basic auth credentials');
    await lab('fault', 'off', 'not-logged-in');
    expect((await docker('push', `${host}/ecr-lab/demo:v1`)).code).toBe(0);
  });

  it.each([
    ['credentials-invalid', 'UnrecognizedClientException', 'The security token included in the request is invalid.'],
    ['credentials-expired', 'ExpiredTokenException', 'The security token included in the request is expired'],
    ['signature-mismatch', 'InvalidSignatureException', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'],
  ])('%s: the AWS CLI prints %s, exit 254', async (name, code, message) => {
    await lab('fault', 'on', name);
    const r = await aws('ecr', 'get-login-password');
    await lab('fault', 'off', name);
    expect(r.code).toBe(254);
    expect(r.out.trim()).toBe(`An error occurred (${code}) when calling the GetAuthorizationToken operation: ${message}`);
  });

  it('credentials-invalid: the admin user (AWS\'s second example key) makes the learner\'s key active again', async () => {
    await lab('fault', 'on', 'credentials-invalid');
    const admin = await sh('/usr/bin/aws', ['--endpoint-url', endpoint, 'iam', 'update-access-key', '--user-name', 'learner',
      '--access-key-id', EXAMPLE_ACCESS_KEY_ID, '--status', 'Active'].map(String), undefined, { AWS_ACCESS_KEY_ID: 'AKIAI44QH8DHBEXAMPLE', AWS_SECRET_ACCESS_KEY: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY' });
    expect(admin.code).toBe(0);
    expect((await aws('ecr', 'get-login-password')).code).toBe(0);
    await lab('fault', 'off', 'credentials-invalid');
  });

  it('access-denied-login: GetAuthorizationToken on resource *', async () => {
    await lab('fault', 'on', 'access-denied-login');
    const r = await aws('ecr', 'get-login-password');
    await lab('fault', 'off', 'access-denied-login');
    expect(r.out.trim()).toBe('An error occurred (AccessDeniedException) when calling the GetAuthorizationToken operation: User: arn:aws:iam::123456789012:user/learner is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action');
  });

  it('repository-policy-deny, tag-immutable and manifest-unknown as docker prints them', async () => {
    await writeFile(join(dir, 'hello.txt'), `other ${Date.now()}\n`);
    expect((await docker('build', '-q', '-t', `${host}/ecr-lab/demo:v1`, dir)).code).toBe(0);
    await lab('fault', 'on', 'repository-policy-deny');
    expect((await docker('push', `${host}/ecr-lab/demo:v1`)).out).toContain('denied: User: arn:aws:iam::123456789012:user/learner is not authorized to perform: ecr:InitiateLayerUpload on resource: arn:aws:ecr:us-east-1:123456789012:repository/ecr-lab/demo with an explicit deny in a resource-based policy');
    expect((await aws('ecr', 'get-repository-policy', '--repository-name', 'ecr-lab/demo')).out).toContain('EcrLabFaultDenyPush');
    await lab('fault', 'off', 'repository-policy-deny');
    await lab('fault', 'on', 'tag-immutable');
    expect((await docker('push', `${host}/ecr-lab/demo:v1`)).out).toContain("tag invalid: The image tag 'v1' already exists in the 'ecr-lab/demo' repository and cannot be overwritten because the repository is immutable.");
    await lab('fault', 'off', 'tag-immutable');
    await lab('fault', 'on', 'manifest-unknown');
    expect((await docker('pull', `${host}/ecr-lab/demo:v1`)).out).toContain(`Error response from daemon: manifest for ${host}/ecr-lab/demo:v1 not found: manifest unknown: Requested image not found`);
    await lab('fault', 'off', 'manifest-unknown');
    expect((await docker('pull', `${host}/ecr-lab/demo:v1`)).code).toBe(0);
  });

  it('token-for-other-registry and image-not-tagged-locally as docker prints them', async () => {
    await lab('fault', 'on', 'token-for-other-registry');
    expect((await docker('push', `${host}/ecr-lab/demo:v1`)).out).toContain('denied: Your Authorization Token is invalid.');
    await lab('fault', 'off', 'token-for-other-registry');
    await lab('fault', 'on', 'image-not-tagged-locally');
    expect((await docker('push', `${host}/ecr-lab/demo:v1`)).out).toContain(`An image does not exist locally with the tag: ${host}/ecr-lab/demo`);
    await lab('fault', 'off', 'image-not-tagged-locally');
    expect((await docker('push', `${host}/ecr-lab/demo:v1`)).code).toBe(0);
  });

  it('answers bad input with one line and a non-zero exit', async () => {
    const unknown = await lab('fault', 'on', 'no-such-fault');
    expect(unknown.code).toBe(2);
    expect(unknown.out.split('\n')[0]).toMatch(/^ecr-lab: no fault 'no-such-fault'; faults are: repository-missing, /);
    const badClock = await lab('clock', 'soon');
    expect(badClock.code).toBe(2);
    expect(badClock.out).toContain("'soon' is not a time change");
    const client = await lab('fault', 'on', 'wrong-region');
    expect(client.code).toBe(1);
    expect(client.out).toContain("changes how ecr-lab's own steps call AWS and docker");
    expect((await lab('clock', '-1h')).out).toMatch(/\(-1h from real time\)/);
    expect((await lab('clock', 'reset')).out).toContain('(real time)');
  });
});

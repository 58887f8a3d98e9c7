// The real docker CLI against the local ECR: login, push, pull by tag and digest, and every
// registry error of ECR.md §4.3 (rows 1-8, 10) as docker itself prints it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_LIFETIME_MS } from '../../src/local-ecr/token.js';
import { repoRecord } from '../local-ecr/store-helpers.js';
import {
  buildScratch, deadPort, docker, dockerLogin, PULL_DENIED_KEY, PUSH_DENIED_KEY, startE2eRegistry, type E2eRegistry,
} from './registry-harness.js';

let reg: E2eRegistry;
let host: string;
const made: string[] = [];

const NO_REPO = "The repository with name 'nosuch' does not exist in the registry with id '123456789012'";
const EXPIRED = 'denied: Your authorization token has expired. Reauthenticate and try again.';

/** A logged-in docker config dir for `key` (default: the learner). */
async function loggedIn(key?: string): Promise<string> {
  const dir = await reg.configDir();
  const login = await dockerLogin(dir, host, reg.password(key));
  expect(login.out).toContain('Login Succeeded');
  return dir;
}

/** Builds a fresh image and tags it `host/<repo>:<tag>`. */
async function image(repo: string, tag: string, seed: string): Promise<string> {
  const ref = await buildScratch(reg, `${host}/${repo}:${tag}`, seed);
  made.push(ref);
  return ref;
}

beforeAll(async () => {
  const version = await docker('/nonexistent', ['version', '--format', '{{.Server.Version}}']);
  if (version.code !== 0) throw new Error(`the docker CLI and daemon are required for e2e: ${version.out}`);
  reg = await startE2eRegistry();
  host = reg.host;
  const { store } = reg.ecr.context;
  for (const name of ['team/app', 'locked', 'pulldeny']) await store.putRepository(repoRecord(name));
  await store.putRepository(repoRecord('immut', { imageTagMutability: 'IMMUTABLE' }));
});

afterAll(async () => {
  if (made.length) await docker('/nonexistent', ['rmi', '-f', ...made]);
  await reg?.close();
});

describe('docker login, push and pull', () => {
  it('pushes, then pulls by tag and by digest', async () => {
    const config = await loggedIn();
    const ref = await image('team/app', 'v1', 'push-pull');
    const push = await docker(config, ['push', ref]);
    expect(push.code, push.out).toBe(0);
    expect(push.out).toContain(`The push refers to repository [${host}/team/app]`);
    expect(push.out).toMatch(/: Pushed/);
    const digest = /v1: digest: (sha256:[a-f0-9]{64}) size: \d+/.exec(push.out)?.[1] as string;
    expect(digest).toBeDefined();
    await docker(config, ['rmi', '-f', ref]);
    const byTag = await docker(config, ['pull', ref]);
    expect(byTag.code, byTag.out).toBe(0);
    expect(byTag.out).toContain(`Digest: ${digest}`);
    expect(byTag.out).toContain(`Status: Downloaded newer image for ${ref}`);
    expect(byTag.out).not.toContain('does not appear to conform');
    await docker(config, ['rmi', '-f', ref]);
    const byDigest = await docker(config, ['pull', `${host}/team/app@${digest}`]);
    expect(byDigest.code, byDigest.out).toBe(0);
    expect(byDigest.out).toContain(`Digest: ${digest}`);
    made.push(`${host}/team/app@${digest}`);
  });
});

describe('registry errors as docker prints them (ECR.md §4.3)', () => {
  it('row 1: no credentials', async () => {
    const config = await reg.configDir();
    const ref = await image('team/app', 'nocreds', 'row1');
    const push = await docker(config, ['push', ref]);
    expect(push.code).toBe(1);
    expect(push.out).toContain('no basic auth credentials');
    const pull = await docker(config, ['pull', `${host}/team/app:v1`]);
    expect(pull.out).toContain(`Error response from daemon: Head "http://${host}/v2/team/app/manifests/v1": no basic auth credentials`);
  });

  it('row 2: token expired', async () => {
    const config = await loggedIn();
    const ref = await image('team/app', 'expired', 'row2');
    reg.ecr.context.clock.advance(TOKEN_LIFETIME_MS + 60_000);
    try {
      const push = await docker(config, ['push', ref]);
      expect(push.code).toBe(1);
      expect(push.out).toContain(EXPIRED);
      const pull = await docker(config, ['pull', `${host}/team/app:v1`]);
      expect(pull.out).toContain(`Error response from daemon: pull access denied for ${host}/team/app, repository does not exist or may require 'docker login': ${EXPIRED}`);
    } finally {
      reg.ecr.context.clock.advance(-(TOKEN_LIFETIME_MS + 60_000));
    }
  });

  it('row 3: invalid token at login', async () => {
    const login = await dockerLogin(await reg.configDir(), host, 'bad');
    expect(login.code).toBe(1);
    expect(login.out).toContain(`Error response from daemon: login attempt to http://${host}/v2/ failed with status: 400 Bad Request`);
  });

  it('row 4: repository does not exist', async () => {
    const config = await loggedIn();
    const push = await docker(config, ['push', await image('nosuch', 'v1', 'row4')]);
    expect(push.code).toBe(1);
    expect(push.out).toContain(`name unknown: ${NO_REPO}`);
    const pull = await docker(config, ['pull', `${host}/nosuch:v1`]);
    expect(pull.out).toContain(`Error response from daemon: repository ${host}/nosuch not found: name unknown: ${NO_REPO}`);
  });

  it('row 5: immutable tag already present', async () => {
    const config = await loggedIn();
    const ref = await image('immut', 'v1', 'row5');
    expect((await docker(config, ['push', ref])).code).toBe(0);
    const again = await docker(config, ['push', ref]);
    expect(again.code).toBe(1);
    expect(again.out).toContain('Layer already exists');
    expect(again.out).toContain("tag invalid: The image tag 'v1' already exists in the 'immut' repository and cannot be overwritten because the repository is immutable.");
  });

  it('row 6: IAM denies push', async () => {
    const config = await loggedIn(PUSH_DENIED_KEY);
    const push = await docker(config, ['push', await image('locked', 'v1', 'row6')]);
    expect(push.code).toBe(1);
    expect(push.out).toContain('denied: User: arn:aws:iam::123456789012:user/no-push is not authorized to perform: ecr:InitiateLayerUpload on resource: arn:aws:ecr:us-east-1:123456789012:repository/locked because no identity-based policy allows the ecr:InitiateLayerUpload action');
  });

  it('row 7: IAM denies pull', async () => {
    const pusher = await loggedIn();
    expect((await docker(pusher, ['push', await image('pulldeny', 'v1', 'row7')])).code).toBe(0);
    const config = await loggedIn(PULL_DENIED_KEY);
    const pull = await docker(config, ['pull', `${host}/pulldeny:v1`]);
    expect(pull.code).toBe(1);
    expect(pull.out).toContain(`Error response from daemon: pull access denied for ${host}/pulldeny, repository does not exist or may require 'docker login': denied: User: arn:aws:iam::123456789012:user/no-pull is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:us-east-1:123456789012:repository/pulldeny because no identity-based policy allows the ecr:BatchGetImage action`);
  });

  it('row 8: tag missing on pull', async () => {
    const pull = await docker(await loggedIn(), ['pull', `${host}/team/app:nope`]);
    expect(pull.code).toBe(1);
    expect(pull.out).toContain(`Error response from daemon: manifest for ${host}/team/app:nope not found: manifest unknown: Requested image not found`);
  });

  it('row 10: registry unreachable', async () => {
    const dead = `127.0.0.1:${await deadPort()}`;
    const config = await reg.configDir();
    const pull = await docker(config, ['pull', `${dead}/team/app:v1`]);
    expect(pull.code).toBe(1);
    expect(pull.out).toContain(`Error response from daemon: Get "http://${dead}/v2/": dial tcp ${dead}: connect: connection refused`);
    const tagged = `${dead}/team/app:v1`;
    await docker(config, ['tag', await image('team/app', 'unreachable', 'row10'), tagged]);
    made.push(tagged);
    const push = await docker(config, ['push', tagged]);
    expect(push.code).toBe(1);
    expect(push.out).toContain(`Get "http://${dead}/v2/": dial tcp ${dead}: connect: connection refused`);
  });
});

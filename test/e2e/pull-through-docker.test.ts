// The pull-through cache with the real docker and /usr/bin/aws: `docker pull` of an image
// under a rule's prefix creates the repository and caches the image from ecr-lab's loopback
// "Docker Hub" and "ECR Public"; `aws ecr describe-repositories` then shows the repository.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreatePullThroughCacheRuleCommand, ECRClient } from '@aws-sdk/client-ecr';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY } from '../../src/local-ecr/config.js';
import { upstreamOf } from '../../src/local-ecr/upstream/server.js';
import { ACCOUNT, docker, dockerLogin, startE2eRegistry, type E2eRegistry } from './registry-harness.js';

const AWS = '/usr/bin/aws';
let reg: E2eRegistry;
let host: string;
let config: string;
let home: string;
let shipped: { registries: Record<string, Record<string, { tags: Record<string, string> }>> };
const pulled: string[] = [];

interface Run { readonly exitCode: number; readonly stdout: string; readonly stderr: string }

async function aws(args: readonly string[]): Promise<Run> {
  const r = await execa(AWS, ['--endpoint-url', reg.ecr.endpoint, '--output', 'json', ...args], {
    reject: false, extendEnv: false,
    env: {
      PATH: '/usr/bin:/bin', HOME: home, AWS_ACCESS_KEY_ID: EXAMPLE_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: EXAMPLE_SECRET_ACCESS_KEY,
      AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'), AWS_PAGER: '',
    },
  });
  return { exitCode: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr };
}

async function pull(ref: string): Promise<{ out: string; code: number }> {
  const r = await docker(config, ['pull', ref]);
  if (r.code === 0) pulled.push(ref);
  return r;
}

beforeAll(async () => {
  const version = await docker('/nonexistent', ['version', '--format', '{{.Server.Version}}']);
  if (version.code !== 0) throw new Error(`the docker CLI and daemon are required for e2e: ${version.out}`);
  reg = await startE2eRegistry();
  host = reg.host;
  home = await reg.tempDir('ecr-e2e-aws-');
  config = await reg.configDir();
  expect((await dockerLogin(config, host, reg.password())).out).toContain('Login Succeeded');
  shipped = JSON.parse(await readFile(new URL('../../assets/upstream/index.json', import.meta.url), 'utf8')) as typeof shipped;
});

afterAll(async () => {
  if (pulled.length) await docker('/nonexistent', ['rmi', '-f', ...new Set(pulled)]);
  await reg?.close();
});

describe('docker pull through the cache', () => {
  it('creates the rules: ECR Public with the aws CLI, Docker Hub (which needs a secret) with the SDK', async () => {
    const cli = await aws(['ecr', 'create-pull-through-cache-rule', '--ecr-repository-prefix', 'ecr-public', '--upstream-registry-url', 'public.ecr.aws']);
    expect(cli.stderr).toBe('');
    expect(JSON.parse(cli.stdout)).toMatchObject({ ecrRepositoryPrefix: 'ecr-public', upstreamRegistryUrl: 'public.ecr.aws', registryId: ACCOUNT });
    const sdk = new ECRClient({ endpoint: reg.ecr.endpoint, region: 'us-east-1', credentials: { accessKeyId: EXAMPLE_ACCESS_KEY_ID, secretAccessKey: EXAMPLE_SECRET_ACCESS_KEY } });
    await sdk.send(new CreatePullThroughCacheRuleCommand({
      ecrRepositoryPrefix: 'docker-hub', upstreamRegistryUrl: 'registry-1.docker.io', upstreamRegistry: 'docker-hub',
      credentialArn: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:ecr-pullthroughcache/docker-hub-AbCdEf`,
    }));
  });

  it('docker pull <registry>/docker-hub/library/alpine:3.20 creates the repository and caches the image', async () => {
    const ref = `${host}/docker-hub/library/alpine:3.20`;
    const r = await pull(ref);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(`Digest: ${shipped.registries['docker-hub']?.['library/alpine']?.tags['3.20']}`);
    const repos = await aws(['ecr', 'describe-repositories']);
    expect(repos.exitCode, repos.stderr).toBe(0);
    const names = (JSON.parse(repos.stdout) as { repositories: { repositoryName: string }[] }).repositories.map((x) => x.repositoryName);
    expect(names).toContain('docker-hub/library/alpine');
    const images = await aws(['ecr', 'list-images', '--repository-name', 'docker-hub/library/alpine']);
    expect(JSON.parse(images.stdout).imageIds).toContainEqual({ imageDigest: shipped.registries['docker-hub']?.['library/alpine']?.tags['3.20'], imageTag: '3.20' });
  });

  it('the image says it is ecr-lab\'s stand-in', async () => {
    const created = await docker(config, ['create', `${host}/docker-hub/library/alpine:3.20`, '/none']);
    expect(created.code, created.out).toBe(0);
    const id = created.out.trim().split('\n').pop() as string;
    const copied = await execa('docker', ['cp', `${id}:/etc/ecr-lab-stand-in.txt`, '-'], { reject: false, env: { DOCKER_CONFIG: config } });
    await docker(config, ['rm', id]);
    expect(copied.stdout).toContain("This is ecr-lab's stand-in for docker.io/library/alpine:3.20");
    expect(copied.stdout).toContain('It is NOT the real image');
  });

  it('needs library/ for official Docker Hub images, and caches from ECR Public', async () => {
    const bare = await pull(`${host}/docker-hub/alpine:3.19`);
    expect(bare.code).not.toBe(0);
    expect(bare.out).toContain('name unknown');
    const hub = await pull(`${host}/docker-hub/library/alpine:3.19`);
    expect(hub.code, hub.out).toBe(0);
    const pub = await pull(`${host}/ecr-public/amazonlinux/amazonlinux:2023`);
    expect(pub.code, pub.out).toBe(0);
    const repos = await aws(['ecr', 'describe-repositories', '--repository-names', 'docker-hub/library/alpine', 'ecr-public/amazonlinux/amazonlinux']);
    expect(repos.exitCode, repos.stderr).toBe(0);
  });

  it('an image the upstream does not have answers as a missing repository', async () => {
    const r = await pull(`${host}/docker-hub/library/nginx:latest`);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain(`The repository with name 'docker-hub/library/nginx' does not exist in the registry with id '${ACCOUNT}'`);
  });

  it('a second pull is served from the cache, with the upstream gone', async () => {
    const ref = `${host}/docker-hub/library/alpine:3.20`;
    await docker(config, ['rmi', '-f', ref]);
    await upstreamOf(reg.ecr.context)?.close();
    const r = await pull(ref);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(`Digest: ${shipped.registries['docker-hub']?.['library/alpine']?.tags['3.20']}`);
  });
});

// Replication with the real clients: /usr/bin/aws puts the configuration and reads the status,
// `docker push` goes to the main registry, and `docker pull` fetches the replica from the
// us-west-2 local ECR after logging in there with a token that local ECR issued.
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY } from '../../src/local-ecr/config.js';
import { ACCOUNT, buildScratch, docker, dockerLogin, startE2eRegistry, type E2eRegistry } from './registry-harness.js';

const AWS = '/usr/bin/aws';
const WEST = 'us-west-2';

let registry: E2eRegistry;
let home: string;

interface Run { readonly exitCode: number; readonly stdout: string; readonly stderr: string }

async function aws(endpoint: string, region: string, args: readonly string[]): Promise<Run> {
  const r = await execa(AWS, ['--endpoint-url', endpoint, '--region', region, '--output', 'json', ...args], {
    reject: false, extendEnv: false,
    env: {
      PATH: '/usr/bin:/bin', HOME: home, AWS_ACCESS_KEY_ID: EXAMPLE_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: EXAMPLE_SECRET_ACCESS_KEY,
      AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'), AWS_PAGER: '', LANG: 'C.UTF-8',
    },
  });
  return { exitCode: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function json(run: Run): Record<string, unknown> {
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

async function westPeer() {
  const peer = (await registry.ecr.replication.regions.list()).find((p) => p.region === WEST);
  if (!peer) throw new Error('no us-west-2 local ECR');
  return peer;
}

beforeAll(async () => {
  registry = await startE2eRegistry();
  home = await registry.tempDir('ecr-e2e-aws-');
});

afterAll(async () => {
  await registry?.close();
});

describe('replication with aws and docker', () => {
  it('refuses the source region as destination with ECR\'s text', async () => {
    const config = JSON.stringify({ rules: [{ destinations: [{ region: 'us-east-1', registryId: ACCOUNT }] }] });
    const run = await aws(registry.ecr.endpoint, 'us-east-1', ['ecr', 'put-replication-configuration', '--replication-configuration', config]);
    expect(run.exitCode).toBe(254);
    expect(run.stderr.trim()).toBe("An error occurred (InvalidParameterException) when calling the PutReplicationConfiguration operation: Invalid parameter at 'replicationConfiguration' failed to satisfy constraint: 'Replication destination cannot be the same as the source registry'");
  });

  it('replicates a docker push to us-west-2, where docker pulls it with that region\'s token', async () => {
    const main = registry.ecr.endpoint;
    const config = { rules: [{ destinations: [{ region: WEST, registryId: ACCOUNT }] }] };
    const put = json(await aws(main, 'us-east-1', ['ecr', 'put-replication-configuration', '--replication-configuration', JSON.stringify(config)]));
    expect(put.replicationConfiguration).toEqual(config);
    json(await aws(main, 'us-east-1', ['ecr', 'create-repository', '--repository-name', 'team/app']));

    const source = await registry.configDir();
    expect((await dockerLogin(source, registry.host, registry.password())).code).toBe(0);
    const local = await buildScratch(registry, 'ecr-e2e-replication:v1', 'replication');
    const remote = `${registry.host}/team/app:v1`;
    expect((await docker(source, ['tag', local, remote])).code).toBe(0);
    const pushed = await docker(source, ['push', remote]);
    expect(pushed.out).toMatch(/v1: digest: sha256:[0-9a-f]{64}/);
    await registry.ecr.replication.engine.idle();

    const status = json(await aws(main, 'us-east-1', ['ecr', 'describe-image-replication-status', '--repository-name', 'team/app', '--image-id', 'imageTag=v1']));
    expect(status.replicationStatuses).toEqual([{ region: WEST, registryId: ACCOUNT, status: 'COMPLETE' }]);

    const peer = await westPeer();
    const images = json(await aws(peer.endpoint, WEST, ['ecr', 'describe-images', '--repository-name', 'team/app']));
    const digest = /digest: (sha256:[0-9a-f]{64})/.exec(pushed.out)?.[1];
    expect((images.imageDetails as { imageDigest: string; imageTags: string[] }[]).map((i) => [i.imageDigest, i.imageTags])).toEqual([[digest, ['v1']]]);

    const password = await aws(peer.endpoint, WEST, ['ecr', 'get-login-password']);
    expect(password.exitCode).toBe(0);
    const target = await registry.configDir();
    expect((await dockerLogin(target, peer.registryHost, password.stdout.trim())).out).toContain('Login Succeeded');
    const replica = `${peer.registryHost}/team/app:v1`;
    await docker(target, ['rmi', '-f', replica]);
    const pulled = await docker(target, ['pull', replica]);
    expect(pulled.code).toBe(0);
    expect(pulled.out).toContain(`Digest: ${digest}`);
    await docker(target, ['rmi', '-f', replica, remote, local]);
  });

  it('refuses at us-west-2 a token issued by the main region', async () => {
    const peer = await westPeer();
    const target = await registry.configDir();
    const login = await dockerLogin(target, peer.registryHost, registry.password());
    expect(login.code).not.toBe(0);
  });
});

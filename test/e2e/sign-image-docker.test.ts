// sign-image with the real docker engine: docker pushes the image, ecr-lab's registry client
// pushes the signature (docker cannot push artifacts); then skopeo reads the `.sig` manifest
// and openssl checks the signature with the public key, independently of ecr-lab's code.
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { execa } from 'execa';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY } from '../../src/local-ecr/config.js';
import type { StepOutcome } from '../../src/workflow/types.js';
import { createLocalTarget, type LocalTarget } from '../../src/workflow/targets.js';

let dir: string;
let target: LocalTarget;
const tag = `sig${Date.now().toString(36)}`;
const repository = `ecr-lab/sign-${tag}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-lab-e2e-sign-'));
  target = await createLocalTarget({ stateDir: dir, engine: 'docker', dataDir: join(dir, 'local-ecr'), port: 0, pollIntervalMs: 100, dockerConfigDir: join(dir, 'docker') });
});

afterAll(async () => {
  await execa('docker', ['rmi', '--force', `${target.context.localImage}:${tag}`, `${target.context.registry}/${repository}:${tag}`], { reject: false });
  await target.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(id: string, params: Record<string, string> = {}): Promise<StepOutcome> {
  const o = await target.runner.run(id, { ...params });
  expect(o.status, `${id}: ${o.error?.code} ${o.error?.message}\n${o.output.join('\n')}`).toBe('succeeded');
  return o;
}

const verified = (o: StepOutcome, label: string): string => o.verified.find((v) => v.label === label)?.value ?? '';

describe('sign-image with docker', () => {
  it('signs what docker pushed, and the signature checks out with skopeo and openssl', async () => {
    expect(target.engine).toBe('docker');
    await run('create-repository', { repository });
    await run('login');
    await run('build-image', { tag });
    await run('tag-image', { repository, tag, sourceTag: tag });
    await run('push-image', { repository, tag });
    const o = await run('sign-image', { repository, tag });
    expect(o.output[0]).toMatch(/^\[docker engine\] docker cannot push OCI artifacts/);
    const digest = verified(o, 'image digest');

    const ecr = new ECRClient({
      region: 'us-east-1', endpoint: target.server.endpoint,
      credentials: { accessKeyId: EXAMPLE_ACCESS_KEY_ID, secretAccessKey: EXAMPLE_SECRET_ACCESS_KEY },
    });
    const password = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData![0]!.authorizationToken!;
    const creds = Buffer.from(password, 'base64').toString();
    const raw = await execa('skopeo', ['inspect', '--raw', '--tls-verify=false', '--creds', creds,
      `docker://${target.context.registry}/${repository}:${verified(o, 'cosign tag')}`]);
    const manifest = JSON.parse(raw.stdout) as { artifactType: string; subject: { digest: string }; layers: { digest: string; annotations: Record<string, string> }[] };
    expect(manifest.artifactType).toBe('application/vnd.dev.cosign.artifact.sig.v1+json');
    expect(manifest.subject.digest).toBe(digest);

    const res = await fetch(`http://${target.context.registry}/v2/${repository}/blobs/${manifest.layers[0]!.digest}`,
      { headers: { authorization: `Basic ${password}` } });
    const payload = Buffer.from(await res.arrayBuffer());
    expect(JSON.parse(payload.toString()).critical.image['docker-manifest-digest']).toBe(digest);
    await writeFile(join(dir, 'payload.json'), payload);
    await writeFile(join(dir, 'sig.der'), Buffer.from(manifest.layers[0]!.annotations['dev.cosignproject.cosign/signature']!, 'base64'));
    const publicKey = verified(o, 'public key').split(' ')[0]!;
    expect(await readFile(publicKey, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const ok = await execa('openssl', ['dgst', '-sha256', '-verify', publicKey, '-signature', join(dir, 'sig.der'), join(dir, 'payload.json')]);
    expect(ok.stdout).toBe('Verified OK');
    await writeFile(join(dir, 'payload.json'), Buffer.concat([payload, Buffer.from(' ')]));
    const bad = await execa('openssl', ['dgst', '-sha256', '-verify', publicKey, '-signature', join(dir, 'sig.der'), join(dir, 'payload.json')], { reject: false });
    expect(bad.stdout).toBe('Verification failure');

    await run('cleanup', { repository });
  });
});

// sign-image on the local ECR with the built-in engine: the signature lands as a referrer of
// the pushed image and under cosign's `.sig` tag, verifies, is not redone when it still holds,
// and a tampered signature makes the step fail.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ECRClient, ListImageReferrersCommand } from '@aws-sdk/client-ecr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY } from '../../src/local-ecr/config.js';
import type { StepOutcome } from '../../src/workflow/types.js';
import { describeOutcome, type Lab, PUSHED, runSteps, startLab, verified } from './helpers.js';

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
  await runSteps(lab, PUSHED);
});
afterAll(async () => { await lab.dispose(); });

describe('sign-image', () => {
  let first: StepOutcome;

  it('signs the pushed digest and finds the signature among its referrers', async () => {
    first = await lab.target.runner.run('sign-image', {});
    expect(first.status, describeOutcome(first)).toBe('succeeded');
    const store = lab.target.server.context.store;
    const digest = store.resolveTag('ecr-lab/demo', 'v1');
    expect(verified(first, 'image digest')).toBe(digest);
    const sig = verified(first, 'signature (referrer)');
    expect(sig).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(store.resolveTag('ecr-lab/demo', `${digest!.replace(':', '-')}.sig`)).toBe(sig);
    expect(first.output).toContain(`  ${sig}  application/vnd.dev.cosign.artifact.sig.v1+json`);
    expect(first.output.some((l) => l.startsWith(`OCI-Subject: ${digest}`))).toBe(true);
    expect(first.commands[0]).toBe(`cosign sign --key cosign.key --tlog-upload=false --allow-http-registry ${lab.target.context.registry}/ecr-lab/demo@${digest}`);
    expect(first.commands[1]).toMatch(/^cosign verify --key \S+cosign-ecr-lab\.pub --insecure-ignore-tlog=true /);
  });

  it('keeps the private key private: mode 0600 and never printed', async () => {
    const file = verified(first, 'public key').split(' ')[0]!.replace(/\.pub$/, '.key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const pem = await readFile(file, 'utf8');
    const body = pem.split('\n')[1]!;
    expect(JSON.stringify(first)).not.toContain(body);
    expect(JSON.stringify(first)).not.toContain('PRIVATE KEY');
  });

  it('agrees with ListImageReferrers through the SDK', async () => {
    const digest = verified(first, 'image digest');
    const client = new ECRClient({
      region: 'us-east-1', endpoint: lab.target.server.endpoint,
      credentials: { accessKeyId: EXAMPLE_ACCESS_KEY_ID, secretAccessKey: EXAMPLE_SECRET_ACCESS_KEY },
    });
    const out = await client.send(new ListImageReferrersCommand({ repositoryName: 'ecr-lab/demo', subjectId: { imageDigest: digest } }));
    expect(out.referrers?.map((r) => [r.digest, r.artifactType])).toEqual([[verified(first, 'signature (referrer)'), 'application/vnd.dev.cosign.artifact.sig.v1+json']]);
  });

  it('does not sign again while the signature under the .sig tag still verifies', async () => {
    const again = await lab.target.runner.run('sign-image', {});
    expect(again.status, describeOutcome(again)).toBe('succeeded');
    expect(verified(again, 'signature (referrer)')).toBe(verified(first, 'signature (referrer)'));
    expect(again.output.some((l) => l.includes('already holds a signature by this key'))).toBe(true);
  });

  it('fails when the stored payload has been tampered with', async () => {
    const store = lab.target.server.context.store;
    const manifest = JSON.parse((await store.readManifest('ecr-lab/demo', verified(first, 'signature (referrer)')))!.toString()) as { layers: { digest: string }[] };
    // The blob file itself, as disk corruption or an attacker with access to storage would change it.
    const hex = manifest.layers[0]!.digest.slice('sha256:'.length);
    const blob = join(lab.dir, 'local-ecr', 'blobs', 'sha256', hex.slice(0, 2), hex);
    const original = await readFile(blob);
    await writeFile(blob, Buffer.from(original.toString().replace('"optional":null', '"optional":{"x":"y"}')));
    const o = await lab.target.runner.run('sign-image', {});
    await writeFile(blob, original);
    expect(o.status).toBe('failed');
    expect(o.error?.code).toBe('SignatureVerificationFailed');
    expect(o.error?.message).toMatch(/^error: no matching signatures: /);
  });
});

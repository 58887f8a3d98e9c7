// image-index on the local ECR with the built-in engine: the pushed demo image is wrapped in an
// OCI image index through PutImage, read back with its platform, and a second, untagged-looking
// attestation entry (unknown/unknown) is named as such.
import { ECRClient, PutImageCommand } from '@aws-sdk/client-ecr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY } from '../../src/local-ecr/config.js';
import { describeOutcome, type Lab, PUSHED, runSteps, startLab, verified } from './helpers.js';

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
  await runSteps(lab, PUSHED);
});
afterAll(async () => { await lab.dispose(); });

const arch = ({ x64: 'amd64', arm64: 'arm64' } as Record<string, string>)[process.arch] ?? process.arch;

describe('image-index', () => {
  it('puts an OCI index over the pushed image and reads its one platform back', async () => {
    const store = lab.target.server.context.store;
    const image = store.resolveTag('ecr-lab/demo', 'v1')!;
    const o = await lab.target.runner.run('image-index', {});
    expect(o.status, describeOutcome(o)).toBe('succeeded');
    const index = store.resolveTag('ecr-lab/demo', 'v1-index')!;
    expect(index).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(index).not.toBe(image);
    expect(verified(o, 'index digest')).toBe(index);
    expect(verified(o, 'index media type')).toBe('application/vnd.oci.image.index.v1+json');
    expect(verified(o, 'entries')).toBe(`linux/${arch} ${image}`);
    const stored = JSON.parse((await store.readManifest('ecr-lab/demo', index))!.toString('utf8')) as { manifests: { digest: string }[] };
    expect(stored.manifests.map((m) => m.digest)).toEqual([image]);
    expect(o.output).toContain('DescribeImages v1-index: imageManifestMediaType application/vnd.oci.image.index.v1+json');
    expect(o.commands[0]).toBe(`docker buildx imagetools create -t ${lab.target.context.registry}/ecr-lab/demo:v1-index '${lab.target.context.registry}/ecr-lab/demo@<digest of v1>'`);
  });

  it('a second run finds the same index already there and still reads it back', async () => {
    const index = lab.target.server.context.store.resolveTag('ecr-lab/demo', 'v1-index');
    const o = await lab.target.runner.run('image-index', {});
    expect(o.status, describeOutcome(o)).toBe('succeeded');
    expect(o.output).toContain(`PutImage v1-index: ${index} was already there (ImageAlreadyExistsException: nothing changed)`);
    expect(verified(o, 'index digest')).toBe(index);
  });

  it('shows an existing index as it is, naming the attestation entry (unknown/unknown) and changing nothing', async () => {
    const store = lab.target.server.context.store;
    const image = store.resolveTag('ecr-lab/demo', 'v1')!;
    const imageBody = (await store.readManifest('ecr-lab/demo', image))!.toString('utf8');
    // A BuildKit-shaped index: the image for its platform, and an attestation manifest next to it.
    const imageType = (JSON.parse(imageBody) as { mediaType: string }).mediaType;
    const attestation = JSON.stringify({ ...JSON.parse(imageBody), mediaType: OCI_MANIFEST, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } });
    const sdk = new ECRClient({ endpoint: lab.target.context.endpointUrl, region: 'us-east-1', credentials: { accessKeyId: EXAMPLE_ACCESS_KEY_ID, secretAccessKey: EXAMPLE_SECRET_ACCESS_KEY } });
    const put = await sdk.send(new PutImageCommand({ repositoryName: 'ecr-lab/demo', imageManifest: attestation, imageManifestMediaType: OCI_MANIFEST }));
    const attDigest = put.image!.imageId!.imageDigest!;
    const index = JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [
      { mediaType: imageType, digest: image, size: Buffer.byteLength(imageBody), platform: { os: 'linux', architecture: 'amd64' } },
      { mediaType: OCI_MANIFEST, digest: attDigest, size: Buffer.byteLength(attestation), platform: { os: 'unknown', architecture: 'unknown' },
        annotations: { 'vnd.docker.reference.digest': image, 'vnd.docker.reference.type': 'attestation-manifest' } },
    ] });
    await sdk.send(new PutImageCommand({ repositoryName: 'ecr-lab/demo', imageManifest: index, imageManifestMediaType: OCI_INDEX, imageTag: 'multi' }));
    const before = store.listImages('ecr-lab/demo').length;
    const o = await lab.target.runner.run('image-index', { tag: 'multi', indexTag: 'multi-again' });
    expect(o.status, describeOutcome(o)).toBe('succeeded');
    expect(o.summary).toBe('multi is an image index with 1 platform image and 1 attestation; nothing was changed.');
    expect(o.commands.some((c) => c.includes('imagetools'))).toBe(false);
    expect(o.commands[0]).toMatch(/^aws ecr batch-get-image --repository-name ecr-lab\/demo --image-ids imageTag=multi /);
    expect(o.output).toContain(`  unknown/unknown ${attDigest}  attestation of ${image.slice(0, 19)}…, not runnable`);
    expect(o.output).toContain(`  linux/amd64     ${image}`);
    expect(store.resolveTag('ecr-lab/demo', 'multi-again')).toBeUndefined();
    expect(store.listImages('ecr-lab/demo').length).toBe(before);
  });

  it('the built-in engine pulls the index as docker does: the index digest, the image for its platform', async () => {
    const store = lab.target.server.context.store;
    const [image, index] = [store.resolveTag('ecr-lab/demo', 'v1')!, store.resolveTag('ecr-lab/demo', 'v1-index')!];
    const o = await lab.target.runner.run('pull-image', { tag: 'v1-index' });
    expect(o.status, describeOutcome(o)).toBe('succeeded');
    expect(o.output).toContain(`Digest: ${index}`);
    const local = await lab.target.engineForChecks.inspect(`${lab.target.context.registry}/ecr-lab/demo:v1-index`);
    const pushed = await lab.target.engineForChecks.inspect(`${lab.target.context.registry}/ecr-lab/demo:v1`);
    expect(local?.id).toBe(pushed?.id);
    expect(local?.repoDigests).toContain(`${lab.target.context.registry}/ecr-lab/demo@${index}`);
    expect(index).not.toBe(image);
  });

  it('says what is missing when the tag was never pushed', async () => {
    const o = await lab.target.runner.run('image-index', { tag: 'v9' });
    expect(o.status).toBe('failed');
    expect(o.error?.message).toBe('BatchGetImage found no ecr-lab/demo:v9 (Requested image not found): push it first');
  });
});

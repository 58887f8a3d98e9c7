// The pull-through cache and CREATE_ON_PUSH at the registry, with plain HTTP requests: a pull
// that a rule covers fetches the image from ecr-lab's loopback upstream, creates the
// repository (from a template, else ECR's defaults) and is then served from the cache.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreatePullThroughCacheRuleCommand, CreateRepositoryCreationTemplateCommand, DescribeImagesCommand,
  DescribeRepositoriesCommand, ECRClient, ListTagsForResourceCommand,
} from '@aws-sdk/client-ecr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultIdentity, EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY, type Identity } from '../../src/local-ecr/config.js';
import { startLocalEcr, type LocalEcr } from '../../src/local-ecr/server.js';
import { upstreamOf } from '../../src/local-ecr/upstream/server.js';

const ACCOUNT = '123456789012';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const ACCEPT = `${OCI_INDEX}, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json`;
const SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:ecr-pullthroughcache/docker-hub-AbCdEf`;

function identity(name: string, key: string, allow: string[]): Identity {
  return { accessKeyId: key, secretAccessKey: `${name}-secret`, arn: `arn:aws:iam::${ACCOUNT}:user/${name}`, userId: `AIDA${key.slice(4)}`, account: ACCOUNT, allow };
}
const PULL = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'];
const PUSH = ['ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'];
/** May pull and import, but not create a repository. */
const importer = identity('importer', 'AKIAIMPORTEREXAMPLE1', [...PULL, 'ecr:BatchImportUpstreamImage']);
/** May pull and create a repository, but not import from an upstream. */
const creator = identity('creator', 'AKIACREATOREXAMPLE01', [...PULL, 'ecr:CreateRepository']);
/** May push, but not create a repository. */
const pusher = identity('pusher', 'AKIAPUSHEREXAMPLE001', PUSH);

let ecr: LocalEcr;
let dir: string;
let api: ECRClient;
let shipped: { registries: Record<string, Record<string, { tags: Record<string, string> }>> };

function auth(key = EXAMPLE_ACCESS_KEY_ID): string {
  const ctx = ecr.context;
  return `Basic ${ctx.tokens.issue(key, ctx.config.region, ctx.config.account, ctx.clock.now()).authorizationToken}`;
}

function call(path: string, init: RequestInit & { key?: string } = {}): Promise<Response> {
  const { key, headers, ...rest } = init;
  const all = new Headers(headers);
  all.set('authorization', auth(key));
  return fetch(`http://${ecr.registryHost}${path}`, { ...rest, headers: all });
}

function pullManifest(name: string, ref: string, key?: string): Promise<Response> {
  return call(`/v2/${name}/manifests/${ref}`, { headers: { accept: ACCEPT }, key });
}

async function repository(name: string) {
  const out = await api.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }));
  return out.repositories?.[0];
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-ptc-'));
  ecr = await startLocalEcr({ dataDir: dir, account: ACCOUNT, region: 'us-east-1', identities: [defaultIdentity(ACCOUNT), importer, creator, pusher] });
  api = new ECRClient({ endpoint: ecr.endpoint, region: 'us-east-1', credentials: { accessKeyId: EXAMPLE_ACCESS_KEY_ID, secretAccessKey: EXAMPLE_SECRET_ACCESS_KEY }, maxAttempts: 1 });
  shipped = JSON.parse(await readFile(new URL('../../assets/upstream/index.json', import.meta.url), 'utf8')) as typeof shipped;
});

afterAll(async () => {
  await ecr.close();
  await rm(dir, { recursive: true, force: true });
});

describe('pull-through cache at the registry', () => {
  it('answers NAME_UNKNOWN for a pull no rule covers', async () => {
    const res = await pullManifest('docker-hub/library/alpine', '3.20');
    expect(res.status).toBe(404);
    expect((await res.json() as { errors: { code: string }[] }).errors[0]?.code).toBe('NAME_UNKNOWN');
  });

  it('creates the repository with ECR defaults and caches a multi-arch image on the first pull', async () => {
    await api.send(new CreatePullThroughCacheRuleCommand({
      ecrRepositoryPrefix: 'docker-hub', upstreamRegistryUrl: 'registry-1.docker.io', upstreamRegistry: 'docker-hub', credentialArn: SECRET,
    }));
    const res = await pullManifest('docker-hub/library/alpine', '3.20');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(OCI_INDEX);
    const expected = shipped.registries['docker-hub']?.['library/alpine']?.tags['3.20'];
    expect(res.headers.get('docker-content-digest')).toBe(expected);
    const body = Buffer.from(await res.arrayBuffer());
    expect(`sha256:${createHash('sha256').update(body).digest('hex')}`).toBe(expected);
    expect(await repository('docker-hub/library/alpine')).toMatchObject({
      imageTagMutability: 'MUTABLE', encryptionConfiguration: { encryptionType: 'AES256' },
    });
    const images = await api.send(new DescribeImagesCommand({ repositoryName: 'docker-hub/library/alpine' }));
    expect(images.imageDetails).toHaveLength(3);
    expect(images.imageDetails?.find((i) => i.imageDigest === expected)?.imageTags).toEqual(['3.20']);
  });

  it('serves the layers of the cached image, and they say they are stand-ins', async () => {
    const index = await (await pullManifest('docker-hub/library/alpine', '3.20')).json() as { manifests: { digest: string; platform: { architecture: string } }[] };
    const amd64 = index.manifests.find((m) => m.platform.architecture === 'amd64');
    const manifest = await (await pullManifest('docker-hub/library/alpine', amd64?.digest ?? '')).json() as { layers: { digest: string }[] };
    const layer = manifest.layers[0]?.digest ?? '';
    const res = await call(`/v2/docker-hub/library/alpine/blobs/${layer}`);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(`sha256:${createHash('sha256').update(bytes).digest('hex')}`).toBe(layer);
    const { gunzipSync } = await import('node:zlib');
    expect(gunzipSync(bytes).toString('utf8')).toContain("This is ecr-lab's stand-in for docker.io/library/alpine:3.20 (linux/amd64).");
  });

  it('needs library/ for Docker Hub official images, as ECR does (no repository made without it)', async () => {
    const res = await pullManifest('docker-hub/alpine', '3.19');
    expect(res.status).toBe(404);
    await expect(repository('docker-hub/alpine')).rejects.toMatchObject({ name: 'RepositoryNotFoundException' });
  });

  it('gives the new repository the PULL_THROUGH_CACHE template that matches', async () => {
    await api.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'ecr-public', upstreamRegistryUrl: 'public.ecr.aws', upstreamRegistry: 'ecr-public' }));
    await api.send(new CreateRepositoryCreationTemplateCommand({
      prefix: 'ecr-public', appliedFor: ['PULL_THROUGH_CACHE'], imageTagMutability: 'IMMUTABLE', resourceTags: [{ Key: 'cache', Value: 'ecr-public' }],
    }));
    const res = await pullManifest('ecr-public/amazonlinux/amazonlinux', '2023');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.docker.distribution.manifest.v2+json');
    const repo = await repository('ecr-public/amazonlinux/amazonlinux');
    expect(repo?.imageTagMutability).toBe('IMMUTABLE');
    const tags = await api.send(new ListTagsForResourceCommand({ resourceArn: repo?.repositoryArn }));
    expect(tags.tags).toEqual([{ Key: 'cache', Value: 'ecr-public' }]);
  });

  it('answers as without the cache when the upstream has no such image, and creates nothing', async () => {
    const res = await pullManifest('docker-hub/library/nginx', 'latest');
    expect(res.status).toBe(404);
    expect((await res.json() as { errors: { code: string }[] }).errors[0]?.code).toBe('NAME_UNKNOWN');
    const missingTag = await pullManifest('docker-hub/library/alpine', '9.99');
    expect(missingTag.status).toBe(404);
    expect((await missingTag.json() as { errors: { code: string }[] }).errors[0]?.code).toBe('MANIFEST_UNKNOWN');
    const repos = await api.send(new DescribeRepositoriesCommand({}));
    expect(repos.repositories?.map((r) => r.repositoryName)).not.toContain('docker-hub/library/nginx');
  });

  it('needs ecr:CreateRepository for the first pull and ecr:BatchImportUpstreamImage for every import', async () => {
    const noCreate = await pullManifest('docker-hub/library/busybox', 'latest', importer.accessKeyId);
    expect(noCreate.status).toBe(403);
    expect((await noCreate.json() as { errors: { code: string; message: string }[] }).errors[0]).toMatchObject({
      code: 'DENIED', message: expect.stringContaining('ecr:CreateRepository') as unknown as string,
    });
    const noImport = await pullManifest('docker-hub/library/alpine', 'latest', creator.accessKeyId);
    expect(noImport.status).toBe(403);
    expect(((await noImport.json()) as { errors: { message: string }[] }).errors[0]?.message).toContain('ecr:BatchImportUpstreamImage');
    const cached = await pullManifest('docker-hub/library/alpine', '3.20', creator.accessKeyId);
    expect(cached.status).toBe(200);
  });

  it('caches a blob pulled by digest that the repository does not hold yet', async () => {
    const digest = shipped.registries['docker-hub']?.['library/alpine']?.tags['3.19'] ?? '';
    const manifest = JSON.parse(await readFile(new URL(`../../assets/upstream/blobs/sha256/${digest.slice(7)}`, import.meta.url), 'utf8')) as { layers: { digest: string }[] };
    const layer = manifest.layers[0]?.digest ?? '';
    const head = await call(`/v2/docker-hub/library/alpine/blobs/${layer}`, { method: 'HEAD' });
    expect(head.status).toBe(404);
    const res = await call(`/v2/docker-hub/library/alpine/blobs/${layer}`);
    expect(res.status).toBe(200);
    expect(`sha256:${createHash('sha256').update(Buffer.from(await res.arrayBuffer())).digest('hex')}`).toBe(layer);
    expect(ecr.context.store.blobSize('docker-hub/library/alpine', layer)).toBeGreaterThan(0);
  });

  it('serves a second pull from the cache, with the upstream gone', async () => {
    await upstreamOf(ecr.context)?.close();
    const res = await pullManifest('docker-hub/library/alpine', '3.20');
    expect(res.status).toBe(200);
    expect(res.headers.get('docker-content-digest')).toBe(shipped.registries['docker-hub']?.['library/alpine']?.tags['3.20']);
  });
});

describe('CREATE_ON_PUSH', () => {
  it('answers NAME_UNKNOWN to a push no template covers', async () => {
    const res = await call('/v2/ci/app/blobs/uploads/', { method: 'POST' });
    expect(res.status).toBe(404);
    expect((await res.json() as { errors: { code: string }[] }).errors[0]?.code).toBe('NAME_UNKNOWN');
  });

  it('creates the repository from the template on the first push request', async () => {
    await api.send(new CreateRepositoryCreationTemplateCommand({ prefix: 'ci', appliedFor: ['CREATE_ON_PUSH'], imageTagMutability: 'IMMUTABLE' }));
    const denied = await call('/v2/ci/app/blobs/uploads/', { method: 'POST', key: pusher.accessKeyId });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { errors: { message: string }[] }).errors[0]?.message).toContain('ecr:CreateRepository');
    const res = await call('/v2/ci/app/blobs/uploads/', { method: 'POST' });
    expect(res.status).toBe(202);
    expect(await repository('ci/app')).toMatchObject({ imageTagMutability: 'IMMUTABLE' });
    const pull = await pullManifest('ci/other', 'latest');
    expect(pull.status).toBe(404);
  });
});

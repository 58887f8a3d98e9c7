// A local ECR on a temp dir for the control-plane tests, with real SDK clients pointed at it.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ECRClient, PutImageCommand } from '@aws-sdk/client-ecr';
import { STSClient } from '@aws-sdk/client-sts';
import type { Clock } from '../../src/local-ecr/clock.js';
import { defaultIdentity, EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY, type Identity } from '../../src/local-ecr/config.js';
import { startLocalEcr, type LocalEcr } from '../../src/local-ecr/server.js';
import type { Store } from '../../src/local-ecr/store/types.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const CONFIG_TYPE = 'application/vnd.docker.container.image.v1+json';
const LAYER_TYPE = 'application/vnd.docker.image.rootfs.diff.tar.gzip';

/** May only describe repositories. */
export const readerIdentity: Identity = {
  accessKeyId: 'AKIAREADEREXAMPLE001', secretAccessKey: 'reader-secret',
  arn: `arn:aws:iam::${ACCOUNT}:user/reader`, userId: 'AIDAREADEREXAMPLE001', account: ACCOUNT,
  allow: ['ecr:DescribeRepositories', 'ecr:CreateRepository'], deny: ['ecr:DeleteRepository'],
};

export interface Credentials { readonly accessKeyId: string; readonly secretAccessKey: string }

export const LEARNER: Credentials = { accessKeyId: EXAMPLE_ACCESS_KEY_ID, secretAccessKey: EXAMPLE_SECRET_ACCESS_KEY };
export const READER: Credentials = { accessKeyId: readerIdentity.accessKeyId, secretAccessKey: readerIdentity.secretAccessKey };

export interface ControlHarness {
  readonly ecr: LocalEcr;
  readonly client: ECRClient;
  readonly store: Store;
  ecrAs(credentials: Credentials, region?: string): ECRClient;
  stsAs(credentials: Credentials, region?: string): STSClient;
  /** Uploads a config and layers into the store and puts the manifest with PutImage. */
  pushImage(repository: string, tag: string | undefined, seed: string, labels?: Record<string, string>): Promise<string>;
  /** Stores an image directly, pushed at `pushedAt` (epoch seconds), for lifecycle tests. */
  storeImage(repository: string, tag: string | undefined, seed: string, pushedAt: number): Promise<string>;
  close(): Promise<void>;
}

export function sha256(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

async function putBlob(store: Store, repository: string, bytes: Buffer): Promise<void> {
  const upload = await store.startUpload(repository);
  await store.appendUpload(upload.id, Readable.from([bytes]));
  const done = await store.completeUpload(upload.id, sha256(bytes));
  if (!done.ok) throw new Error(done.code);
}

/** Blobs for an image in the store, and its manifest text. */
async function prepareImage(store: Store, repository: string, seed: string, labels?: Record<string, string>): Promise<string> {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Labels: labels ?? null }, seed }));
  const layer = Buffer.from(`layer bytes of ${seed} `.repeat(50));
  await putBlob(store, repository, config);
  await putBlob(store, repository, layer);
  return JSON.stringify({
    schemaVersion: 2, mediaType: DOCKER_MANIFEST,
    config: { mediaType: CONFIG_TYPE, size: config.length, digest: sha256(config) },
    layers: [{ mediaType: LAYER_TYPE, size: layer.length, digest: sha256(layer) }],
  });
}

/**
 * Starts a local ECR on a fresh temp dir. Pass `clock` (say `frozenClock(...)`) for a test that
 * depends on time passing: it then moves only when the test advances it, never with real time.
 */
export async function startControlHarness(options: { readonly clock?: Clock } = {}): Promise<ControlHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'ecr-control-'));
  const ecr = await startLocalEcr({
    dataDir: dir, account: ACCOUNT, region: REGION, identities: [defaultIdentity(ACCOUNT), readerIdentity],
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const store = ecr.context.store;
  const ecrAs = (credentials: Credentials, region = REGION) => new ECRClient({ endpoint: ecr.endpoint, region, credentials, maxAttempts: 1 });
  const client = ecrAs(LEARNER);
  return {
    ecr, client, store, ecrAs,
    stsAs: (credentials, region = REGION) => new STSClient({ endpoint: ecr.endpoint, region, credentials, maxAttempts: 1 }),
    async pushImage(repository, tag, seed, labels) {
      const imageManifest = await prepareImage(store, repository, seed, labels);
      const out = await client.send(new PutImageCommand({ repositoryName: repository, imageManifest, imageTag: tag }));
      return out.image?.imageId?.imageDigest ?? '';
    },
    async storeImage(repository, tag, seed, pushedAt) {
      const text = await prepareImage(store, repository, seed);
      const result = await store.putManifest(repository, Buffer.from(text), DOCKER_MANIFEST, tag, pushedAt);
      if ('problem' in result) throw new Error(result.problem.message);
      return result.image.digest;
    },
    async close() {
      await ecr.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `promise`, which must fail, and returns the error's name, message and HTTP status. */
export async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (err) {
    const e = err as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

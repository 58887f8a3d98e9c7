// Crash safety, measured: `ecr-lab serve --data DIR` as a child process takes 20 parallel
// pushes (a small push client over fetch: blob POST/PATCH/PUT, then the manifest), is killed
// with SIGKILL mid-way, and is started again on the same data dir. Every manifest that got a
// 201 before the kill must be pullable, byte for byte, and every blob must re-hash to its digest.
import { ECRClient, CreateRepositoryCommand, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { createHash, randomBytes } from 'node:crypto';
import { access, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY } from '../../src/local-ecr/config.js';
import { startServe as startServeOn, type Serve } from './live-harness.js';

const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const REPO = 'crash/app';
const PUSHES = 20;
const LAYER_BYTES = 3 << 20;
const PART_BYTES = 1 << 20;

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** Starts `node bin/ecr-lab.js serve` (on a temp dir without `dataDir`) and resolves once it is ready. */
const startServe = (dataDir: string | undefined, stateDir: string): Promise<Serve> => startServeOn(dataDir === undefined ? [] : ['--data', dataDir], stateDir);

function killHard(serve: Serve): Promise<void> {
  return new Promise((resolve) => {
    serve.child.once('exit', () => resolve());
    serve.child.kill('SIGKILL');
  });
}

interface Image {
  readonly tag: string;
  readonly manifest: Buffer;
  readonly blobs: readonly Buffer[];
}

function makeImage(round: number, n: number): Image {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', round, n, nonce: randomBytes(8).toString('hex') }));
  const layer = randomBytes(LAYER_BYTES);
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: DOCKER_MANIFEST,
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest: sha256(config) },
    layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: layer.length, digest: sha256(layer) }],
  }));
  return { tag: `r${round}-${n}`, manifest, blobs: [config, layer] };
}

/** A push as docker does it: POST, PATCH parts, PUT ?digest= per blob, then the manifest. */
async function push(base: string, auth: string, image: Image): Promise<number> {
  const call = (path: string, init: RequestInit = {}) =>
    fetch(path.startsWith('http') ? path : `${base}${path}`, { ...init, headers: { authorization: auth, ...(init.headers as Record<string, string>) } });
  for (const blob of image.blobs) {
    const started = await call(`/v2/${REPO}/blobs/uploads/`, { method: 'POST' });
    if (started.status !== 202) throw new Error(`POST ${started.status}`);
    let location = new URL(started.headers.get('location') ?? '', base).href;
    for (let at = 0; at < blob.length; at += PART_BYTES) {
      const part = new Uint8Array(blob.subarray(at, Math.min(at + PART_BYTES, blob.length)));
      const patched = await call(location, { method: 'PATCH', body: part, headers: { 'content-range': `${at}-${at + part.length - 1}` } });
      if (patched.status !== 202) throw new Error(`PATCH ${patched.status}`);
      location = new URL(patched.headers.get('location') ?? location, base).href;
    }
    const done = await call(`${location}${location.includes('?') ? '&' : '?'}digest=${sha256(blob)}`, { method: 'PUT' });
    if (done.status !== 201) throw new Error(`PUT blob ${done.status}`);
  }
  const put = await call(`/v2/${REPO}/manifests/${image.tag}`, { method: 'PUT', body: new Uint8Array(image.manifest), headers: { 'content-type': DOCKER_MANIFEST } });
  return put.status;
}

describe('serve killed with SIGKILL during 20 parallel pushes', () => {
  let dataDir: string;
  let stateDir: string;
  let auth: string;
  let serve: Serve;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ecr-kill-data-'));
    stateDir = await mkdtemp(join(tmpdir(), 'ecr-kill-state-'));
    serve = await startServe(dataDir, stateDir);
    const client = new ECRClient({
      endpoint: `http://127.0.0.1:${serve.port}`, region: 'us-east-1',
      credentials: { accessKeyId: EXAMPLE_ACCESS_KEY_ID, secretAccessKey: EXAMPLE_SECRET_ACCESS_KEY },
    });
    await client.send(new CreateRepositoryCommand({ repositoryName: REPO }));
    const token = await client.send(new GetAuthorizationTokenCommand({}));
    auth = `Basic ${token.authorizationData?.[0]?.authorizationToken ?? ''}`;
  });

  afterAll(async () => {
    if (serve.child.exitCode === null) await killHard(serve);
    await rm(dataDir, { recursive: true, force: true });
    await rm(stateDir, { recursive: true, force: true });
  });

  const acknowledged: Image[] = [];

  // Killed once this many manifests of the round were acknowledged: early, middle, late.
  it.each([[0, 1], [1, 6], [2, 15]])('round %i: killed after %i acknowledged manifests, every acknowledged image survives', async (round, killAfter) => {
    const base = `http://127.0.0.1:${serve.port}`;
    const images = Array.from({ length: PUSHES }, (_, n) => makeImage(round, n));
    let acked = 0;
    let killed: Promise<void> | undefined;
    const pushes = images.map(async (image) => {
      const status = await push(base, auth, image).catch(() => 0);
      // Only an answer that arrived before the kill counts as acknowledged.
      if (status === 201 && !killed) {
        acknowledged.push(image);
        acked += 1;
        if (acked >= killAfter) killed = killHard(serve);
      }
      return status;
    });
    await Promise.all(pushes);
    await (killed ?? killHard(serve));
    serve = await startServe(dataDir, stateDir);
    expect(serve.output()).not.toMatch(/warning/i);
    expect((await readdir(dataDir)).filter((n) => /^catalog\.json\.\d+$/.test(n))).toEqual([]);
    const after = `http://127.0.0.1:${serve.port}`;
    for (const image of acknowledged) {
      const got = await fetch(`${after}/v2/${REPO}/manifests/${image.tag}`, { headers: { authorization: auth, accept: DOCKER_MANIFEST } });
      expect(got.status, image.tag).toBe(200);
      expect(Buffer.from(await got.arrayBuffer()).equals(image.manifest), image.tag).toBe(true);
      for (const blob of image.blobs) {
        const res = await fetch(`${after}/v2/${REPO}/blobs/${sha256(blob)}`, { headers: { authorization: auth } });
        expect(res.status).toBe(200);
        expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(blob));
      }
    }
    console.log(`round ${round}: ${acked} of ${PUSHES} acknowledged before SIGKILL; ${acknowledged.length} acknowledged so far, all pullable`);
  });
});

describe('serve without --data', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('removes its temporary data directory on %s', async (signal) => {
    const stateDir = await mkdtemp(join(tmpdir(), 'ecr-temp-state-'));
    const serve = await startServe(undefined, stateDir);
    const dir = /data directory: (\S+) \(temporary: removed when serve stops\)/.exec(serve.output())?.[1];
    expect(dir).toBeDefined();
    await access(dir as string);
    const exited = new Promise<number | null>((resolve) => serve.child.once('exit', (code) => resolve(code)));
    serve.child.kill(signal);
    expect(await exited).toBe(0);
    await expect(access(dir as string)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(serve.output()).toContain('local ECR stopped');
    await rm(stateDir, { recursive: true, force: true });
  });
});

// The store under faults: a full disk (ENOSPC injected at node:fs/promises for one directory)
// on every mutation leaves the state as it was, on disk and in memory, and serve answering;
// immutable tags hold under 20 concurrent pushes; leftovers of a killed run are swept at start.
import { CreateRepositoryCommand, DescribeRepositoriesCommand, ECRClient, PutImageCommand } from '@aws-sdk/client-ecr';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY } from '../../src/local-ecr/config.js';
import { openStore, StoreWriteError } from '../../src/local-ecr/store/index.js';
import type { Store } from '../../src/local-ecr/store/types.js';
import { startHarness, type Harness } from './registry-helpers.js';
import { DOCKER_MANIFEST, manifestBytes, pushImage, putBlob, repoRecord, sha256 } from './store-helpers.js';

/** Paths under `fullUnder` get ENOSPC on every write, as on a full disk (open still works). */
const disk = vi.hoisted(() => ({ fullUnder: undefined as string | undefined }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
  const isFull = (path: unknown) => disk.fullUnder !== undefined && String(path).startsWith(disk.fullUnder);
  const open: typeof fs.open = async (path, flags, mode) => {
    const handle = await fs.open(path, flags, mode);
    if (!isFull(path) || flags === undefined || flags === 'r') return handle;
    return new Proxy(handle, {
      get(target, key) {
        if (key === 'write' || key === 'writev' || key === 'writeFile') return () => Promise.reject(enospc());
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  const writeFile: typeof fs.writeFile = (path, data, options) => (isFull(path) ? Promise.reject(enospc()) : fs.writeFile(path, data, options));
  return { ...fs, open, writeFile, default: { ...fs, open, writeFile } };
});

afterEach(() => { disk.fullUnder = undefined; });

/** Everything a reader of the store can see, for comparing before and after. */
function snapshot(store: Store, digests: readonly string[]): unknown {
  return store.listRepositories().map((record) => ({
    record,
    images: [...store.listImages(record.name)].sort((a, b) => a.digest.localeCompare(b.digest)),
    tags: ['v1', 'v2'].map((t) => store.resolveTag(record.name, t)),
    blobs: digests.map((d) => store.blobSize(record.name, d)),
  }));
}

describe('a full disk on every store mutation', () => {
  let dir: string;
  let store: Store;
  let image: string;
  let layer: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecr-hardening-'));
    store = await openStore(dir);
    await store.putRepository(repoRecord('team/app'));
    await store.putRepository(repoRecord('other'));
    image = await pushImage(store, 'team/app', 'v1', 'one');
    layer = sha256(Buffer.from('layer bytes of one '.repeat(100)));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const NEW_CONFIG = Buffer.from('{"architecture":"amd64","os":"linux","seed":"two"}');
  const mutations: [string, (s: Store) => Promise<unknown>][] = [
    ['putRepository (create)', (s) => s.putRepository(repoRecord('team/new'))],
    ['putRepository (replace)', (s) => s.putRepository(repoRecord('team/app', { imageTagMutability: 'IMMUTABLE' }))],
    ['deleteRepository', (s) => s.deleteRepository('team/app')],
    ['putManifest (moves v1)', (s) => s.putManifest('team/app', manifestBytes(NEW_CONFIG, []), DOCKER_MANIFEST, 'v1', 1)],
    ['untag', (s) => s.untag('team/app', 'v1', true)],
    ['deleteImage', (s) => s.deleteImage('team/app', image)],
    ['updateImage', (s) => s.updateImage('team/app', image, (i) => ({ ...i, lastRecordedPullTime: 5 }))],
    ['mountBlob', (s) => s.mountBlob('other', layer, 'team/app')],
    ['completeUpload', (s) => putBlob(s, 'other', Buffer.from('a new blob'))],
  ];

  it.each(mutations)('%s fails with the write error and changes nothing, in memory or on disk', async (_name, change) => {
    if (_name === 'putManifest (moves v1)') await putBlob(store, 'team/app', NEW_CONFIG);
    const digests = [layer, sha256(NEW_CONFIG), sha256('a new blob')];
    const before = snapshot(store, digests);
    disk.fullUnder = dir;
    await expect(change(store)).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(snapshot(store, digests)).toEqual(before);
    await store.flush();
    disk.fullUnder = undefined;
    expect(snapshot(await openStore(dir), digests)).toEqual(before);
    // With room again the same change goes through.
    await change(store);
    expect(snapshot(store, digests)).not.toEqual(before);
  });

  it('an upload part that cannot be written leaves the upload at its last good size', async () => {
    const up = await store.startUpload('team/app');
    await store.appendUpload(up.id, Readable.from([Buffer.from('part one|')]));
    disk.fullUnder = dir;
    await expect(store.appendUpload(up.id, Readable.from([Buffer.alloc(3 << 20, 1)]), 9)).rejects.toMatchObject({ code: 'ENOSPC' });
    disk.fullUnder = undefined;
    expect(store.getUpload(up.id)?.size).toBe(9);
    await store.appendUpload(up.id, Readable.from([Buffer.from('part two')]), 9);
    expect(await store.completeUpload(up.id, sha256('part one|part two'))).toEqual({ ok: true });
  });

  it('a catalog write error names the file', async () => {
    disk.fullUnder = dir;
    const err = await store.putRepository(repoRecord('x')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreWriteError);
    expect((err as Error).message).toBe(`the local ECR could not write ${join(dir, 'catalog.json')}: ENOSPC: no space left on device, write`);
    expect(await readdir(dir)).not.toContain(expect.stringMatching(/^catalog\.json\.\d+$/));
  });
});

describe('serve on a full disk', () => {
  let h: Harness;
  let client: ECRClient;

  beforeEach(async () => {
    h = await startHarness();
    client = new ECRClient({
      endpoint: h.ecr.endpoint, region: 'us-east-1', maxAttempts: 1,
      credentials: { accessKeyId: EXAMPLE_ACCESS_KEY_ID, secretAccessKey: EXAMPLE_SECRET_ACCESS_KEY },
    });
    await h.ecr.context.store.putRepository(repoRecord('team/app'));
  });
  afterEach(() => h.close());

  it('CreateRepository answers ServerException and the repository does not exist', async () => {
    disk.fullUnder = h.dir;
    const err = await client.send(new CreateRepositoryCommand({ repositoryName: 'team/more' })).catch((e: unknown) => e as Error);
    expect(err).toMatchObject({ name: 'ServerException', message: 'the local ECR could not write to its data directory (ENOSPC)' });
    disk.fullUnder = undefined;
    const listed = await client.send(new DescribeRepositoriesCommand({}));
    expect(listed.repositories?.map((r) => r.repositoryName)).toEqual(['team/app']);
  });

  it('a layer part that cannot be written is the registry\'s JSON 500, and serve keeps answering', async () => {
    const config = Buffer.from('{"architecture":"amd64","os":"linux"}');
    await putBlob(h.ecr.context.store, 'team/app', config);
    const start = await h.call('/v2/team/app/blobs/uploads/', { method: 'POST' });
    expect(start.status).toBe(202);
    disk.fullUnder = h.dir;
    const patch = await h.call(start.headers.get('location') ?? '', { method: 'PATCH', body: Buffer.alloc(2 << 20, 7) });
    expect(patch.status).toBe(500);
    expect(patch.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
    expect(await patch.json()).toEqual({ errors: [{ code: 'UNKNOWN', message: 'unknown error', detail: expect.stringMatching(/^the local ECR could not write to its data directory \(ENOSPC\)/) }] });
    const manifest = await h.call('/v2/team/app/manifests/v1', {
      method: 'PUT', headers: { 'content-type': DOCKER_MANIFEST }, body: manifestBytes(config, []),
    });
    expect(manifest.status).toBe(500);
    expect((await manifest.json() as { errors: { code: string }[] }).errors[0]?.code).toBe('UNKNOWN');
    disk.fullUnder = undefined;
    expect((await h.call('/v2/')).status).toBe(200);
    expect(h.ecr.context.store.listImages('team/app')).toEqual([]);
  });
});

describe('immutable tags under concurrency', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
    await h.ecr.context.store.putRepository(repoRecord('team/app', { imageTagMutability: 'IMMUTABLE' }));
  });
  afterEach(() => h.close());

  /** 20 distinct manifests (each over its own config), their blobs already in the repository. */
  async function manifests(): Promise<Buffer[]> {
    const configs = Array.from({ length: 20 }, (_, i) => Buffer.from(`{"architecture":"amd64","os":"linux","n":${i}}`));
    for (const c of configs) await putBlob(h.ecr.context.store, 'team/app', c);
    return configs.map((c) => manifestBytes(c, []));
  }

  it('20 parallel registry PUTs of one tag give exactly one 201', async () => {
    const bodies = await manifests();
    const answers = await Promise.all(bodies.map((body) => h.call('/v2/team/app/manifests/release', {
      method: 'PUT', headers: { 'content-type': DOCKER_MANIFEST }, body: new Uint8Array(body),
    })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 400)).toHaveLength(19);
    const refused = await answers.find((a) => a.status === 400)?.json();
    expect(refused).toEqual({ errors: [{ code: 'TAG_INVALID', message: "The image tag 'release' already exists in the 'team/app' repository and cannot be overwritten because the repository is immutable." }] });
    expect(h.ecr.context.store.listImages('team/app').flatMap((i) => i.tags)).toEqual(['release']);
  });

  it('20 parallel PutImage calls of one tag give exactly one success', async () => {
    const bodies = await manifests();
    const client = new ECRClient({
      endpoint: h.ecr.endpoint, region: 'us-east-1', maxAttempts: 1,
      credentials: { accessKeyId: EXAMPLE_ACCESS_KEY_ID, secretAccessKey: EXAMPLE_SECRET_ACCESS_KEY },
    });
    const outcomes = await Promise.allSettled(bodies.map((b) => client.send(new PutImageCommand({
      repositoryName: 'team/app', imageTag: 'release', imageManifest: b.toString('utf8'),
    }))));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const names = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as Error).name] : []));
    expect(names).toEqual(Array(19).fill('ImageTagAlreadyExistsException'));
  });

  it('20 identical parallel PutImage calls store the image once; the rest are ImageAlreadyExists', async () => {
    await h.ecr.context.store.putRepository(repoRecord('team/app'));
    const [body] = await manifests();
    const client = new ECRClient({
      endpoint: h.ecr.endpoint, region: 'us-east-1', maxAttempts: 1,
      credentials: { accessKeyId: EXAMPLE_ACCESS_KEY_ID, secretAccessKey: EXAMPLE_SECRET_ACCESS_KEY },
    });
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => client.send(new PutImageCommand({
      repositoryName: 'team/app', imageTag: 'same', imageManifest: body?.toString('utf8'),
    }))));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as Error).name] : []))).toEqual(Array(19).fill('ImageAlreadyExistsException'));
  });
});

describe('start after a killed run', () => {
  let dir: string;

  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'ecr-sweep-')); });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('sweeps temp files of atomic writes and stale uploads, and keeps what was committed', async () => {
    const first = await openStore(dir);
    await first.putRepository(repoRecord('team/app'));
    await first.flush();
    await writeFile(join(dir, 'catalog.json.2718281828'), '{"version":1,"repos');
    await writeFile(join(dir, 'registry.json.31415'), '{');
    await writeFile(join(dir, 'catalog.json.corrupt-2026-01-01T00-00-00-000Z'), 'kept for the learner');
    await mkdir(join(dir, 'uploads'), { recursive: true });
    await writeFile(join(dir, 'uploads', 'stale-upload'), 'half a layer');
    const again = await openStore(dir);
    expect(again.warning).toBeUndefined();
    expect(again.listRepositories().map((r) => r.name)).toEqual(['team/app']);
    expect((await readdir(dir)).sort()).toEqual(['blobs', 'catalog.json', 'catalog.json.corrupt-2026-01-01T00-00-00-000Z', 'uploads']);
    expect(await readdir(join(dir, 'uploads'))).toEqual([]);
  });

  it('a catalog with a malformed entry is kept aside and reported on one line', async () => {
    await writeFile(join(dir, 'catalog.json'), JSON.stringify({ version: 1, repositories: [{ record: { name: 'a' }, images: [null] }] }));
    const store = await openStore(dir);
    expect(store.warning).toMatch(/^warning: .*catalog\.json was unreadable \(repository entry 0 is malformed\); kept it as .*catalog\.json\.corrupt-\S+ and started afresh$/);
    expect(store.warning).not.toContain('\n');
    expect((await readdir(dir)).some((n) => n.startsWith('catalog.json.corrupt-'))).toBe(true);
    expect(store.listRepositories()).toEqual([]);
  });
});

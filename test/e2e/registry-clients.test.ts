// Clients other than docker against the local ECR: buildah builds and pushes, podman and skopeo
// push and pull by tag and by digest, podman is challenged before login ("authentication
// required"), skopeo deletes a manifest by digest, and an OCI artifact pushed with its subject
// is listed by GET /v2/<name>/referrers/<digest>.
import { execa } from 'execa';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRecord, sha256 } from '../local-ecr/store-helpers.js';
import { startE2eRegistry, type E2eRegistry, type Ran } from './registry-harness.js';

let reg: E2eRegistry;
/** containers-storage of this run (vfs), shared by podman and buildah. */
let storage: string[];
/** Where `podman login` writes; skopeo and buildah read the same file. */
let authfile: string;

async function run(tool: string, args: readonly string[], input?: string): Promise<Ran> {
  const r = await execa(tool, args, { all: true, reject: false, input, env: { REGISTRY_AUTH_FILE: authfile } });
  if (r.failed && r.exitCode === undefined) throw new Error(`${tool} could not run: ${r.message}`);
  return { out: r.all ?? '', code: r.exitCode ?? -1 };
}

const podman = (...args: string[]) => run('podman', [...storage, ...args]);
const buildah = (...args: string[]) => run('buildah', [...storage, ...args]);
const skopeo = (...args: string[]) => run('skopeo', ['--insecure-policy', ...args]);

function ref(path: string): string {
  return `${reg.host}/${path}`;
}

/** The digest the local ECR holds for a tag (what a client must see too). */
function digestOf(repository: string, tag: string): string {
  return reg.ecr.context.store.resolveTag(repository, tag) ?? '';
}

/** A fetch against the registry with the learner's token, as the HTTP-only client here. */
function call(path: string, init: RequestInit = {}): Promise<Response> {
  const token = Buffer.from(`AWS:${reg.password()}`).toString('base64');
  const headers = new Headers(init.headers);
  headers.set('authorization', `Basic ${token}`);
  return fetch(`http://${reg.host}${path}`, { ...init, headers });
}

beforeAll(async () => {
  for (const tool of ['podman', 'buildah', 'skopeo']) {
    const version = await execa(tool, ['--version'], { reject: false });
    if (version.exitCode !== 0) throw new Error(`${tool} is required for e2e: ${version.stderr}`);
  }
  reg = await startE2eRegistry();
  for (const name of ['clients/app', 'clients/artifacts']) await reg.ecr.context.store.putRepository(repoRecord(name));
  const dir = await reg.tempDir('ecr-e2e-containers-');
  storage = ['--root', join(dir, 'root'), '--runroot', join(dir, 'run'), '--storage-driver', 'vfs'];
  authfile = join(dir, 'auth.json');
  // No credentials for the registry yet: podman must meet ECR's challenge first.
  await writeFile(authfile, '{"auths":{}}', { mode: 0o600 });
  await writeFile(join(dir, 'hello.txt'), 'hello from buildah\n');
  const from = await buildah('from', 'scratch');
  expect(from.code, from.out).toBe(0);
  const container = from.out.trim().split('\n').pop() as string;
  expect((await buildah('copy', container, join(dir, 'hello.txt'), '/hello.txt')).code).toBe(0);
  const commit = await buildah('commit', container, 'localhost/ecr-lab-e2e/clients:built');
  expect(commit.code, commit.out).toBe(0);
});

afterAll(async () => {
  await reg?.close();
});

describe('podman', () => {
  it('is challenged before login and prints "authentication required"', async () => {
    const pull = await podman('pull', '--tls-verify=false', ref('clients/app:nothing-yet'));
    expect(pull.code).not.toBe(0);
    expect(pull.out).toContain('unauthorized: authentication required');
  });

  it('logs in with the token on stdin', async () => {
    const login = await run('podman', [...storage, 'login', '--tls-verify=false', '--username', 'AWS', '--password-stdin', reg.host], reg.password());
    expect(login.code, login.out).toBe(0);
    expect(login.out).toContain('Login Succeeded!');
  });

  it('pushes by tag and pulls by tag and by digest', async () => {
    const push = await podman('push', '--tls-verify=false', 'localhost/ecr-lab-e2e/clients:built', `docker://${ref('clients/app:podman')}`);
    expect(push.code, push.out).toBe(0);
    const digest = digestOf('clients/app', 'podman');
    expect(digest).toMatch(/^sha256:/);
    const byTag = await podman('pull', '--tls-verify=false', ref('clients/app:podman'));
    expect(byTag.code, byTag.out).toBe(0);
    const byDigest = await podman('pull', '--tls-verify=false', ref(`clients/app@${digest}`));
    expect(byDigest.code, byDigest.out).toBe(0);
    // The pulled image is the built one (same ID): podman records the registry's digest for it.
    const inspect = await podman('image', 'inspect', '--format', '{{json .RepoDigests}}', ref(`clients/app@${digest}`));
    expect(JSON.parse(inspect.out)).toContain(ref(`clients/app@${digest}`));
  });
});

describe('buildah', () => {
  it('pushes what it built, and pulls it back by digest', async () => {
    const push = await buildah('push', '--tls-verify=false', 'localhost/ecr-lab-e2e/clients:built', `docker://${ref('clients/app:buildah')}`);
    expect(push.code, push.out).toBe(0);
    const digest = digestOf('clients/app', 'buildah');
    const pull = await buildah('pull', '--tls-verify=false', ref(`clients/app@${digest}`));
    expect(pull.code, pull.out).toBe(0);
  });
});

describe('skopeo', () => {
  it('copies by digest into another tag and deletes a manifest by digest', async () => {
    const digest = digestOf('clients/app', 'podman');
    const copy = await skopeo('copy', '--src-tls-verify=false', '--dest-tls-verify=false',
      `docker://${ref(`clients/app@${digest}`)}`, `docker://${ref('clients/app:to-delete')}`);
    expect(copy.code, copy.out).toBe(0);
    const { store } = reg.ecr.context;
    expect(digestOf('clients/app', 'to-delete')).toBe(digest);
    const del = await skopeo('delete', '--tls-verify=false', `docker://${ref('clients/app:to-delete')}`);
    expect(del.code, del.out).toBe(0);
    // The manifest goes with every tag it had (podman's and to-delete), as BatchDeleteImage by digest.
    expect(store.getImage('clients/app', digest)).toBeUndefined();
    const tags = await skopeo('list-tags', '--tls-verify=false', `docker://${ref('clients/app')}`);
    expect(JSON.parse(tags.out).Tags).not.toContain('to-delete');
    const inspect = await skopeo('inspect', '--tls-verify=false', `docker://${ref(`clients/app@${digest}`)}`);
    expect(inspect.code).not.toBe(0);
    expect(inspect.out).toContain('manifest unknown');
  });
});

describe('referrers', () => {
  it('lists an OCI artifact pushed with a subject', async () => {
    const push = await podman('push', '--tls-verify=false', '--format', 'oci', 'localhost/ecr-lab-e2e/clients:built', `docker://${ref('clients/artifacts:subject')}`);
    expect(push.code, push.out).toBe(0);
    const subject = digestOf('clients/artifacts', 'subject');
    const empty = Buffer.from('{}');
    const sbom = Buffer.from('{"spdxVersion":"SPDX-2.3"}');
    for (const blob of [empty, sbom]) {
      const post = await call(`/v2/clients/artifacts/blobs/uploads/?digest=${sha256(blob)}`, { method: 'POST', body: blob });
      expect(post.status).toBe(201);
    }
    const manifest = Buffer.from(JSON.stringify({
      schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', artifactType: 'application/spdx+json',
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256(empty), size: empty.length },
      layers: [{ mediaType: 'application/spdx+json', digest: sha256(sbom), size: sbom.length }],
      subject: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: subject, size: 1 },
      annotations: { 'org.opencontainers.image.created': '2026-12-01T00:00:00Z' },
    }));
    const put = await call(`/v2/clients/artifacts/manifests/${sha256(manifest)}`, {
      method: 'PUT', body: manifest, headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
    });
    expect(put.status).toBe(201);
    expect(put.headers.get('oci-subject')).toBe(subject);
    const listed = await call(`/v2/clients/artifacts/referrers/${subject}?artifactType=application%2Fspdx%2Bjson`);
    expect(listed.headers.get('oci-filters-applied')).toBe('artifactType');
    expect((await listed.json()).manifests).toEqual([{
      mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha256(manifest), size: manifest.length,
      artifactType: 'application/spdx+json', annotations: { 'org.opencontainers.image.created': '2026-12-01T00:00:00Z' },
    }]);
    // skopeo pulls the artifact like any manifest, by digest.
    const raw = await skopeo('inspect', '--raw', '--tls-verify=false', `docker://${ref(`clients/artifacts@${sha256(manifest)}`)}`);
    expect(raw.code, raw.out).toBe(0);
    expect(JSON.parse(raw.out).subject.digest).toBe(subject);
  });
});

// skopeo against the local ECR: copies from the docker daemon and from dir: (already
// compressed layers), registry to registry, inspect, OCI manifests, and a NAME_UNKNOWN.
import { execa } from 'execa';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRecord, sha256 } from '../local-ecr/store-helpers.js';
import { buildScratch, docker, startE2eRegistry, type E2eRegistry, type Ran } from './registry-harness.js';

let reg: E2eRegistry;
let authfile: string;
let source: string;

/** Runs skopeo with the temp auth file (credentials never in argv); never throws on exit code. */
async function skopeo(...args: string[]): Promise<Ran> {
  const r = await execa('skopeo', ['--insecure-policy', ...args], { all: true, reject: false });
  if (r.failed && r.exitCode === undefined) throw new Error(`skopeo could not run: ${r.message}`);
  return { out: r.all ?? '', code: r.exitCode ?? -1 };
}

function dest(ref: string): string[] {
  return ['--dest-tls-verify=false', '--dest-authfile', authfile, `docker://${reg.host}/${ref}`];
}

function src(ref: string): string[] {
  return ['--src-tls-verify=false', '--src-authfile', authfile, `docker://${reg.host}/${ref}`];
}

beforeAll(async () => {
  const version = await skopeo('--version');
  if (version.code !== 0) throw new Error(`skopeo is required for e2e: ${version.out}`);
  reg = await startE2eRegistry();
  for (const name of ['team/app', 'mirror', 'oci']) await reg.ecr.context.store.putRepository(repoRecord(name));
  const token = Buffer.from(`AWS:${reg.password()}`).toString('base64');
  authfile = join(await reg.tempDir('ecr-e2e-auth-'), 'auth.json');
  await writeFile(authfile, JSON.stringify({ auths: { [reg.host]: { auth: token } } }), { mode: 0o600 });
  source = await buildScratch(reg, 'ecr-lab-e2e/skopeo-source:latest', 'skopeo');
});

afterAll(async () => {
  if (source) await docker('/nonexistent', ['rmi', '-f', source]);
  await reg?.close();
});

describe('skopeo', () => {
  it('copies from the docker daemon and inspects the result byte for byte', async () => {
    const copy = await skopeo('copy', `docker-daemon:${source}`, ...dest('team/app:sk1'));
    expect(copy.code, copy.out).toBe(0);
    const digest = reg.ecr.context.store.resolveTag('team/app', 'sk1');
    const inspect = await skopeo('inspect', '--tls-verify=false', '--authfile', authfile, `docker://${reg.host}/team/app:sk1`);
    expect(inspect.code, inspect.out).toBe(0);
    expect(JSON.parse(inspect.out)).toMatchObject({ Name: `${reg.host}/team/app`, Digest: digest, RepoTags: ['sk1'] });
    const raw = await execa('skopeo', ['inspect', '--raw', '--tls-verify=false', '--authfile', authfile, `docker://${reg.host}/team/app:sk1`], { encoding: 'buffer' });
    expect(sha256(Buffer.from(raw.stdout))).toBe(digest);
  });

  it('pushes already-compressed layers from dir: and copies registry to registry', async () => {
    const dir = await reg.tempDir('ecr-e2e-dir-');
    const pull = await skopeo('copy', ...src('team/app:sk1'), `dir:${dir}`);
    expect(pull.code, pull.out).toBe(0);
    const push = await skopeo('copy', `dir:${dir}`, ...dest('mirror:from-dir'));
    expect(push.code, push.out).toBe(0);
    const across = await skopeo('copy', ...src('team/app:sk1'), ...dest('mirror:copied'));
    expect(across.code, across.out).toBe(0);
    const { store } = reg.ecr.context;
    expect(store.resolveTag('mirror', 'from-dir')).toBe(store.resolveTag('team/app', 'sk1'));
    expect(store.resolveTag('mirror', 'copied')).toBe(store.resolveTag('team/app', 'sk1'));
  });

  it('stores an OCI manifest under its own media type', async () => {
    const copy = await skopeo('copy', '--format', 'oci', `docker-daemon:${source}`, ...dest('oci:v1'));
    expect(copy.code, copy.out).toBe(0);
    const { store } = reg.ecr.context;
    const image = store.getImage('oci', store.resolveTag('oci', 'v1') as string);
    expect(image?.manifestMediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(image?.artifactMediaType).toBe('application/vnd.oci.image.config.v1+json');
  });

  it('reports a missing repository as ECR does', async () => {
    const copy = await skopeo('copy', `docker-daemon:${source}`, ...dest('nosuch:v1'));
    expect(copy.code).not.toBe(0);
    expect(copy.out).toContain("The repository with name 'nosuch' does not exist in the registry with id '123456789012'");
  });
});

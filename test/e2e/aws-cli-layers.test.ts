// A push with the AWS CLI alone (/usr/bin/aws): initiate-layer-upload, upload-layer-part,
// complete-layer-upload and put-image for a FROM-scratch-like image built here (a gzipped tar
// layer and its config JSON), then `docker pull` of it, and curl of the layer's download URL.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY } from '../../src/local-ecr/config.js';
import { docker, dockerLogin, startE2eRegistry, type E2eRegistry } from './registry-harness.js';

const AWS = '/usr/bin/aws';
const REPO = 'cli/layers';
let reg: E2eRegistry;
let dir: string;

interface Run { readonly exitCode: number; readonly stdout: string; readonly stderr: string }

async function aws(args: readonly string[]): Promise<Run> {
  const r = await execa(AWS, ['--endpoint-url', reg.ecr.endpoint, '--output', 'json', ...args], {
    reject: false, extendEnv: false, cwd: dir,
    env: {
      PATH: '/usr/bin:/bin', HOME: dir, AWS_ACCESS_KEY_ID: EXAMPLE_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: EXAMPLE_SECRET_ACCESS_KEY,
      AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_PAGER: '', LANG: 'C.UTF-8',
    },
  });
  return { exitCode: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr };
}

async function json(args: readonly string[]): Promise<Record<string, unknown>> {
  const run = await aws(args);
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** A tar of one file, built with the system's tar from a scratch dir with a fixed mtime. */
async function layerTar(content: string): Promise<Buffer> {
  const root = join(dir, 'rootfs');
  await mkdir(root, { recursive: true });
  await writeFile(join(root, 'hello.txt'), content);
  const r = await execa('tar', ['--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', '-C', root, '-cf', '-', 'hello.txt'], { encoding: 'buffer' });
  return Buffer.from(r.stdout);
}

/** Pushes `bytes` as one layer with the three layer commands; returns its digest. */
async function pushBlob(name: string, bytes: Buffer): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, bytes);
  const { uploadId, partSize } = await json(['ecr', 'initiate-layer-upload', '--repository-name', REPO]);
  expect(partSize).toBe(10_485_760);
  const part = await json(['ecr', 'upload-layer-part', '--repository-name', REPO, '--upload-id', String(uploadId),
    '--part-first-byte', '0', '--part-last-byte', String(bytes.length - 1), '--layer-part-blob', `fileb://${file}`]);
  expect(part).toMatchObject({ uploadId, lastByteReceived: bytes.length - 1, repositoryName: REPO });
  const done = await json(['ecr', 'complete-layer-upload', '--repository-name', REPO, '--upload-id', String(uploadId), '--layer-digests', sha256(bytes)]);
  expect(done).toMatchObject({ uploadId, layerDigest: sha256(bytes), repositoryName: REPO, registryId: reg.ecr.context.config.account });
  return sha256(bytes);
}

beforeAll(async () => {
  reg = await startE2eRegistry();
  dir = await reg.tempDir('ecr-cli-layers-');
});
afterAll(async () => {
  await docker(await reg.configDir(), ['rmi', '-f', `${reg.host}/${REPO}:v1`]);
  await reg?.close();
});

describe('aws ecr layer commands push an image docker can pull', () => {
  let layerDigest: string;
  let layer: Buffer;

  it('pushes a layer and a config with the layer API, then the manifest with put-image', async () => {
    await json(['ecr', 'create-repository', '--repository-name', REPO]);
    const tar = await layerTar('hello from the layer API\n');
    layer = gzipSync(tar);
    const config = Buffer.from(JSON.stringify({
      architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
    }));
    const check = await json(['ecr', 'batch-check-layer-availability', '--repository-name', REPO, '--layer-digests', sha256(layer)]);
    expect(check).toMatchObject({ layers: [], failures: [{ layerDigest: sha256(layer), failureCode: 'MissingLayerDigest' }] });
    layerDigest = await pushBlob('layer.tar.gz', layer);
    const configDigest = await pushBlob('config.json', config);
    const manifest = JSON.stringify({
      schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest: configDigest },
      layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: layer.length, digest: layerDigest }],
    });
    await writeFile(join(dir, 'manifest.json'), manifest);
    const put = await json(['ecr', 'put-image', '--repository-name', REPO, '--image-tag', 'v1', '--image-manifest', 'file://manifest.json']);
    expect(put.image).toMatchObject({ imageId: { imageDigest: sha256(Buffer.from(manifest)), imageTag: 'v1' } });
    const again = await aws(['ecr', 'put-image', '--repository-name', REPO, '--image-tag', 'v1', '--image-manifest', 'file://manifest.json']);
    expect(again.exitCode).toBe(254);
    expect(again.stderr).toContain('An error occurred (ImageAlreadyExistsException) when calling the PutImage operation: Image with digest');
  });

  it('docker pull of the image succeeds and carries the file', async () => {
    const configDir = await reg.configDir();
    expect((await dockerLogin(configDir, reg.host, reg.password())).out).toContain('Login Succeeded');
    const pulled = await docker(configDir, ['pull', `${reg.host}/${REPO}:v1`]);
    expect(pulled.out).toContain(`Status: Downloaded newer image for ${reg.host}/${REPO}:v1`);
    expect(pulled.code).toBe(0);
    const created = await docker(configDir, ['create', `${reg.host}/${REPO}:v1`, '/nothing']);
    expect(created.code).toBe(0);
    const id = created.out.trim().split('\n').pop() as string;
    const copied = await execa('docker', ['cp', `${id}:/hello.txt`, join(dir, 'out.txt')], { env: { DOCKER_CONFIG: configDir }, reject: false });
    await docker(configDir, ['rm', id]);
    expect(copied.exitCode).toBe(0);
    expect(await readFile(join(dir, 'out.txt'), 'utf8')).toBe('hello from the layer API\n');
  });

  it('curl of get-download-url-for-layer fetches the layer; sha256sum matches', async () => {
    const url = await aws(['ecr', 'get-download-url-for-layer', '--repository-name', REPO, '--layer-digest', layerDigest, '--query', 'downloadUrl', '--output', 'text']);
    expect(url.exitCode).toBe(0);
    const curl = await execa('curl', ['-sS', '-f', '-o', join(dir, 'layer.tgz'), url.stdout.trim()], { reject: false });
    expect(curl.exitCode).toBe(0);
    const sum = await execa('sha256sum', [join(dir, 'layer.tgz')]);
    expect(`sha256:${sum.stdout.split(' ')[0]}`).toBe(layerDigest);
  });

  it('an unknown upload id is UploadNotFoundException, as the CLI prints it', async () => {
    const run = await aws(['ecr', 'complete-layer-upload', '--repository-name', REPO, '--upload-id', '00000000-0000-0000-0000-000000000000', '--layer-digests', layerDigest]);
    expect(run.exitCode).toBe(254);
    expect(run.stderr.trim()).toBe(`An error occurred (UploadNotFoundException) when calling the CompleteLayerUpload operation: The upload with id '00000000-0000-0000-0000-000000000000' does not exist in the repository with name '${REPO}' in the registry with id '${reg.ecr.context.config.account}'`);
  });
});

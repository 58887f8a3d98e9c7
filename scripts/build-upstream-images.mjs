// Builds the stand-in upstream images that ecr-lab's loopback "Docker Hub" and "ECR Public"
// serve to the pull-through cache (assets/upstream/). Deterministic: fixed timestamps, fixed
// tar headers, gzip without a name or mtime, so that running it again gives the same digests.
// Each image holds one text file saying that it is ecr-lab's stand-in, not the real image.
//
//   node scripts/build-upstream-images.mjs
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'upstream');
const CREATED = '2026-01-01T00:00:00Z';
const OCI = {
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
};
const DOCKER = {
  manifest: 'application/vnd.docker.distribution.manifest.v2+json',
  config: 'application/vnd.docker.container.image.v1+json',
  layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
};

const blobs = new Map();
const digestOf = (bytes) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

function addBlob(bytes) {
  const digest = digestOf(bytes);
  blobs.set(digest, bytes);
  return { digest, size: bytes.length };
}

/** One ustar header block for a regular file. */
function tarHeader(name, size) {
  const h = Buffer.alloc(512);
  const put = (text, offset, length) => h.write(text, offset, length, 'ascii');
  const octal = (n, length) => n.toString(8).padStart(length - 1, '0') + '\0';
  put(name, 0, 100);
  put(octal(0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(0, 12), 136, 12);
  h.fill(' ', 148, 156);
  put('0', 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  put('root', 265, 32);
  put('root', 297, 32);
  const sum = h.reduce((a, b) => a + b, 0);
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  return h;
}

/** A tar of text files, in order, with no directories and every time at zero. */
function tar(files) {
  const parts = [];
  for (const [name, text] of files) {
    const body = Buffer.from(text);
    parts.push(tarHeader(name, body.length), body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

function note(reference, platform) {
  return [
    `This is ecr-lab's stand-in for ${reference} (${platform}).`,
    'It is NOT the real image: it holds no programs, only this note.',
    "ecr-lab's loopback upstream serves it so that a pull through the local ECR's",
    'pull-through cache works offline, the way ECR caches the real image from its upstream.',
    '',
  ].join('\n');
}

/** An image manifest (OCI or docker schema 2) for one platform; returns its descriptor. */
function image(types, reference, arch) {
  const platform = `linux/${arch}`;
  const layerTar = tar([['etc/ecr-lab-stand-in.txt', note(reference, platform)]]);
  const layer = addBlob(gzipSync(layerTar, { level: 9 }));
  const config = addBlob(Buffer.from(JSON.stringify({
    created: CREATED, architecture: arch, os: 'linux',
    config: { Labels: { 'org.opencontainers.image.description': `ecr-lab stand-in for ${reference}, not the real image` } },
    rootfs: { type: 'layers', diff_ids: [digestOf(layerTar)] },
    history: [{ created: CREATED, created_by: 'ecr-lab scripts/build-upstream-images.mjs' }],
  })));
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: types.manifest,
    config: { mediaType: types.config, ...config },
    layers: [{ mediaType: types.layer, ...layer }],
  }, null, 2));
  return { mediaType: types.manifest, ...addBlob(manifest), platform: { architecture: arch, os: 'linux' } };
}

function index(reference, archs) {
  const manifests = archs.map((arch) => image(OCI, reference, arch));
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI.index, manifests }, null, 2));
  return { mediaType: OCI.index, ...addBlob(bytes) };
}

const alpine320 = index('docker.io/library/alpine:3.20', ['amd64', 'arm64']);
const alpine319 = image(OCI, 'docker.io/library/alpine:3.19', 'amd64');
const amazonlinux = image(DOCKER, 'public.ecr.aws/amazonlinux/amazonlinux:2023', 'amd64');

const content = {
  note: "ecr-lab's stand-in upstream images (scripts/build-upstream-images.mjs): not the real images.",
  registries: {
    'docker-hub': {
      'library/alpine': { tags: { '3.20': alpine320.digest, '3.19': alpine319.digest, latest: alpine320.digest } },
    },
    'ecr-public': {
      'amazonlinux/amazonlinux': { tags: { '2023': amazonlinux.digest, latest: amazonlinux.digest } },
    },
  },
};

await rm(OUT, { recursive: true, force: true });
await mkdir(join(OUT, 'blobs', 'sha256'), { recursive: true });
for (const [digest, bytes] of [...blobs].sort(([a], [b]) => a.localeCompare(b))) {
  await writeFile(join(OUT, 'blobs', 'sha256', digest.slice('sha256:'.length)), bytes);
}
await writeFile(join(OUT, 'index.json'), `${JSON.stringify(content, null, 2)}\n`);
console.log(`wrote ${blobs.size} blobs and index.json to ${OUT}`);

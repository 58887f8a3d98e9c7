// Builds the demo image in memory the way `docker build` would: one deterministic tar.gz layer
// per COPY, a docker image config, and a schema-2 manifest. Only the Dockerfile instructions
// the demo uses are understood (FROM scratch, COPY, LABEL, ENV, CMD); anything else is refused.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { gzipDeterministic, tar, type TarEntry } from './tar-gzip.js';

export const MANIFEST_V2 = 'application/vnd.docker.distribution.manifest.v2+json';
export const CONFIG_V1 = 'application/vnd.docker.container.image.v1+json';
export const LAYER_GZIP = 'application/vnd.docker.image.rootfs.diff.tar.gzip';

/** sha256:<hex> of bytes. */
export function digestOf(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** A built image: every blob by digest, ready to store or push. */
export interface BuiltImage {
  readonly manifest: Buffer;
  readonly manifestDigest: string;
  readonly config: Buffer;
  readonly configDigest: string;
  readonly layers: readonly { readonly digest: string; readonly diffId: string; readonly bytes: Buffer; readonly size: number }[];
  /** The lines a build prints, docker's shape. */
  readonly log: readonly string[];
}

interface Recipe {
  copies: { src: string; dest: string }[];
  labels: Record<string, string>;
  env: string[];
  cmd?: string[];
  steps: string[];
}

function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

function pairs(text: string): [string, string][] {
  return [...text.matchAll(/([\w.-]+)=("[^"]*"|\S+)/g)].map((m) => [m[1]!, unquote(m[2]!)]);
}

/** Reads the subset of Dockerfile instructions the demo image uses. */
export function parseDockerfile(text: string): Recipe {
  const recipe: Recipe = { copies: [], labels: {}, env: [], steps: [] };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    recipe.steps.push(line);
    const [word = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    switch (word.toUpperCase()) {
      case 'FROM': if (args !== 'scratch') throw new Error(`the built-in engine builds only FROM scratch, not '${args}'`); break;
      case 'COPY': { const [src, dest] = rest; if (!src || !dest) throw new Error(`COPY needs a source and a destination: ${line}`); recipe.copies.push({ src, dest }); break; }
      case 'LABEL': for (const [k, v] of pairs(args)) recipe.labels[k] = v; break;
      case 'ENV': for (const [k, v] of pairs(args)) recipe.env.push(`${k}=${v}`); break;
      case 'CMD': recipe.cmd = JSON.parse(args) as string[]; break;
      default: throw new Error(`the built-in engine does not support '${word}'`);
    }
  }
  return recipe;
}

function layerEntries(dest: string, data: Buffer): TarEntry[] {
  const path = posix.normalize(dest).replace(/^\/+/, '');
  const dirs = path.split('/').slice(0, -1).map((_, i, all) => `${all.slice(0, i + 1).join('/')}/`);
  return [...dirs.map((d) => ({ path: d })), { path, data }];
}

/** This machine's architecture in the OCI spelling (amd64, arm64). */
export function dockerArch(): string {
  return ({ x64: 'amd64', arm64: 'arm64', arm: 'arm' } as Record<string, string>)[process.arch] ?? process.arch;
}

/** Builds the image described by `<contextDir>/Dockerfile`; same files, same digests. */
export async function buildImage(contextDir: string): Promise<BuiltImage> {
  const recipe = parseDockerfile(await readFile(join(contextDir, 'Dockerfile'), 'utf8'));
  const layers = [];
  for (const { src, dest } of recipe.copies) {
    const raw = tar(layerEntries(dest, await readFile(join(contextDir, src))));
    const bytes = gzipDeterministic(raw);
    layers.push({ digest: digestOf(bytes), diffId: digestOf(raw), bytes, size: raw.length });
  }
  const created = '2024-01-01T00:00:00Z';
  const config = Buffer.from(JSON.stringify({
    architecture: dockerArch(), os: 'linux', created,
    config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ...recipe.env], Cmd: recipe.cmd, Labels: recipe.labels },
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    history: recipe.steps.filter((s) => !/^FROM/i.test(s)).map((s) => ({ created, created_by: s, ...(/^COPY/i.test(s) ? {} : { empty_layer: true }) })),
  }));
  const configDigest = digestOf(config);
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: MANIFEST_V2,
    config: { mediaType: CONFIG_V1, size: config.length, digest: configDigest },
    layers: layers.map((l) => ({ mediaType: LAYER_GZIP, size: l.bytes.length, digest: l.digest })),
  }, null, 3));
  const log = recipe.steps.map((s, i) => `Step ${i + 1}/${recipe.steps.length} : ${s}`);
  return { manifest, manifestDigest: digestOf(manifest), config, configDigest, layers, log };
}

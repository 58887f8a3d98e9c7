// Push and pull over the registry API for the built-in engine, printing what docker prints:
// `<id>: Pushed`, `v1: digest: sha256:… size: N`, `<id>: Pull complete`. A pull stores every
// blob (digest verified) before the caller points a reference at the image; from an image index
// it takes the entry for this machine's platform, as docker does.
import { StepFailure } from '../../errors.js';
import type { EngineIO, LocalImage } from '../../ports.js';
import { parseReference, referenceName } from '../reference.js';
import type { AuthStore } from './auth-file.js';
import { digestOf, dockerArch } from './image-builder.js';
import type { LocalImageStore } from './local-store.js';
import { RegistryClient } from './registry-client.js';

interface Manifest {
  readonly mediaType?: string;
  readonly config: { readonly digest: string };
  readonly layers: readonly { readonly digest: string }[];
}

const short = (digest: string): string => digest.replace(/^sha256:/, '').slice(0, 12);

function registryOf(ref: string): { registry: string; repository: string; tag?: string; digest?: string } {
  const r = parseReference(ref);
  if (!r.registry) throw new StepFailure('NoRegistry', `the built-in engine needs a registry host in '${ref}' (e.g. 127.0.0.1:PORT/${r.repository})`);
  return { ...r, registry: r.registry };
}

/** Pushes a stored image: layers, then config, then the manifest under the tag. */
export async function pushImage(args: {
  store: LocalImageStore; auths: AuthStore; ref: string; io: EngineIO; image: LocalImage | undefined;
}): Promise<{ digest: string; size: number }> {
  const { store, auths, ref, io, image } = args;
  const r = registryOf(ref);
  if (!image) throw new StepFailure('ImageNotFound', `An image does not exist locally with the tag: ${referenceName(ref)}`);
  const index = await store.index();
  const manifestBytes = await store.getBlob(index.images[image.id]!.manifest);
  const manifest = JSON.parse(manifestBytes!.toString('utf8')) as Manifest;
  io.print(`The push refers to repository [${referenceName(ref)}]`);
  const client = new RegistryClient(r.registry, await auths.get(r.registry), io.signal);
  const layers = manifest.layers.map((l, i) => ({ digest: l.digest, id: short(image.layers[i] ?? l.digest) })).reverse();
  for (const l of layers) { io.layer(l.id, 'Preparing'); io.print(`${l.id}: Preparing`); }
  await client.ping();
  for (const l of layers) {
    io.signal?.throwIfAborted();
    if (await client.hasBlob(r.repository, l.digest)) {
      io.layer(l.id, 'Layer already exists'); io.print(`${l.id}: Layer already exists`);
      continue;
    }
    const bytes = (await store.getBlob(l.digest))!;
    io.layer(l.id, 'Pushing', 0, bytes.length);
    await client.uploadBlob(r.repository, l.digest, bytes);
    io.layer(l.id, 'Pushed', bytes.length, bytes.length); io.print(`${l.id}: Pushed`);
  }
  if (!(await client.hasBlob(r.repository, manifest.config.digest))) {
    await client.uploadBlob(r.repository, manifest.config.digest, (await store.getBlob(manifest.config.digest))!);
  }
  io.signal?.throwIfAborted();
  const tag = r.tag ?? 'latest';
  const digest = await client.putManifest(r.repository, tag, manifestBytes!, manifest.mediaType ?? 'application/vnd.docker.distribution.manifest.v2+json');
  io.print(`${tag}: digest: ${digest || digestOf(manifestBytes!)} size: ${manifestBytes!.length}`);
  await store.update((i) => ({ ...i, images: { ...i.images, [image.id]: { ...i.images[image.id]!, repoDigests: [...new Set([...(i.images[image.id]?.repoDigests ?? []), `${referenceName(ref)}@${digest}`])] } } }));
  return { digest: digest || digestOf(manifestBytes!), size: manifestBytes!.length };
}

/** docker's wording for a failed pull (moby distribution/errors.go), with the daemon prefix. */
function pullError(err: unknown, ref: string): unknown {
  if (!(err instanceof StepFailure)) return err;
  const name = referenceName(ref);
  const prefix = err.code === 'NAME_UNKNOWN' ? `repository ${name} not found: `
    : err.code === 'MANIFEST_UNKNOWN' ? `manifest for ${ref} not found: `
    : err.code === 'DENIED' || err.code === 'UNAUTHORIZED' ? `pull access denied for ${name}, repository does not exist or may require 'docker login': `
    : '';
  return new StepFailure(err.code, `Error response from daemon: ${prefix}${err.message}`);
}

/**
 * The image manifest to pull: `bytes` itself, or for an image index (multi-platform) the entry
 * for linux on this machine's architecture, fetched by its digest, as docker picks one.
 */
async function platformManifest(client: RegistryClient, repository: string, bytes: Buffer): Promise<{ bytes: Buffer; digest: string }> {
  const top = JSON.parse(bytes.toString('utf8')) as { manifests?: readonly { digest: string; platform?: { os?: string; architecture?: string } }[] };
  if (!top.manifests) return { bytes, digest: digestOf(bytes) };
  const arch = dockerArch();
  const entry = top.manifests.find((m) => m.platform?.os === 'linux' && m.platform.architecture === arch);
  if (!entry) throw new StepFailure('NoMatchingManifest', `no matching manifest for linux/${arch} in the manifest list entries`);
  const child = await client.getManifest(repository, entry.digest);
  if (digestOf(child.bytes) !== entry.digest) throw new StepFailure('DIGEST_INVALID', `manifest digest ${digestOf(child.bytes)} does not match ${entry.digest}`);
  return { bytes: child.bytes, digest: entry.digest };
}

/** Pulls `ref` into the store; resolves once every blob is stored and verified. */
export async function pullImage(args: { store: LocalImageStore; auths: AuthStore; ref: string; io: EngineIO }):
  Promise<{ digest: string; manifestDigest: string; configDigest: string; layers: Buffer[] }> {
  const { store, auths, ref, io } = args;
  const r = registryOf(ref);
  try {
    const client = new RegistryClient(r.registry, await auths.get(r.registry), io.signal);
    io.print(`${r.tag ?? r.digest ?? 'latest'}: Pulling from ${r.repository}`);
    await client.ping();
    const got = await client.getManifest(r.repository, r.digest ?? r.tag ?? 'latest');
    const digest = digestOf(got.bytes);
    if (r.digest && r.digest !== digest) throw new StepFailure('DIGEST_INVALID', `manifest digest ${digest} does not match ${r.digest}`);
    const image = await platformManifest(client, r.repository, got.bytes);
    const manifest = JSON.parse(image.bytes.toString('utf8')) as Manifest;
    const layers: Buffer[] = [];
    for (const { digest: d } of [manifest.config, ...manifest.layers]) {
      io.signal?.throwIfAborted();
      const have = await store.getBlob(d);
      const bytes = have ?? await client.getBlob(r.repository, d);
      if (!have) await store.putBlob(bytes, d);
      if (d !== manifest.config.digest) {
        layers.push(bytes);
        const status = have ? 'Already exists' : 'Pull complete';
        io.layer(short(d), status, bytes.length, bytes.length); io.print(`${short(d)}: ${status}`);
      }
    }
    await store.putBlob(image.bytes, image.digest);
    return { digest, manifestDigest: image.digest, configDigest: manifest.config.digest, layers };
  } catch (err) {
    throw pullError(err, ref);
  }
}

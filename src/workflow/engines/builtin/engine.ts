// The built-in image engine, used when no docker daemon answers (or with --engine builtin).
// It is hand-written on purpose: no maintained npm library pushes to a registry with Basic auth
// over the distribution API without a daemon, and the course needs every request to be the
// same one docker makes, so the local ECR's "wire" view shows the real conversation.
import { gunzipSync } from 'node:zlib';
import { StepFailure } from '../../errors.js';
import type { EngineIO, ImageEngine, LocalImage } from '../../ports.js';
import { parseReference, referenceKey, referenceName } from '../reference.js';
import { AuthStore } from './auth-file.js';
import { buildImage } from './image-builder.js';
import { LocalImageStore, withRef } from './local-store.js';
import { RegistryClient } from './registry-client.js';
import { pullImage, pushImage } from './transfer.js';

/** Options of the built-in engine. */
export interface BuiltinEngineOptions {
  /** Where its images and logins live (e.g. <state dir>/builtin-engine). */
  readonly dir: string;
  /** Why it stands in for docker, said once at the start of each action. */
  readonly reason?: string;
}

const short = (digest: string): string => digest.replace(/^sha256:/, '').slice(0, 12);

/** Creates the built-in engine over a store directory. */
export function createBuiltinEngine(options: BuiltinEngineOptions): ImageEngine {
  const store = new LocalImageStore(options.dir);
  const auths = new AuthStore(options.dir);
  const reason = options.reason ?? 'no docker daemon answered';
  const announce = (io: EngineIO, what: string): void =>
    io.print(`[built-in engine] ${what}: standing in for docker because ${reason}`);

  async function inspect(ref: string): Promise<LocalImage | undefined> {
    const index = await store.index();
    const id = index.refs[referenceKey(ref)];
    const image = id ? index.images[id] : undefined;
    const config = id ? await store.getBlob(id) : undefined;
    if (!id || !image || !config) return undefined;
    const diffIds = (JSON.parse(config.toString('utf8')) as { rootfs?: { diff_ids?: string[] } }).rootfs?.diff_ids ?? [];
    const repoTags = Object.entries(index.refs).filter(([k, v]) => v === id && !k.includes('@')).map(([k]) => k);
    return { id, repoTags, repoDigests: image.repoDigests, size: image.size, layers: diffIds };
  }

  return {
    name: 'builtin',
    inspect,
    async build(contextDir, ref, io) {
      announce(io, 'build');
      const built = await buildImage(contextDir);
      for (const line of built.log) io.print(line);
      for (const layer of built.layers) await store.putBlob(layer.bytes, layer.digest);
      await store.putBlob(built.config, built.configDigest);
      await store.putBlob(built.manifest, built.manifestDigest);
      const size = built.layers.reduce((n, l) => n + l.size, 0);
      await store.update((index) => withRef(index, referenceKey(ref), built.configDigest, { manifest: built.manifestDigest, size, repoDigests: [] }));
      io.print(`Successfully built ${short(built.configDigest)}`);
      io.print(`Successfully tagged ${ref}`);
      return (await inspect(ref))!;
    },
    async tag(source, target, io) {
      announce(io, 'tag');
      parseReference(target);
      const index = await store.index();
      const id = index.refs[referenceKey(source)];
      if (!id) throw new StepFailure('ImageNotFound', `Error response from daemon: No such image: ${source}`);
      await store.update((i) => withRef(i, referenceKey(target), id, i.images[id]!));
    },
    async push(ref, io) {
      announce(io, 'push');
      return pushImage({ store, auths, ref, io, image: await inspect(ref) });
    },
    async pull(ref, io) {
      announce(io, 'pull');
      const pulled = await pullImage({ store, auths, ref, io });
      const size = pulled.layers.reduce((n, bytes) => n + gunzipSync(bytes).length, 0);
      const repoDigest = `${referenceName(ref)}@${pulled.digest}`;
      await store.update((index) => withRef(index, referenceKey(ref), pulled.configDigest, { manifest: pulled.manifestDigest, size, repoDigests: [] }, repoDigest));
      io.print(`Digest: ${pulled.digest}`);
      io.print(`Status: Downloaded newer image for ${ref}`);
      io.print(ref);
      return { digest: pulled.digest };
    },
    async login(registry, username, password, io) {
      announce(io, 'login');
      await new RegistryClient(registry, { username, password }, io.signal).login();
      await auths.put(registry, { username, password });
      io.print('Login Succeeded');
    },
    authFile: () => auths.file,
    async untag(ref, io) {
      let existed = false;
      await store.update((index) => {
        const { [referenceKey(ref)]: gone, ...refs } = index.refs;
        existed = gone !== undefined;
        return { ...index, refs };
      });
      if (existed) io?.print(`Untagged: ${ref}`);
    },
    async credentialsFor(registry) {
      return (await auths.get(registry)) ? `${auths.file} (auths["${registry}"])` : undefined;
    },
  };
}

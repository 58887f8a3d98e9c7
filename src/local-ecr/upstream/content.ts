// The content ecr-lab's loopback upstream serves: stand-in images shipped under
// assets/upstream/ (built by scripts/build-upstream-images.mjs), by upstream registry,
// repository and tag, with the real upstream hosts that map to each registry.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real upstream hosts, and which of ECR's upstream registry names each one is. */
export const UPSTREAM_HOSTS: Readonly<Record<string, string>> = {
  'registry-1.docker.io': 'docker-hub',
  'docker.io': 'docker-hub',
  'public.ecr.aws': 'ecr-public',
  'quay.io': 'quay',
  'registry.k8s.io': 'k8s',
  'ghcr.io': 'github-container-registry',
  'registry.gitlab.com': 'gitlab-container-registry',
  'cgr.dev': 'chainguard',
};

/** The registry a Host header names (azurecr.io and private ECR hosts by their pattern). */
export function registryOfHost(host: string): string | undefined {
  const name = host.replace(/:\d+$/, '').toLowerCase();
  if (Object.hasOwn(UPSTREAM_HOSTS, name)) return UPSTREAM_HOSTS[name];
  if (/^[a-z0-9]+\.azurecr\.io$/.test(name)) return 'azure-container-registry';
  if (/^[0-9]{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com$/.test(name)) return 'ecr';
  return undefined;
}

interface ContentFile {
  readonly registries: Readonly<Record<string, Readonly<Record<string, { readonly tags: Readonly<Record<string, string>> }>>>>;
}

/** A manifest as the upstream serves it. */
export interface UpstreamManifest {
  readonly digest: string;
  readonly mediaType: string;
  readonly bytes: Buffer;
}

let loaded: { dir: string; file: ContentFile } | undefined;

/** The nearest assets/upstream above this module (src/ under vitest, dist/ when bundled). */
function content(): { dir: string; file: ContentFile } {
  if (loaded) return loaded;
  const from = dirname(fileURLToPath(import.meta.url));
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'assets', 'upstream');
    if (existsSync(join(candidate, 'index.json'))) {
      loaded = { dir: candidate, file: JSON.parse(readFileSync(join(candidate, 'index.json'), 'utf8')) as ContentFile };
      return loaded;
    }
    if (dirname(dir) === dir) throw new Error(`assets/upstream not found above ${from}`);
  }
}

/** True when ecr-lab ships stand-in images for this upstream registry. */
export function hasUpstreamContent(registry: string): boolean {
  return Object.hasOwn(content().file.registries, registry);
}

function readBlob(digest: string): Buffer | undefined {
  if (!/^sha256:[a-f0-9]{64}$/.test(digest)) return undefined;
  const file = join(content().dir, 'blobs', 'sha256', digest.slice('sha256:'.length));
  return existsSync(file) ? readFileSync(file) : undefined;
}

function repositoryOf(registry: string, repository: string) {
  const repos = content().file.registries[registry];
  return repos && Object.hasOwn(repos, repository) ? repos[repository] : undefined;
}

export function hasRepository(registry: string, repository: string): boolean {
  return repositoryOf(registry, repository) !== undefined;
}

export function tagsOf(registry: string, repository: string): string[] {
  return Object.keys(repositoryOf(registry, repository)?.tags ?? {}).sort();
}

/** The digests a manifest references: its children (an index), or its config and layers. */
export function referencedDigests(bytes: Buffer): { readonly manifests: string[]; readonly blobs: string[] } {
  const m = JSON.parse(bytes.toString('utf8')) as {
    manifests?: { digest: string }[]; config?: { digest: string }; layers?: { digest: string }[];
  };
  return {
    manifests: (m.manifests ?? []).map((d) => d.digest),
    blobs: [...(m.config ? [m.config.digest] : []), ...(m.layers ?? []).map((d) => d.digest)],
  };
}

/** The manifests and the blobs reachable from the repository's tags (what its routes serve). */
function reachable(registry: string, repository: string): { readonly manifests: Set<string>; readonly blobs: Set<string> } {
  const manifests = new Set<string>();
  const blobs = new Set<string>();
  const visit = (digest: string): void => {
    if (manifests.has(digest)) return;
    manifests.add(digest);
    const bytes = readBlob(digest);
    if (!bytes) return;
    const refs = referencedDigests(bytes);
    refs.manifests.forEach(visit);
    refs.blobs.forEach((d) => blobs.add(d));
  };
  Object.values(repositoryOf(registry, repository)?.tags ?? {}).forEach(visit);
  return { manifests, blobs };
}

/** A manifest of the repository by tag or digest (never a layer's digest), or undefined. */
export function findManifest(registry: string, repository: string, ref: string): UpstreamManifest | undefined {
  const repo = repositoryOf(registry, repository);
  if (!repo) return undefined;
  const digest = ref.includes(':') ? ref : (Object.hasOwn(repo.tags, ref) ? repo.tags[ref] : undefined);
  if (!digest || !reachable(registry, repository).manifests.has(digest)) return undefined;
  const bytes = readBlob(digest);
  if (!bytes) return undefined;
  const mediaType = (JSON.parse(bytes.toString('utf8')) as { mediaType?: string }).mediaType;
  return mediaType ? { digest, mediaType, bytes } : undefined;
}

/** A blob of the repository (config or layer), or undefined. */
export function findBlob(registry: string, repository: string, digest: string): Buffer | undefined {
  const { manifests, blobs } = reachable(registry, repository);
  return manifests.has(digest) || blobs.has(digest) ? readBlob(digest) : undefined;
}

// The Inspector: read-only views of a target for the TUI's panels (who am I, the registry,
// the local ECR's wire), over the same ports the runner uses. Failures come back as lines.
import { userInfo } from 'node:os';
import type { TargetContext } from '../core/steps.js';
import type { RequestLog } from '../local-ecr/request-log.js';
import { dockerConfigDir, readDockerConfig } from './docker-config.js';
import { toFailure } from './errors.js';
import type { EcrApi, Identity, ImageEngine } from './ports.js';
import type { ImageView, Inspector, RegistrySnapshot, RepositoryView, WhoAmI } from './types.js';
import { createWireTap, type Own } from './wire-tap.js';

/** What an inspector reads from: the runner's ports, plus the request log on the local ECR. */
export interface InspectorDeps {
  readonly context: TargetContext;
  readonly ecr: EcrApi;
  readonly identity: Identity;
  readonly engine: ImageEngine;
  /** Default: $DOCKER_CONFIG or ~/.docker. */
  readonly dockerConfigDir?: string;
  readonly requestLog?: RequestLog;
}

/** Repositories described per snapshot; the rest are counted, not listed. */
export const MAX_REPOSITORIES = 20;

function failureText(err: unknown): string {
  const failure = toFailure(err);
  return `${failure.code}: ${failure.message}`;
}

function linuxUser(): string {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry for this uid (some containers): the uid is all the OS knows.
    return process.env.USER ?? `uid ${process.getuid?.() ?? '?'}`;
  }
}

async function describeRepository(ecr: EcrApi, own: Own, name: string): Promise<RepositoryView> {
  try {
    const out = await own('DescribeImages', () => ecr.describeImages({ repositoryName: name, maxResults: 100 }));
    const images: ImageView[] = (out.imageDetails ?? []).map((d) => ({
      digest: d.imageDigest ?? '',
      tags: [...(d.imageTags ?? [])].sort().map((tag) => ({ name: tag })),
      ...(d.imagePushedAt ? { pushedAt: d.imagePushedAt.toISOString() } : {}),
      ...(d.imageSizeInBytes !== undefined ? { sizeBytes: d.imageSizeInBytes } : {}),
    }));
    images.sort((a, b) => (b.pushedAt ?? '').localeCompare(a.pushedAt ?? ''));
    return { name, images };
  } catch (err) {
    return { name, images: [], error: failureText(err) };
  }
}

/**
 * Marks the tags whose digest differs from the one `seen` last recorded, and updates `seen`
 * (repository:tag -> digest and the digest before it). A mark stays until the tag moves again.
 */
export function markTagMoves(
  repositories: readonly RepositoryView[], seen: Map<string, { digest: string; previous?: string }>,
): RepositoryView[] {
  return repositories.map((repo) => ({
    ...repo,
    images: repo.images.map((image) => ({
      ...image,
      tags: image.tags.map((tag) => {
        const key = `${repo.name}:${tag.name}`;
        const before = seen.get(key);
        const previous = before && before.digest !== image.digest ? before.digest : before?.previous;
        seen.set(key, { digest: image.digest, ...(previous ? { previous } : {}) });
        return previous ? { ...tag, previousDigest: previous } : tag;
      }),
    })),
  }));
}

/** Creates the inspector for one target. */
export function createInspector(deps: InspectorDeps): Inspector {
  const { context, ecr, identity, engine } = deps;
  const seen = new Map<string, { digest: string; previous?: string }>();
  const wire = deps.requestLog ? createWireTap(deps.requestLog) : undefined;
  const own: Own = wire ? wire.own : (_operation, call) => call();

  async function whoAmI(): Promise<WhoAmI> {
    const [me, docker, credentials] = await Promise.all([
      own('GetCallerIdentity', () => identity.whoami()).then((m) => ({ arn: m.arn, account: m.account }), (err: unknown) => failureText(err)),
      readDockerConfig(dockerConfigDir(deps.dockerConfigDir), context.registry),
      engine.credentialsFor(context.registry).catch(() => undefined),
    ]);
    return {
      linuxUser: linuxUser(), registry: context.registry, region: context.region,
      ...(context.profile ? { profile: context.profile } : {}),
      docker,
      engine: { name: engine.name, ...(credentials ? { credentials } : {}) },
      ...(typeof me === 'string' ? { identityError: me } : { identity: me }),
    };
  }

  async function registry(): Promise<RegistrySnapshot> {
    let names: string[];
    try {
      const out = await own('DescribeRepositories', () => ecr.describeRepositories({ maxResults: 100 }));
      names = (out.repositories ?? []).map((r) => r.repositoryName ?? '').filter((n) => n !== '').sort();
    } catch (err) {
      return { registry: context.registry, repositories: [], omitted: 0, error: failureText(err) };
    }
    const described = await Promise.all(names.slice(0, MAX_REPOSITORIES).map((name) => describeRepository(ecr, own, name)));
    return { registry: context.registry, repositories: markTagMoves(described, seen), omitted: Math.max(0, names.length - MAX_REPOSITORIES) };
  }

  return { whoAmI, registry, ...(wire ? { wire: wire.tap } : {}) };
}

// What an ECR operation receives, and the lookups most operations share.
import type { Caller } from '../iam/types.js';
import type { EcrContext } from '../context.js';
import { repositoryArn } from '../iam/arn.js';
import type { ImageRecord, RepositoryRecord } from '../store/types.js';
import { imageNotFound, repositoryNotFound } from './errors.js';
import { imageId, registryId, repositoryName, type ImageId, type Input } from './validate.js';

export interface Call {
  readonly ctx: EcrContext;
  readonly identity: Caller;
  readonly input: Input;
  /** Epoch seconds on the local ECR's clock (with milliseconds). */
  readonly now: number;
}

/** An ECR operation: the IAM resource it acts on, and what it does. */
export interface Operation {
  /** A repository ARN, or `*`. Computed before validation, from what the caller sent. */
  resource(call: Call): string;
  /** The IAM action checked, when it is not `ecr:<OperationName>` (ListImageReferrers: ecr:BatchGetImage). */
  readonly iamAction?: string;
  run(call: Call): Promise<unknown>;
}

/** The ARN of the repository named in `repositoryName` (or `*` when none was sent). */
export function namedRepositoryArn(call: Call): string {
  const name = call.input.repositoryName;
  const { region, account } = call.ctx.config;
  const registry = typeof call.input.registryId === 'string' ? call.input.registryId : account;
  return typeof name === 'string' ? repositoryArn(region, registry, name) : '*';
}

export interface RepoRef {
  readonly name: string;
  readonly registryId: string;
  readonly record: RepositoryRecord;
}

/** Validates repositoryName/registryId and finds the repository, else RepositoryNotFoundException. */
export function existingRepository(call: Call): RepoRef {
  const name = repositoryName(call.input);
  const registry = registryId(call.input, call.ctx.config.account);
  const record = registry === call.ctx.config.account ? call.ctx.store.getRepository(name) : undefined;
  if (!record) throw repositoryNotFound(name, registry);
  return { name, registryId: registry, record };
}

/** The image an id points at: by digest (and the tag must agree), or by tag. */
export function findImage(call: Call, repository: string, id: ImageId): ImageRecord | undefined {
  const store = call.ctx.store;
  const digest = id.imageDigest ?? (id.imageTag !== undefined ? store.resolveTag(repository, id.imageTag) : undefined);
  if (digest === undefined) return undefined;
  const image = store.getImage(repository, digest);
  if (image && id.imageTag !== undefined && !image.tags.includes(id.imageTag)) return undefined;
  return image;
}

/** The image the call's `imageId` names in the repository (default: as sent), else ImageNotFoundException. */
export function requestedImage(call: Call, repo: RepoRef, id: ImageId = imageId(call.input.imageId)): { readonly id: ImageId; readonly image: ImageRecord } {
  const image = findImage(call, repo.name, id);
  if (!image) throw imageNotFound(id, repo.name, repo.registryId);
  return { id, image };
}

/** The repositoryUri: the emulator's registry host, so docker can reach it. */
export function repositoryUri(call: Call, name: string): string {
  return `${call.ctx.registryHost}/${name}`;
}

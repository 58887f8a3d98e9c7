// Image read and delete operations: DescribeImages, ListImages, BatchGetImage, BatchDeleteImage.
import { isPullable, storageDetail, storageView } from '../../image-storage.js';
import { isPullTimeExcluded } from '../../pull-time-exclusions.js';
import type { ImageRecord } from '../../store/types.js';
import { existingRepository, findImage, namedRepositoryArn, type Call, type Operation } from '../call.js';
import { EcrError, imageNotFound } from '../errors.js';
import { paginate } from '../paginate.js';
import { enumValue, imageId, imageIdList, maxResults, optionalObject, optionalString, stringList, type ImageId } from '../validate.js';
import { completeScanIfDue, scanSummary } from './scans.js';

const TAG_STATUS = ['TAGGED', 'UNTAGGED', 'ANY'] as const;
const IMAGE_STATUS = ['ACTIVE', 'ARCHIVED', 'ACTIVATING', 'ANY'] as const;

/** The filter's tagStatus and imageStatus ("If not specified, only images with ACTIVE status are returned"). */
function tagFilter(call: Call): (image: ImageRecord) => boolean {
  const filter = optionalObject(call.input, 'filter') ?? {};
  const status = enumValue(filter, 'tagStatus', TAG_STATUS) ?? 'ANY';
  const imageStatus = enumValue(filter, 'imageStatus', IMAGE_STATUS) ?? 'ACTIVE';
  return (image) => (status === 'ANY' || (status === 'TAGGED') === image.tags.length > 0)
    && (imageStatus === 'ANY' || storageView(image, call.now).imageStatus === imageStatus);
}

/** Newest first, as the console shows them; a stable order for nextToken. */
function byPushTime(images: readonly ImageRecord[]): ImageRecord[] {
  return [...images].sort((a, b) => b.pushedAt - a.pushedAt || a.digest.localeCompare(b.digest));
}

async function imageDetail(call: Call, repository: string, registryId: string, image: ImageRecord): Promise<Record<string, unknown>> {
  return {
    registryId, repositoryName: repository, imageDigest: image.digest,
    ...(image.tags.length ? { imageTags: image.tags } : {}),
    imageSizeInBytes: image.sizeInBytes,
    imagePushedAt: image.pushedAt,
    imageManifestMediaType: image.manifestMediaType,
    ...(image.artifactMediaType ? { artifactMediaType: image.artifactMediaType } : {}),
    ...(image.lastRecordedPullTime !== undefined ? { lastRecordedPullTime: image.lastRecordedPullTime } : {}),
    ...storageDetail(image, call.now),
    ...await scanSummary(call, repository, image),
  };
}

export const DescribeImages: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const repo = existingRepository(call);
    const ids = imageIdList(call.input, false);
    const max = maxResults(call.input, 1000);
    const nextToken = optionalString(call.input, 'nextToken');
    const keep = tagFilter(call);
    let images: ImageRecord[];
    if (ids) {
      if (nextToken !== undefined || max !== undefined) throw new EcrError('InvalidParameterException', 'Invalid parameter: nextToken and maxResults cannot be used with imageIds');
      images = ids.map((raw, i) => {
        const id = imageId(raw, `imageIds.${i + 1}.member`);
        const image = findImage(call, repo.name, id);
        if (!image) throw imageNotFound(id, repo.name, repo.registryId);
        return image;
      }).filter((image, i, all) => all.indexOf(image) === i);
    } else {
      images = byPushTime(call.ctx.store.listImages(repo.name)).filter(keep);
    }
    const page = paginate(images, nextToken, max);
    const details = [];
    for (const image of page.items) {
      details.push(await imageDetail(call, repo.name, repo.registryId, await completeScanIfDue(call, repo.name, image)));
    }
    return {
      imageDetails: details,
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  },
};

export const ListImages: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const repo = existingRepository(call);
    const max = maxResults(call.input, 1000);
    const keep = tagFilter(call);
    const ids: ImageId[] = byPushTime(call.ctx.store.listImages(repo.name)).filter(keep).flatMap((image) =>
      image.tags.length ? image.tags.map((imageTag) => ({ imageDigest: image.digest, imageTag })) : [{ imageDigest: image.digest }]);
    const page = paginate(ids, optionalString(call.input, 'nextToken'), max);
    return { imageIds: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
  },
};

export interface Failure {
  readonly imageId: ImageId;
  readonly failureCode: string;
  readonly failureReason: string;
}

/** Checks one entry of a batch's imageIds; a problem becomes a failure entry, not an exception. */
export function batchEntry(raw: unknown): { id: ImageId } | { failure: Failure } {
  const given = (typeof raw === 'object' && raw !== null ? raw : {}) as ImageId;
  if (given.imageDigest === undefined && given.imageTag === undefined) {
    return { failure: { imageId: given, failureCode: 'MissingDigestAndTag', failureReason: 'Invalid request parameters: both tag and digest cannot be null' } };
  }
  try {
    return { id: imageId(raw) };
  } catch {
    const badDigest = given.imageDigest !== undefined && !/^[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+$/.test(given.imageDigest);
    return badDigest
      ? { failure: { imageId: given, failureCode: 'InvalidImageDigest', failureReason: "Invalid request parameters: image digest should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'" } }
      : { failure: { imageId: given, failureCode: 'InvalidImageTag', failureReason: "Invalid request parameters: image tag should satisfy the regex '[a-zA-Z0-9-_.]+'" } };
  }
}

export function notFoundFailure(id: ImageId): Failure {
  return { imageId: id, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' };
}

export const BatchGetImage: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const repo = existingRepository(call);
    const ids = imageIdList(call.input, true) ?? [];
    // A manifest of a type the caller does not accept is not found for it, as a registry GET
    // whose Accept header leaves its type out (UNVERIFIED: ECR's docker v1 conversion is not done).
    const accepted = stringList(call.input, 'acceptedMediaTypes', 1, 100);
    const images: unknown[] = [];
    const failures: Failure[] = [];
    for (const raw of ids) {
      const entry = batchEntry(raw);
      if ('failure' in entry) { failures.push(entry.failure); continue; }
      const found = findImage(call, repo.name, entry.id);
      const image = found && (!accepted || accepted.includes(found.manifestMediaType)) ? found : undefined;
      const bytes = image && await call.ctx.store.readManifest(repo.name, image.digest);
      // An archived image "cannot be pulled"; its pull is a 404 (UNVERIFIED: the failure ECR lists for it).
      if (!image || !bytes || !isPullable(image, call.now)) { failures.push(notFoundFailure(entry.id)); continue; }
      // BatchGetImage is the pull: it records the pull time (aws/containers-roadmap#2390), unless
      // the caller is a pull-time update exclusion.
      if (!isPullTimeExcluded(call.ctx, call.identity)) {
        await call.ctx.store.updateImage(repo.name, image.digest, (i) => ({ ...i, lastRecordedPullTime: call.now }));
      }
      images.push({
        registryId: repo.registryId, repositoryName: repo.name,
        imageId: { imageDigest: image.digest, ...(entry.id.imageTag !== undefined ? { imageTag: entry.id.imageTag } : {}) },
        imageManifest: bytes.toString('utf8'),
        imageManifestMediaType: image.manifestMediaType,
      });
    }
    return { images, failures };
  },
};

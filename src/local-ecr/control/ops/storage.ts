// Image storage classes (UpdateImageStorageClass: archive at once, restore in 20 minutes on the
// local clock) and the registry's pull-time update exclusions (Register/Deregister/List).
import { archived, restoring, storageView } from '../../image-storage.js';
import { hasActiveParent } from '../../lifecycle-runner.js';
import { EXCLUSIONS_SECTION, pullTimeExclusions, type PullTimeExclusion } from '../../pull-time-exclusions.js';
import { existingRepository, findImage, namedRepositoryArn, type Call, type Operation } from '../call.js';
import { EcrError, imageNotFound, invalidParameter } from '../errors.js';
import { paginate } from '../paginate.js';
import { checkLength, enumValue, imageId, maxResults, optionalString, requiredString } from '../validate.js';

const TARGET_STORAGE_CLASS = ['STANDARD', 'ARCHIVE'] as const;
/** The model's PrincipalArn pattern (RegisterPullTimeUpdateExclusion), max 200 characters. */
const PRINCIPAL_ARN = /^arn:aws(-[a-z]+)*:iam::[0-9]{12}:(role|user)\/[\w+=,.@-]+(\/[\w+=,.@-]+)*$/;
const PRINCIPAL_ARN_QUOTED = '^arn:aws(-[a-z]+)*:iam::[0-9]{12}:(role|user)/[\\w+=,.@-]+(/[\\w+=,.@-]+)*$';
/** PullTimeUpdateExclusionList's max in the model; the quota text is UNVERIFIED. */
const MAX_EXCLUSIONS = 100;

function notSupported(message: string): EcrError {
  return new EcrError('ImageStorageClassUpdateNotSupportedException', message);
}

/**
 * Why ECR refuses this change, or undefined. The texts are ecr-lab's own (UNVERIFIED): AWS
 * documents the exception ("The requested image storage class update is not supported.") but
 * not its messages.
 */
async function refusal(call: Call, repository: string, digest: string, target: 'STANDARD' | 'ARCHIVE'): Promise<string | undefined> {
  const image = call.ctx.store.getImage(repository, digest);
  if (!image) return undefined;
  const { imageStatus } = storageView(image, call.now);
  const which = `The image with digest '${digest}' in the repository with name '${repository}'`;
  if (target === 'ARCHIVE' && imageStatus === 'ARCHIVED') return `${which} is already archived`;
  if (target === 'ARCHIVE' && imageStatus === 'ACTIVATING') return `${which} is being restored and cannot be archived`;
  if (target === 'STANDARD' && imageStatus === 'ACTIVE') return `${which} is already in the STANDARD storage class`;
  if (target === 'STANDARD' && imageStatus === 'ACTIVATING') return `${which} is already being restored`;
  // "If an image is referenced by a manifest list, it cannot be expired or archived without
  // the manifest list being deleted or archived first" (user guide, lifecycle evaluation rules).
  if (target === 'ARCHIVE' && hasActiveParent(call.ctx.store, repository, digest, call.now)) {
    return `${which} is referenced by a manifest list that is not archived`;
  }
  return undefined;
}

export const UpdateImageStorageClass: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const repo = existingRepository(call);
    const id = imageId(call.input.imageId, 'imageId');
    const target = enumValue(call.input, 'targetStorageClass', TARGET_STORAGE_CLASS);
    if (!target) throw invalidParameter('targetStorageClass', 'Member must not be null');
    if (id.imageDigest === undefined && id.imageTag === undefined) {
      // UNVERIFIED: BatchDeleteImage's text for the same mistake.
      throw new EcrError('InvalidParameterException', 'Invalid request parameters: both tag and digest cannot be null');
    }
    const image = findImage(call, repo.name, id);
    if (!image) throw imageNotFound(id, repo.name, repo.registryId);
    const why = await refusal(call, repo.name, image.digest, target);
    if (why) throw notSupported(why);
    const change = target === 'ARCHIVE' ? archived : restoring;
    await call.ctx.store.updateImage(repo.name, image.digest, (i) => change(i, call.now));
    const after = call.ctx.store.getImage(repo.name, image.digest);
    return {
      registryId: repo.registryId, repositoryName: repo.name,
      imageId: { imageDigest: image.digest, ...(id.imageTag !== undefined ? { imageTag: id.imageTag } : {}) },
      imageStatus: after ? storageView(after, call.now).imageStatus : target === 'ARCHIVE' ? 'ARCHIVED' : 'ACTIVATING',
    };
  },
};

function principalArn(call: Call): string {
  const arn = requiredString(call.input, 'principalArn');
  checkLength('principalArn', arn, 0, 200);
  if (!PRINCIPAL_ARN.test(arn)) throw invalidParameter('principalArn', `must satisfy regular expression '${PRINCIPAL_ARN_QUOTED}'`);
  return arn;
}

export const RegisterPullTimeUpdateExclusion: Operation = {
  resource: () => '*',
  async run(call) {
    const arn = principalArn(call);
    const account = call.ctx.config.account;
    const entry: PullTimeExclusion = { principalArn: arn, createdAt: call.now };
    await call.ctx.registry.update<PullTimeExclusion[]>(EXCLUSIONS_SECTION, (current = []) => {
      // UNVERIFIED texts: AWS documents the exceptions, not their messages.
      if (current.some((e) => e.principalArn === arn)) {
        throw new EcrError('ExclusionAlreadyExistsException', `The pull time update exclusion for principal '${arn}' already exists in the registry with id '${account}'`);
      }
      if (current.length >= MAX_EXCLUSIONS) {
        throw new EcrError('LimitExceededException', `The maximum number of pull time update exclusions (${MAX_EXCLUSIONS}) for the registry with id '${account}' has been reached`);
      }
      return [...current, entry];
    });
    return { principalArn: arn, createdAt: entry.createdAt };
  },
};

export const DeregisterPullTimeUpdateExclusion: Operation = {
  resource: () => '*',
  async run(call) {
    const arn = principalArn(call);
    const account = call.ctx.config.account;
    await call.ctx.registry.update<PullTimeExclusion[]>(EXCLUSIONS_SECTION, (current = []) => {
      if (!current.some((e) => e.principalArn === arn)) {
        throw new EcrError('ExclusionNotFoundException', `The pull time update exclusion for principal '${arn}' does not exist in the registry with id '${account}'`);
      }
      const rest = current.filter((e) => e.principalArn !== arn);
      return rest.length ? rest : undefined;
    });
    return { principalArn: arn };
  },
};

export const ListPullTimeUpdateExclusions: Operation = {
  resource: () => '*',
  async run(call) {
    const max = maxResults(call.input, 1000);
    const page = paginate(pullTimeExclusions(call.ctx).map((e) => e.principalArn), optionalString(call.input, 'nextToken'), max);
    return { pullTimeUpdateExclusions: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
  },
};

export const STORAGE_OPERATIONS: Readonly<Record<string, Operation>> = {
  UpdateImageStorageClass, RegisterPullTimeUpdateExclusion, DeregisterPullTimeUpdateExclusion, ListPullTimeUpdateExclusions,
};

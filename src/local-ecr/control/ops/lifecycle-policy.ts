// Lifecycle policy operations: Put/Get/Delete, and the preview (Start/Get), evaluated at once
// with the pure evaluator in ../../lifecycle.ts on the images the runner would see.
import { evaluateLifecyclePolicy, parseLifecyclePolicy } from '../../lifecycle.js';
import { lifecycleImages } from '../../lifecycle-runner.js';
import { existingRepository, findImage, namedRepositoryArn, type Call, type Operation, type RepoRef } from '../call.js';
import { EcrError, invalidParameter, lifecyclePolicyNotFound } from '../errors.js';
import { paginate } from '../paginate.js';
import { checkLength, enumValue, imageId, imageIdList, maxResults, optionalObject, optionalString, requiredString } from '../validate.js';

interface PreviewResult {
  readonly imageDigest: string;
  readonly imageTags: readonly string[];
  readonly imagePushedAt: number;
  readonly rulePriority: number;
  /** Absent in previews kept before transitions existed: expire. */
  readonly action?: 'expire' | 'transition';
  readonly storageClass?: 'STANDARD' | 'ARCHIVE';
}

interface Preview {
  readonly text: string;
  readonly results: readonly PreviewResult[];
}

/** Validates a policy text; returns it compacted, as ECR echoes it. */
function checkedPolicy(text: string): string {
  checkLength('lifecyclePolicyText', text, 100, 30720);
  const parsed = parseLifecyclePolicy(text);
  if (!parsed.ok) throw invalidParameter('LifecyclePolicyText', `Lifecycle policy validation failure: ${parsed.reason}`);
  return JSON.stringify(JSON.parse(text));
}

function storedPolicy(repo: RepoRef) {
  const policy = repo.record.lifecyclePolicy;
  if (!policy) throw lifecyclePolicyNotFound(repo.name, repo.registryId);
  return policy;
}

export const PutLifecyclePolicy: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const repo = existingRepository(call);
    const text = checkedPolicy(requiredString(call.input, 'lifecyclePolicyText'));
    await call.ctx.store.updateRepository(repo.record.name, (r) => ({ ...r, lifecyclePolicy: { text } }));
    return { registryId: repo.registryId, repositoryName: repo.name, lifecyclePolicyText: text };
  },
};

export const GetLifecyclePolicy: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const repo = existingRepository(call);
    const policy = storedPolicy(repo);
    return {
      registryId: repo.registryId, repositoryName: repo.name, lifecyclePolicyText: policy.text,
      ...(policy.lastEvaluatedAt !== undefined ? { lastEvaluatedAt: policy.lastEvaluatedAt } : {}),
    };
  },
};

export const DeleteLifecyclePolicy: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const repo = existingRepository(call);
    const policy = storedPolicy(repo);
    await call.ctx.store.updateRepository(repo.record.name, (r) => ({ ...r, lifecyclePolicy: undefined }));
    return {
      registryId: repo.registryId, repositoryName: repo.name, lifecyclePolicyText: policy.text,
      ...(policy.lastEvaluatedAt !== undefined ? { lastEvaluatedAt: policy.lastEvaluatedAt } : {}),
    };
  },
};

export const StartLifecyclePolicyPreview: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const repo = existingRepository(call);
    const given = optionalString(call.input, 'lifecyclePolicyText');
    const text = given ?? storedPolicy(repo).text;
    if (given !== undefined) checkedPolicy(given);
    const parsed = parseLifecyclePolicy(text);
    if (!parsed.ok) throw invalidParameter('LifecyclePolicyText', `Lifecycle policy validation failure: ${parsed.reason}`);
    const images = await lifecycleImages(call.ctx.store, repo.name, call.now);
    const results: PreviewResult[] = evaluateLifecyclePolicy(parsed.policy, images, call.now).map((e) => ({
      imageDigest: e.digest, imageTags: e.tags, imagePushedAt: e.pushedAt, rulePriority: e.rulePriority,
      action: e.action, storageClass: e.storageClass ?? 'STANDARD',
    }));
    await call.ctx.store.updateRepository(repo.record.name, (r) => ({ ...r, lifecyclePreview: { text, results } satisfies Preview }));
    return { registryId: repo.registryId, repositoryName: repo.name, lifecyclePolicyText: text, status: 'IN_PROGRESS' };
  },
};

function previewResults(call: Call, repo: RepoRef, preview: Preview) {
  const ids = imageIdList(call.input, false);
  const status = enumValue(optionalObject(call.input, 'filter') ?? {}, 'tagStatus', ['TAGGED', 'UNTAGGED', 'ANY'] as const) ?? 'ANY';
  const wanted = ids?.map((raw) => findImage(call, repo.name, imageId(raw))?.digest);
  return preview.results.filter((r) => (!wanted || wanted.includes(r.imageDigest))
    && (status === 'ANY' || (status === 'TAGGED') === r.imageTags.length > 0));
}

export const GetLifecyclePolicyPreview: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const repo = existingRepository(call);
    const preview = repo.record.lifecyclePreview as Preview | undefined;
    if (!preview) {
      throw new EcrError('LifecyclePolicyPreviewNotFoundException',
        `Lifecycle policy preview does not exist for the repository with name '${repo.name}' in the registry with id '${repo.registryId}'`);
    }
    const all = previewResults(call, repo, preview);
    const page = paginate(all, optionalString(call.input, 'nextToken'), maxResults(call.input, 100));
    const transitions = preview.results.filter((r) => r.action === 'transition').length;
    return {
      registryId: repo.registryId, repositoryName: repo.name, lifecyclePolicyText: preview.text, status: 'COMPLETE',
      previewResults: page.items.map((r) => ({
        ...(r.imageTags.length ? { imageTags: r.imageTags } : {}), imageDigest: r.imageDigest, imagePushedAt: r.imagePushedAt,
        action: r.action === 'transition' ? { type: 'TRANSITION', targetStorageClass: 'ARCHIVE' } : { type: 'EXPIRE' },
        appliedRulePriority: r.rulePriority,
        storageClass: r.storageClass ?? 'STANDARD',
      })),
      summary: {
        expiringImageTotalCount: preview.results.length - transitions,
        // "only present if at least one image will be transitioned" (model doc).
        ...(transitions ? { transitioningImageTotalCounts: [{ targetStorageClass: 'ARCHIVE', imageTotalCount: transitions }] } : {}),
      },
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  },
};

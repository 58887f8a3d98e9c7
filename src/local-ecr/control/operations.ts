// The ECR operations the local ECR answers, by the name in X-Amz-Target.
import type { Operation } from './call.js';
import { GetAuthorizationToken } from './ops/authorization-token.js';
import { BatchDeleteImage } from './ops/delete-images.js';
import { BatchGetImage, DescribeImages, ListImages } from './ops/images.js';
import {
  DeleteLifecyclePolicy, GetLifecyclePolicy, GetLifecyclePolicyPreview, PutLifecyclePolicy, StartLifecyclePolicyPreview,
} from './ops/lifecycle-policy.js';
import { PutImage } from './ops/put-image.js';
import { REGISTRY_CONFIG_OPERATIONS } from './ops/registry-config.js';
import { REPLICATION_OPERATIONS } from './ops/replication.js';
import { LAYER_OPERATIONS } from './ops/layers.js';
import { PULL_THROUGH_OPERATIONS } from './ops/pull-through.js';
import { SIGNING_OPERATIONS } from './ops/signing.js';
import { STORAGE_OPERATIONS } from './ops/storage.js';
import {
  CreateRepository, DeleteRepository, DescribeRepositories, PutImageScanningConfiguration, PutImageTagMutability,
} from './ops/repositories.js';
import { DeleteRepositoryPolicy, GetRepositoryPolicy, SetRepositoryPolicy } from './ops/repository-policy.js';
import { ListTagsForResource, TagResource, UntagResource } from './ops/resource-tags.js';
import { DescribeImageScanFindings, StartImageScan } from './ops/scans.js';

export const ECR_TARGET_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.';

export const OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateRepository, DescribeRepositories, DeleteRepository, GetAuthorizationToken,
  DescribeImages, ListImages, BatchGetImage, BatchDeleteImage, PutImage,
  PutImageTagMutability, PutImageScanningConfiguration, StartImageScan, DescribeImageScanFindings,
  PutLifecyclePolicy, GetLifecyclePolicy, DeleteLifecyclePolicy, StartLifecyclePolicyPreview, GetLifecyclePolicyPreview,
  SetRepositoryPolicy, GetRepositoryPolicy, DeleteRepositoryPolicy, TagResource, UntagResource, ListTagsForResource,
  ...REGISTRY_CONFIG_OPERATIONS,
  ...REPLICATION_OPERATIONS,
  ...LAYER_OPERATIONS,
  ...PULL_THROUGH_OPERATIONS,
  ...SIGNING_OPERATIONS,
  ...STORAGE_OPERATIONS,
};

/** The operation named by an `X-Amz-Target` header, if the local ECR knows it. */
export function operationFor(target: string | undefined): { name: string; operation: Operation } | undefined {
  if (!target?.startsWith(ECR_TARGET_PREFIX)) return undefined;
  const name = target.slice(ECR_TARGET_PREFIX.length);
  const operation = Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name] : undefined;
  return operation ? { name, operation } : undefined;
}

// The ECR JSON API's error type and the exact message texts ECR uses (ECR.md §2.2).

/** An error answered as `{"__type","message"}`: HTTP 400, or 500 for ServerException. */
export class EcrError extends Error {
  constructor(readonly type: string, message: string) {
    super(message);
  }

  get status(): number {
    return this.type === 'ServerException' ? 500 : 400;
  }
}

/** InvalidParameterException with ECR's `Invalid parameter at '<member>' …` wording. */
export function invalidParameter(member: string, constraint: string): EcrError {
  return new EcrError('InvalidParameterException', `Invalid parameter at '${member}' failed to satisfy constraint: '${constraint}'`);
}

export function repositoryNotFound(name: string, registryId: string): EcrError {
  return new EcrError('RepositoryNotFoundException',
    `The repository with name '${name}' does not exist in the registry with id '${registryId}'`);
}

export function repositoryAlreadyExists(name: string, registryId: string): EcrError {
  return new EcrError('RepositoryAlreadyExistsException',
    `The repository with name '${name}' already exists in the registry with id '${registryId}'`);
}

export function repositoryNotEmpty(name: string, registryId: string): EcrError {
  return new EcrError('RepositoryNotEmptyException',
    `The repository with name '${name}' in registry with id '${registryId}' cannot be deleted because it still contains images`);
}

/** `{imageDigest:'null', imageTag:'latest'}` as ECR prints an image id in messages. */
export function describeImageId(id: { imageDigest?: string; imageTag?: string }): string {
  return `{imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'}`;
}

export function imageNotFound(id: { imageDigest?: string; imageTag?: string }, name: string, registryId: string): EcrError {
  return new EcrError('ImageNotFoundException',
    `The image with imageId ${describeImageId(id)} does not exist within the repository with name '${name}' in the registry with id '${registryId}'`);
}

export function lifecyclePolicyNotFound(name: string, registryId: string): EcrError {
  return new EcrError('LifecyclePolicyNotFoundException',
    `Lifecycle policy does not exist for the repository with name '${name}' in the registry with id '${registryId}'`);
}

export function repositoryPolicyNotFound(name: string, registryId: string): EcrError {
  return new EcrError('RepositoryPolicyNotFoundException',
    `Repository policy does not exist for the repository with name '${name}' in the registry with id '${registryId}'`);
}

export function scanNotFound(id: { imageDigest?: string; imageTag?: string }, name: string, registryId: string): EcrError {
  return new EcrError('ScanNotFoundException',
    `Image scan does not exist for the image with '${describeImageId(id)}' in the repository with name '${name}' in the registry with id '${registryId}'`);
}

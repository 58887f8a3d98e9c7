// The ECR JSON API's error type and the exact message texts ECR uses (ECR.md §2.2).

/**
 * An error answered as `{"__type","message", ...fields}`: HTTP 400, or 500 for ServerException.
 * `fields` are the exception's other modelled members (InvalidLayerPartException's uploadId...).
 */
export class EcrError extends Error {
  constructor(readonly type: string, message: string, readonly fields: Readonly<Record<string, unknown>> = {}) {
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

/**
 * A member of the wrong JSON type, as AWS's JSON 1.1 front end words it. The two `Start of`
 * texts are seen from AWS JSON services; the `… can not be converted to …` ones follow the same
 * deserializer's wording for scalars (UNVERIFIED for ECR).
 */
export function wrongType(value: unknown, expected: 'String' | 'Integer' | 'Long' | 'Boolean' | 'Blob' | 'List' | 'Structure'): EcrError {
  const text = (kind: string) => `${kind} can not be converted to ${/^[AEIOU]/.test(expected) ? 'an' : 'a'} ${expected}`;
  let message: string;
  if (Array.isArray(value)) message = 'Start of list found where not expected';
  else if (typeof value === 'object' && value !== null) message = 'Start of structure or map found where not expected.';
  else if (typeof value === 'number') message = expected === 'String' ? 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String' : text('NUMBER_VALUE');
  else if (typeof value === 'boolean') message = text('BOOLEAN_VALUE');
  else message = text('STRING_VALUE');
  return new EcrError('SerializationException', message);
}

// Server-side validation of ECR request members (ECR.md §2.0): the clients check almost
// nothing, so every pattern, enum and length rule is enforced here.
import { EcrError, invalidParameter, wrongType } from './errors.js';

export type Input = Readonly<Record<string, unknown>>;

/** What ECR quotes in its message for a bad repository name (the old regex, still used). */
export const REPOSITORY_NAME_QUOTED = '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*';
const COMPONENT = '[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*';
const REPOSITORY_NAME = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
const IMAGE_TAG = /^[a-zA-Z0-9-_.]+$/;
const DIGEST = /^[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+$/;

export interface ImageId {
  readonly imageDigest?: string;
  readonly imageTag?: string;
}

export function optionalString(input: Input, member: string): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw wrongType(value, 'String');
  return value;
}

export function requiredString(input: Input, member: string): string {
  const value = optionalString(input, member);
  if (value === undefined) throw invalidParameter(member, 'Member must not be null');
  return value;
}

export function checkLength(member: string, value: { readonly length: number }, min: number, max: number): void {
  if (value.length < min) throw invalidParameter(member, `Member must have length greater than or equal to ${min}`);
  if (value.length > max) throw invalidParameter(member, `Member must have length less than or equal to ${max}`);
}

/** A repository name: 2–256 characters matching ECR's pattern. */
export function repositoryName(input: Input, member = 'repositoryName'): string {
  const name = requiredString(input, member);
  checkLength(member, name, 2, 256);
  if (!REPOSITORY_NAME.test(name)) throw invalidParameter(member, `must satisfy regular expression '${REPOSITORY_NAME_QUOTED}'`);
  return name;
}

/** The registry id to use: the one given (12 digits) or the caller's account. */
export function registryId(input: Input, account: string): string {
  const id = optionalString(input, 'registryId');
  if (id === undefined) return account;
  if (!/^[0-9]{12}$/.test(id)) throw invalidParameter('registryId', 'must satisfy regular expression [0-9]{12}');
  return id;
}

export function enumValue<T extends string>(input: Input, member: string, values: readonly T[]): T | undefined {
  const value = optionalString(input, member);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) {
    throw invalidParameter(member, `Member must satisfy enum value set: [${values.join(', ')}]`);
  }
  return value as T;
}

export function imageTag(value: string, member = 'imageTag'): string {
  checkLength(member, value, 1, 300);
  if (!IMAGE_TAG.test(value)) throw invalidParameter(member, "must satisfy regular expression '[a-zA-Z0-9-_.]+'");
  return value;
}

export function imageDigest(value: string, member = 'imageDigest'): string {
  if (!DIGEST.test(value)) throw invalidParameter(member, "must satisfy regular expression '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'");
  return value;
}

export function imageId(value: unknown, member = 'imageId'): ImageId {
  if (value === undefined || value === null) throw invalidParameter(member, 'Member must not be null');
  if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(value, 'Structure');
  const id = value as Input;
  const digest = optionalString(id, 'imageDigest');
  const tag = optionalString(id, 'imageTag');
  return {
    ...(digest !== undefined ? { imageDigest: imageDigest(digest, `${member}.imageDigest`) } : {}),
    ...(tag !== undefined ? { imageTag: imageTag(tag, `${member}.imageTag`) } : {}),
  };
}

/** A list of image ids, 1–100 entries (entries are checked by the caller: failures, not errors). */
export function imageIdList(input: Input, required: boolean): unknown[] | undefined {
  const list = input.imageIds;
  if (list === undefined || list === null) {
    if (required) throw invalidParameter('imageIds', 'Member must not be null');
    return undefined;
  }
  if (!Array.isArray(list)) throw wrongType(list, 'List');
  checkLength('imageIds', list, 1, 100);
  return list;
}

export function maxResults(input: Input, max: number): number | undefined {
  const value = input.maxResults;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(value, 'Integer');
  if (value < 1) throw invalidParameter('maxResults', 'Member must have value greater than or equal to 1');
  if (value > max) throw invalidParameter('maxResults', `Member must have value less than or equal to ${max}`);
  return value;
}

export function optionalBoolean(input: Input, member: string): boolean | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw wrongType(value, 'Boolean');
  return value;
}

export function optionalObject(input: Input, member: string): Input | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(value, 'Structure');
  return value as Input;
}

/** A nested structure (a list entry, a member of a member): an object, else SerializationException. */
export function structureValue(value: unknown, member: string): Input {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EcrError('SerializationException', `Unexpected value type for '${member}'`);
  }
  return value as Input;
}

/** A nested list (absent: undefined); a value that is no list is a SerializationException. */
export function listValue(value: unknown, member: string): unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new EcrError('SerializationException', `Unexpected value type for '${member}'`);
  return value;
}

/** A list member (absent: undefined); its entries are the caller's to check. */
export function optionalList(input: Input, member: string, min: number, max: number): readonly unknown[] | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw wrongType(value, 'List');
  checkLength(member, value, min, max);
  return value;
}

export function requiredList(input: Input, member: string, min: number, max: number): readonly unknown[] {
  const list = optionalList(input, member, min, max);
  if (list === undefined) throw invalidParameter(member, 'Member must not be null');
  return list;
}

/** A list of strings; a non-string entry is the wrong JSON type. */
export function stringList(input: Input, member: string, min: number, max: number): readonly string[] | undefined {
  const list = optionalList(input, member, min, max);
  for (const entry of list ?? []) if (typeof entry !== 'string') throw wrongType(entry, 'String');
  return list as readonly string[] | undefined;
}

export function requiredStringList(input: Input, member: string, min: number, max: number): readonly string[] {
  const list = stringList(input, member, min, max);
  if (list === undefined) throw invalidParameter(member, 'Member must not be null');
  return list;
}

/** A required `long` member of at least `min`. */
export function requiredLong(input: Input, member: string, min: number): number {
  const value = input[member];
  if (value === undefined || value === null) throw invalidParameter(member, 'Member must not be null');
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw wrongType(value, 'Long');
  if (value < min) throw invalidParameter(member, `Member must have value greater than or equal to ${min}`);
  return value;
}

/** A required blob member: base64 in JSON 1.1, decoded here, of `min`–`max` bytes. */
export function requiredBlob(input: Input, member: string, min: number, max: number): Buffer {
  const value = input[member];
  if (value === undefined || value === null) throw invalidParameter(member, 'Member must not be null');
  if (typeof value !== 'string') throw wrongType(value, 'Blob');
  // UNVERIFIED: AWS's wording for a blob that is not base64.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 === 1) throw new EcrError('SerializationException', `Base64 encoded value for '${member}' is not valid`);
  const bytes = Buffer.from(value, 'base64');
  checkLength(member, bytes, min, max);
  return bytes;
}

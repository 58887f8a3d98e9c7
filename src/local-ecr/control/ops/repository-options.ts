// A repository's tag mutability (with exclusion filters) and encryption settings as
// CreateRepository and PutImageTagMutability take them: ECR's validation, and the AWS managed
// KMS key that KMS encryption without a key gets.
import { createHash } from 'node:crypto';
import type { RepositoryRecord, TagMutability, TagMutabilityFilter } from '../../store/types.js';
import { EcrError, invalidParameter, wrongType } from '../errors.js';
import { checkLength, enumValue, optionalObject, optionalString, requiredString, type Input } from '../validate.js';

/** The model's ImageTagMutability enum, in its order. */
const MUTABILITY = ['MUTABLE', 'IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION', 'MUTABLE_WITH_EXCLUSION'] as const;
const WITH_EXCLUSION: readonly TagMutability[] = ['IMMUTABLE_WITH_EXCLUSION', 'MUTABLE_WITH_EXCLUSION'];
const ENCRYPTION = ['AES256', 'KMS', 'KMS_DSSE'] as const;
const FILTER = /^[0-9a-zA-Z._*-]{1,128}$/;
const MEMBER = 'imageTagMutabilityExclusionFilters';

export type EncryptionType = (typeof ENCRYPTION)[number];

export interface TagMutabilitySetting {
  readonly imageTagMutability: TagMutability;
  readonly imageTagMutabilityExclusionFilters?: readonly TagMutabilityFilter[];
}

function filterList(input: Input): TagMutabilityFilter[] | undefined {
  const list = input[MEMBER];
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list)) throw wrongType(list, 'List');
  checkLength(MEMBER, list, 1, 5);
  return list.map((raw: unknown, i) => {
    const at = `${MEMBER}.${i + 1}.member`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw wrongType(raw, 'Structure');
    const entry = raw as Input;
    const filterType = enumValue(entry, 'filterType', ['WILDCARD'] as const);
    if (!filterType) throw invalidParameter(`${at}.filterType`, 'Member must not be null');
    const filter = requiredString(entry, 'filter');
    checkLength(`${at}.filter`, filter, 1, 128);
    if (!FILTER.test(filter)) throw invalidParameter(`${at}.filter`, "must satisfy regular expression '^[0-9a-zA-Z._*-]{1,128}$'");
    // "max 2 wildcards" per filter, as terraform-provider-aws#43642 validates from AWS's guide (UNVERIFIED text).
    if (filter.split('*').length - 1 > 2) throw invalidParameter(`${at}.filter`, 'A filter can contain at most 2 wildcards');
    return { filterType, filter };
  });
}

/**
 * imageTagMutability (default MUTABLE when `required` is false) and its exclusion filters:
 * required with the *_WITH_EXCLUSION settings, refused with the others.
 */
export function tagMutabilitySetting(input: Input, required: boolean): TagMutabilitySetting {
  const given = enumValue(input, 'imageTagMutability', MUTABILITY);
  if (!given && required) throw invalidParameter('imageTagMutability', 'Member must not be null');
  const imageTagMutability = given ?? 'MUTABLE';
  const filters = filterList(input);
  if (WITH_EXCLUSION.includes(imageTagMutability) && !filters) {
    // ECR's text (aws/aws-cdk#35246, a CloudFormation deployment error).
    throw invalidParameter(MEMBER, `ImageTagMutabilityExclusionFilters can't be null when imageTagMutability is set as ${imageTagMutability}`);
  }
  if (!WITH_EXCLUSION.includes(imageTagMutability) && filters) {
    // UNVERIFIED: ECR's text for filters with MUTABLE or IMMUTABLE.
    throw invalidParameter(MEMBER, `ImageTagMutabilityExclusionFilters must be null when imageTagMutability is set as ${imageTagMutability}`);
  }
  return { imageTagMutability, ...(filters ? { imageTagMutabilityExclusionFilters: filters } : {}) };
}

/**
 * The AWS managed key `aws/ecr` of this account and region: one stable key id per pair, as on
 * AWS (where KMS creates it on first use). Simulated: no KMS runs here.
 */
export function awsManagedKeyArn(region: string, account: string): string {
  const h = createHash('sha256').update(`aws/ecr:${account}:${region}`).digest('hex');
  const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  return `arn:aws:kms:${region}:${account}:key/${id}`;
}

export interface EncryptionSetting {
  readonly encryptionType: EncryptionType;
  readonly kmsKey?: string;
}

/** encryptionConfiguration: AES256 by default; KMS and KMS_DSSE without a key get the AWS managed key. */
export function encryptionSetting(input: Input, region: string, account: string): EncryptionSetting {
  const config = optionalObject(input, 'encryptionConfiguration');
  if (!config) return { encryptionType: 'AES256' };
  const encryptionType = enumValue(config, 'encryptionType', ENCRYPTION);
  if (!encryptionType) throw invalidParameter('encryptionConfiguration.encryptionType', 'Member must not be null');
  const kmsKey = optionalString(config, 'kmsKey');
  if (kmsKey !== undefined) checkLength('encryptionConfiguration.kmsKey', kmsKey, 1, 2048);
  if (encryptionType === 'AES256') {
    if (kmsKey !== undefined) throw new EcrError('InvalidParameterException', 'Invalid parameter: kmsKey can only be specified when encryptionType is KMS');
    return { encryptionType };
  }
  return { encryptionType, kmsKey: kmsKey ?? awsManagedKeyArn(region, account) };
}

/** The Repository shape's mutability members. */
export function mutabilityJson(record: Pick<RepositoryRecord, 'imageTagMutability' | 'imageTagMutabilityExclusionFilters'>): Record<string, unknown> {
  return {
    imageTagMutability: record.imageTagMutability,
    ...(record.imageTagMutabilityExclusionFilters?.length ? { imageTagMutabilityExclusionFilters: record.imageTagMutabilityExclusionFilters } : {}),
  };
}

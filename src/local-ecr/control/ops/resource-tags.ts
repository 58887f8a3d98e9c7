// Resource tags (TagResource, UntagResource, ListTagsForResource, and tags on CreateRepository).
import { repositoryArn } from '../../iam/arn.js';
import type { ResourceTag } from '../../store/types.js';
import { namedRepositoryArn, type Call, type Operation } from '../call.js';
import { EcrError, invalidParameter, repositoryNotFound, wrongType } from '../errors.js';
import { requiredList, requiredString, requiredStringList } from '../validate.js';

const MAX_TAGS = 50;

/**
 * Validates a `tags` list ([{Key, Value}]): both members required, key 1–128, value 0–256
 * characters (the model's Tag documentation). UNVERIFIED: the member path ECR names for a
 * missing Key or Value.
 */
export function parseTags(value: unknown): ResourceTag[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw wrongType(value, 'List');
  return value.map((tag: unknown, i) => {
    if (typeof tag !== 'object' || tag === null || Array.isArray(tag)) throw wrongType(tag, 'Structure');
    const { Key, Value } = tag as { Key?: unknown; Value?: unknown };
    for (const [member, v] of [['Key', Key], ['Value', Value]] as const) {
      if (v === undefined || v === null) throw invalidParameter(`tags.${i + 1}.member.${member}`, 'Member must not be null');
      if (typeof v !== 'string') throw wrongType(v, 'String');
    }
    const [key, text] = [Key as string, Value as string];
    if (key.length < 1 || key.length > 128) throw new EcrError('InvalidTagParameterException', 'Tag keys must be between 1 and 128 characters long.');
    if (key.startsWith('aws:')) throw new EcrError('InvalidTagParameterException', "Tag keys may not start with 'aws:'.");
    if (text.length > 256) throw new EcrError('InvalidTagParameterException', 'Tag values must be between 0 and 256 characters long.');
    return { Key: key, Value: text };
  });
}

/** Merges tags by key (later wins); more than 50 in the result is TooManyTagsException. */
export function mergeTags(existing: readonly ResourceTag[], added: readonly ResourceTag[]): ResourceTag[] {
  const byKey = new Map(existing.map((t) => [t.Key, t]));
  for (const tag of added) byKey.set(tag.Key, tag);
  if (byKey.size > MAX_TAGS) throw new EcrError('TooManyTagsException', `The number of tags exceeds the limit of ${MAX_TAGS} tags per resource.`);
  return [...byKey.values()];
}

function resourceArnOf(call: Call): string {
  return typeof call.input.resourceArn === 'string' ? call.input.resourceArn : namedRepositoryArn(call);
}

/** The repository behind `resourceArn`, which must be in this region and account. */
function taggedRepository(call: Call) {
  const arn = requiredString(call.input, 'resourceArn');
  const { region, account } = call.ctx.config;
  const m = /^arn:aws:ecr:([^:]+):(\d{12}):repository\/(.+)$/.exec(arn);
  // UNVERIFIED: ECR's constraint text for an ARN that is not a repository ARN.
  if (!m) throw invalidParameter('resourceArn', 'Invalid parameter at resourceArn');
  const [, arnRegion, arnAccount, name] = m;
  const record = arnRegion === region && arnAccount === account ? call.ctx.store.getRepository(name) : undefined;
  if (!record || repositoryArn(region, account, name) !== arn) throw repositoryNotFound(name, arnAccount);
  return record;
}

export const TagResource: Operation = {
  resource: resourceArnOf,
  async run(call) {
    const added = parseTags(requiredList(call.input, 'tags', 0, Number.MAX_SAFE_INTEGER));
    const record = taggedRepository(call);
    const tags = mergeTags(record.tags, added);
    await call.ctx.store.updateRepository(record.name, (r) => ({ ...r, tags }));
    return {};
  },
};

export const UntagResource: Operation = {
  resource: resourceArnOf,
  async run(call) {
    const keys = requiredStringList(call.input, 'tagKeys', 0, Number.MAX_SAFE_INTEGER);
    const record = taggedRepository(call);
    await call.ctx.store.updateRepository(record.name, (r) => ({ ...r, tags: record.tags.filter((t) => !keys.includes(t.Key)) }));
    return {};
  },
};

export const ListTagsForResource: Operation = {
  resource: resourceArnOf,
  async run(call) {
    return { tags: taggedRepository(call).tags };
  },
};

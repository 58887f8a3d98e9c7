// Resource tags (TagResource, UntagResource, ListTagsForResource, and tags on CreateRepository).
import { repositoryArn } from '../../iam/arn.js';
import type { ResourceTag } from '../../store/types.js';
import { namedRepositoryArn, type Call, type Operation } from '../call.js';
import { EcrError, invalidParameter, repositoryNotFound } from '../errors.js';
import { requiredString } from '../validate.js';

const MAX_TAGS = 50;

/** Validates a `tags` list ([{Key, Value}]): key 1–128, value 0–256 characters. */
export function parseTags(value: unknown): ResourceTag[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new EcrError('InvalidTagParameterException', 'Tags must be a list of {Key, Value}');
  return value.map((tag: unknown) => {
    const { Key, Value } = (tag ?? {}) as { Key?: unknown; Value?: unknown };
    if (typeof Key !== 'string' || Key.length < 1 || Key.length > 128) {
      throw new EcrError('InvalidTagParameterException', 'Tag keys must be between 1 and 128 characters long.');
    }
    if (Key.startsWith('aws:')) throw new EcrError('InvalidTagParameterException', "Tag keys may not start with 'aws:'.");
    if (typeof Value !== 'string' || Value.length > 256) {
      throw new EcrError('InvalidTagParameterException', 'Tag values must be between 0 and 256 characters long.');
    }
    return { Key, Value };
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
  if (!m) throw invalidParameter('resourceArn', 'Invalid parameter at resourceArn');
  const [, arnRegion, arnAccount, name] = m;
  const record = arnRegion === region && arnAccount === account ? call.ctx.store.getRepository(name) : undefined;
  if (!record || repositoryArn(region, account, name) !== arn) throw repositoryNotFound(name, arnAccount);
  return record;
}

export const TagResource: Operation = {
  resource: resourceArnOf,
  async run(call) {
    const record = taggedRepository(call);
    const tags = mergeTags(record.tags, parseTags(call.input.tags ?? []));
    await call.ctx.store.putRepository({ ...record, tags });
    return {};
  },
};

export const UntagResource: Operation = {
  resource: resourceArnOf,
  async run(call) {
    const record = taggedRepository(call);
    const keys = call.input.tagKeys;
    if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string')) throw invalidParameter('tagKeys', 'Member must not be null');
    await call.ctx.store.putRepository({ ...record, tags: record.tags.filter((t) => !keys.includes(t.Key)) });
    return {};
  },
};

export const ListTagsForResource: Operation = {
  resource: resourceArnOf,
  async run(call) {
    return { tags: taggedRepository(call).tags };
  },
};

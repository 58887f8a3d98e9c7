// Repository operations: Create, Describe, Delete, PutImageTagMutability, PutImageScanningConfiguration.
import { authorizeCall } from '../../access.js';
import { repositoryArn } from '../../iam/arn.js';
import type { RepositoryRecord } from '../../store/types.js';
import { existingRepository, namedRepositoryArn, repositoryUri, type Call, type Operation } from '../call.js';
import { EcrError, invalidParameter, repositoryAlreadyExists, repositoryNotEmpty, repositoryNotFound } from '../errors.js';
import { paginate } from '../paginate.js';
import {
  checkLength, enumValue, maxResults, optionalBoolean, optionalObject, optionalString, registryId, repositoryName,
} from '../validate.js';
import { parseTags, mergeTags } from './resource-tags.js';

const MUTABILITY = ['MUTABLE', 'IMMUTABLE'] as const;
const ENCRYPTION = ['AES256', 'KMS'] as const;

/** A repository as the API returns it. */
export function repositoryJson(call: Call, record: RepositoryRecord): Record<string, unknown> {
  const { region, account } = call.ctx.config;
  return {
    repositoryArn: repositoryArn(region, account, record.name),
    registryId: account,
    repositoryName: record.name,
    repositoryUri: repositoryUri(call, record.name),
    createdAt: record.createdAt,
    imageTagMutability: record.imageTagMutability,
    imageScanningConfiguration: { scanOnPush: record.scanOnPush },
    encryptionConfiguration: { encryptionType: record.encryptionType, ...(record.kmsKey ? { kmsKey: record.kmsKey } : {}) },
  };
}

export const CreateRepository: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const { input, ctx } = call;
    const name = repositoryName(input);
    const registry = registryId(input, ctx.config.account);
    if (registry !== ctx.config.account) {
      const arn = repositoryArn(ctx.config.region, registry, name);
      throw new EcrError('AccessDeniedException', `User: ${call.identity.arn} is not authorized to perform: ecr:CreateRepository on resource: ${arn} because no resource-based policy allows the ecr:CreateRepository action`);
    }
    const mutability = enumValue(input, 'imageTagMutability', MUTABILITY) ?? 'MUTABLE';
    const scanOnPush = optionalBoolean(optionalObject(input, 'imageScanningConfiguration') ?? {}, 'scanOnPush') ?? false;
    const encryption = optionalObject(input, 'encryptionConfiguration') ?? {};
    const encryptionType = enumValue(encryption, 'encryptionType', ENCRYPTION) ?? 'AES256';
    const kmsKey = optionalString(encryption, 'kmsKey');
    if (kmsKey !== undefined && encryptionType !== 'KMS') {
      throw new EcrError('InvalidParameterException', 'Invalid parameter: kmsKey can only be specified when encryptionType is KMS');
    }
    const tags = mergeTags([], parseTags(input.tags));
    if (ctx.store.getRepository(name)) throw repositoryAlreadyExists(name, registry);
    // Tagging on create needs ecr:TagResource as well, as on AWS.
    const tagDenial = tags.length ? await authorizeCall(ctx, call.identity, 'ecr:TagResource', repositoryArn(ctx.config.region, registry, name)) : undefined;
    if (tagDenial) throw new EcrError('AccessDeniedException', tagDenial);
    const record: RepositoryRecord = {
      name, createdAt: call.now, imageTagMutability: mutability, scanOnPush, encryptionType, tags,
      ...(kmsKey !== undefined ? { kmsKey } : {}),
    };
    await ctx.store.putRepository(record);
    return { repository: repositoryJson(call, record) };
  },
};

export const DescribeRepositories: Operation = {
  resource: (call) => repositoryArn(call.ctx.config.region, call.ctx.config.account, '*'),
  async run(call) {
    const { input, ctx } = call;
    const registry = registryId(input, ctx.config.account);
    const max = maxResults(input, 1000);
    const nextToken = optionalString(input, 'nextToken');
    const names = input.repositoryNames;
    let records: RepositoryRecord[];
    if (names !== undefined && names !== null) {
      if (!Array.isArray(names)) throw invalidParameter('repositoryNames', 'Member must not be null');
      checkLength('repositoryNames', names, 1, 100);
      if (nextToken !== undefined || max !== undefined) {
        throw invalidParameter('nextToken', 'nextToken and maxResults cannot be used together with repositoryNames');
      }
      records = names.map((n: unknown) => {
        const name = repositoryName({ repositoryNames: n }, 'repositoryNames');
        const record = registry === ctx.config.account ? ctx.store.getRepository(name) : undefined;
        if (!record) throw repositoryNotFound(name, registry);
        return record;
      });
    } else {
      records = registry === ctx.config.account ? [...ctx.store.listRepositories()] : [];
      records.sort((a, b) => a.createdAt - b.createdAt || a.name.localeCompare(b.name));
    }
    const page = paginate(records, nextToken, max);
    return { repositories: page.items.map((r) => repositoryJson(call, r)), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
  },
};

export const DeleteRepository: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const repo = existingRepository(call);
    const force = optionalBoolean(call.input, 'force') ?? false;
    if (!force && call.ctx.store.listImages(repo.name).length > 0) throw repositoryNotEmpty(repo.name, repo.registryId);
    await call.ctx.store.deleteRepository(repo.name);
    return { repository: repositoryJson(call, repo.record) };
  },
};

export const PutImageTagMutability: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const repo = existingRepository(call);
    const mutability = enumValue(call.input, 'imageTagMutability', MUTABILITY);
    if (!mutability) throw invalidParameter('imageTagMutability', 'Member must not be null');
    await call.ctx.store.putRepository({ ...repo.record, imageTagMutability: mutability });
    return { registryId: repo.registryId, repositoryName: repo.name, imageTagMutability: mutability };
  },
};

export const PutImageScanningConfiguration: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const repo = existingRepository(call);
    const config = optionalObject(call.input, 'imageScanningConfiguration');
    if (!config) throw invalidParameter('imageScanningConfiguration', 'Member must not be null');
    const scanOnPush = optionalBoolean(config, 'scanOnPush') ?? false;
    await call.ctx.store.putRepository({ ...repo.record, scanOnPush });
    return { registryId: repo.registryId, repositoryName: repo.name, imageScanningConfiguration: { scanOnPush } };
  },
};

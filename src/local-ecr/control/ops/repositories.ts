// Repository operations: Create, Describe, Delete, PutImageTagMutability, PutImageScanningConfiguration.
// Tag mutability and encryption options are read by ./repository-options.ts.
import { authorizeCall } from '../../access.js';
import { repositoryArn } from '../../iam/arn.js';
import type { RepositoryRecord } from '../../store/types.js';
import { existingRepository, namedRepositoryArn, repositoryUri, type Call, type Operation } from '../call.js';
import { EcrError, invalidParameter, repositoryAlreadyExists, repositoryNotEmpty, repositoryNotFound } from '../errors.js';
import { paginate } from '../paginate.js';
import {
  checkLength, maxResults, optionalBoolean, optionalObject, optionalString, registryId, repositoryName,
} from '../validate.js';
import { encryptionSetting, mutabilityJson, tagMutabilitySetting } from './repository-options.js';
import { parseTags, mergeTags } from './resource-tags.js';

/** A repository as the API returns it. */
export function repositoryJson(call: Call, record: RepositoryRecord): Record<string, unknown> {
  const { region, account } = call.ctx.config;
  return {
    repositoryArn: repositoryArn(region, account, record.name),
    registryId: account,
    repositoryName: record.name,
    repositoryUri: repositoryUri(call, record.name),
    createdAt: record.createdAt,
    ...mutabilityJson(record),
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
    const mutability = tagMutabilitySetting(input, false);
    const scanOnPush = optionalBoolean(optionalObject(input, 'imageScanningConfiguration') ?? {}, 'scanOnPush') ?? false;
    const { encryptionType, kmsKey } = encryptionSetting(input, ctx.config.region, ctx.config.account);
    const tags = mergeTags([], parseTags(input.tags));
    if (ctx.store.getRepository(name)) throw repositoryAlreadyExists(name, registry);
    // Tagging on create needs ecr:TagResource as well, as on AWS.
    const tagDenial = tags.length ? await authorizeCall(ctx, call.identity, 'ecr:TagResource', repositoryArn(ctx.config.region, registry, name)) : undefined;
    if (tagDenial) throw new EcrError('AccessDeniedException', tagDenial);
    const record: RepositoryRecord = {
      name, createdAt: call.now, ...mutability, scanOnPush, tags,
      // KMS_DSSE: the store's type lags the model (reported to the lead); the record keeps it as given.
      encryptionType: encryptionType as RepositoryRecord['encryptionType'],
      ...(kmsKey !== undefined ? { kmsKey } : {}),
    };
    // Checked again in the store's atomic step: of parallel creates of one name, one wins.
    if (!await ctx.store.createRepository(record)) throw repositoryAlreadyExists(name, registry);
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
    const setting = tagMutabilitySetting(call.input, true);
    const record = await call.ctx.store.updateRepository(repo.name, (current) => {
      const { imageTagMutabilityExclusionFilters: _old, ...rest } = current;
      return { ...rest, ...setting };
    });
    return { registryId: repo.registryId, repositoryName: repo.name, ...mutabilityJson(record) };
  },
};

export const PutImageScanningConfiguration: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const repo = existingRepository(call);
    const config = optionalObject(call.input, 'imageScanningConfiguration');
    if (!config) throw invalidParameter('imageScanningConfiguration', 'Member must not be null');
    const scanOnPush = optionalBoolean(config, 'scanOnPush') ?? false;
    await call.ctx.store.updateRepository(repo.record.name, (r) => ({ ...r, scanOnPush }));
    return { registryId: repo.registryId, repositoryName: repo.name, imageScanningConfiguration: { scanOnPush } };
  },
};

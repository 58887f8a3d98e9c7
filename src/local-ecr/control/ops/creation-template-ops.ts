// Repository creation templates: Create/Describe/Update/DeleteRepositoryCreationTemplate. The
// templates are applied by ../../creation-templates.ts when ECR creates a repository itself.
import { parseLifecyclePolicy } from '../../lifecycle.js';
import {
  APPLIED_FOR, TEMPLATES_SECTION, listTemplates, type AppliedFor, type CreationTemplate, type TemplatesSection,
} from '../../creation-templates.js';
import type { Call, Operation } from '../call.js';
import { EcrError, invalidParameter } from '../errors.js';
import { paginate } from '../paginate.js';
import { checkLength, enumValue, maxResults, optionalObject, optionalString, requiredString, type Input } from '../validate.js';
import { tagMutabilitySetting } from './repository-options.js';
import { mergeTags, parseTags } from './resource-tags.js';
import { iamPolicy } from '../../iam/cloud-copilot.js';

const PREFIX_PATTERN = '^([a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*\\/?|ROOT)$';
const PREFIX = new RegExp(PREFIX_PATTERN);
const ENCRYPTION = ['AES256', 'KMS', 'KMS_DSSE'] as const;
const KMS_KEY = /^$|arn:aws[a-z0-9-]*:kms:[a-z0-9-]+:[0-9]{12}:key\/[a-z0-9-]+/;

function templatePrefix(input: Input, member = 'prefix'): string {
  const prefix = requiredString(input, member);
  checkLength(member, prefix, 1, 256);
  if (!PREFIX.test(prefix)) throw invalidParameter(member, `must satisfy regular expression '${PREFIX_PATTERN}'`);
  return prefix;
}

// UNVERIFIED: the texts of the two template exceptions (types and meaning are the model's).
function templateNotFound(prefix: string, registry: string): EcrError {
  return new EcrError('TemplateNotFoundException', `The repository creation template with prefix '${prefix}' does not exist in the registry with id '${registry}'`);
}

function appliedFor(input: Input, required: boolean): AppliedFor[] | undefined {
  const list = input.appliedFor;
  if (list === undefined || list === null) {
    if (required) throw invalidParameter('appliedFor', 'Member must not be null');
    return undefined;
  }
  if (!Array.isArray(list)) throw new EcrError('SerializationException', "Unexpected value type for 'appliedFor'");
  if (list.length === 0) throw invalidParameter('appliedFor', 'Member must have length greater than or equal to 1'); // UNVERIFIED
  return [...new Set(list.map((v: unknown) => enumValue({ appliedFor: v }, 'appliedFor', APPLIED_FOR) as AppliedFor))];
}

function encryption(input: Input): CreationTemplate['encryptionConfiguration'] {
  const config = optionalObject(input, 'encryptionConfiguration');
  if (!config) return undefined;
  const encryptionType = enumValue(config, 'encryptionType', ENCRYPTION);
  if (!encryptionType) throw invalidParameter('encryptionConfiguration.encryptionType', 'Member must not be null');
  const kmsKey = optionalString(config, 'kmsKey');
  if (kmsKey !== undefined) {
    checkLength('encryptionConfiguration.kmsKey', kmsKey, 0, 2048);
    if (!KMS_KEY.test(kmsKey)) throw invalidParameter('encryptionConfiguration.kmsKey', "must satisfy regular expression '^$|arn:aws[a-z0-9-]*:kms:[a-z0-9-]+:[0-9]{12}:key\\/[a-z0-9-]+'");
    if (kmsKey !== '' && encryptionType === 'AES256') {
      throw new EcrError('InvalidParameterException', 'Invalid parameter: kmsKey can only be specified when encryptionType is KMS');
    }
  }
  return { encryptionType, ...(kmsKey ? { kmsKey } : {}) };
}

async function repositoryPolicy(input: Input): Promise<string | undefined> {
  const text = optionalString(input, 'repositoryPolicy');
  if (text === undefined || text === '') return text;
  checkLength('repositoryPolicy', text, 0, 10240);
  let policy: unknown;
  try { policy = JSON.parse(text); } catch { policy = undefined; }
  const { validateResourcePolicy } = iamPolicy();
  if (typeof policy !== 'object' || policy === null || validateResourcePolicy(policy).length > 0) {
    throw invalidParameter('repositoryPolicy', 'Invalid repository policy provided');
  }
  return text;
}

function lifecyclePolicy(input: Input): string | undefined {
  const text = optionalString(input, 'lifecyclePolicy');
  if (text === undefined || text === '') return text;
  checkLength('lifecyclePolicy', text, 0, 30720);
  const parsed = parseLifecyclePolicy(text);
  if (!parsed.ok) throw invalidParameter('LifecyclePolicyText', `Lifecycle policy validation failure: ${parsed.reason}`);
  return JSON.stringify(JSON.parse(text));
}

function description(input: Input): string | undefined {
  const text = optionalString(input, 'description');
  if (text !== undefined) checkLength('description', text, 0, 256);
  return text;
}

function customRole(input: Input): string | undefined {
  const arn = optionalString(input, 'customRoleArn');
  if (arn !== undefined) checkLength('customRoleArn', arn, 0, 2048);
  return arn;
}

/** The template's members as sent, merged over `base` (an update keeps what it does not name). */
async function templateFrom(input: Input, base: CreationTemplate): Promise<CreationTemplate> {
  // The same rule as CreateRepository's; an update that names neither member keeps both.
  const namesMutability = input.imageTagMutability != null || input.imageTagMutabilityExclusionFilters != null;
  const mutability = namesMutability
    ? tagMutabilitySetting({ ...input, imageTagMutability: input.imageTagMutability ?? base.imageTagMutability }, false)
    : { imageTagMutability: base.imageTagMutability, imageTagMutabilityExclusionFilters: base.imageTagMutabilityExclusionFilters };
  const tags = input.resourceTags !== undefined && input.resourceTags !== null ? mergeTags([], parseTags(input.resourceTags)) : undefined;
  const pick = <T>(value: T | undefined, old: T | undefined): T | undefined => value !== undefined ? value : old;
  const next: CreationTemplate = {
    ...base,
    imageTagMutability: mutability.imageTagMutability,
    resourceTags: tags ?? base.resourceTags,
    appliedFor: appliedFor(input, false) ?? base.appliedFor,
    description: pick(description(input), base.description),
    encryptionConfiguration: pick(encryption(input), base.encryptionConfiguration),
    repositoryPolicy: pick(await repositoryPolicy(input), base.repositoryPolicy),
    lifecyclePolicy: pick(lifecyclePolicy(input), base.lifecyclePolicy),
    customRoleArn: pick(customRole(input), base.customRoleArn),
    imageTagMutabilityExclusionFilters: mutability.imageTagMutabilityExclusionFilters,
  };
  return Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) as unknown as CreationTemplate;
}

/** A template as the API returns it. */
function templateJson(t: CreationTemplate): Record<string, unknown> {
  return {
    prefix: t.prefix,
    ...(t.description !== undefined ? { description: t.description } : {}),
    encryptionConfiguration: t.encryptionConfiguration ?? { encryptionType: 'AES256' },
    resourceTags: t.resourceTags,
    imageTagMutability: t.imageTagMutability,
    ...(t.imageTagMutabilityExclusionFilters ? { imageTagMutabilityExclusionFilters: t.imageTagMutabilityExclusionFilters } : {}),
    ...(t.repositoryPolicy !== undefined ? { repositoryPolicy: t.repositoryPolicy } : {}),
    ...(t.lifecyclePolicy !== undefined ? { lifecyclePolicy: t.lifecyclePolicy } : {}),
    appliedFor: t.appliedFor,
    ...(t.customRoleArn !== undefined ? { customRoleArn: t.customRoleArn } : {}),
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

function account(call: Call): string {
  return call.ctx.config.account;
}

const CreateRepositoryCreationTemplate: Operation = {
  resource: () => '*',
  async run(call) {
    const { input, ctx } = call;
    const prefix = templatePrefix(input);
    const applied = appliedFor(input, true) as AppliedFor[];
    const base: CreationTemplate = {
      prefix, resourceTags: [], imageTagMutability: 'MUTABLE', appliedFor: applied, createdAt: call.now, updatedAt: call.now,
    };
    const template = await templateFrom(input, base);
    await ctx.registry.update<TemplatesSection>(TEMPLATES_SECTION, (current = {}) => {
      if (Object.hasOwn(current, prefix)) {
        throw new EcrError('TemplateAlreadyExistsException', `The repository creation template with prefix '${prefix}' already exists in the registry with id '${account(call)}'`); // UNVERIFIED text
      }
      return { ...current, [prefix]: template };
    });
    return { registryId: account(call), repositoryCreationTemplate: templateJson(template) };
  },
};

const DescribeRepositoryCreationTemplates: Operation = {
  resource: () => '*',
  async run(call) {
    const { input, ctx } = call;
    const max = maxResults(input, 1000);
    const nextToken = optionalString(input, 'nextToken');
    const prefixes = input.prefixes;
    let templates = [...listTemplates(ctx)].sort((a, b) => a.createdAt - b.createdAt || a.prefix.localeCompare(b.prefix));
    if (prefixes !== undefined && prefixes !== null) {
      if (!Array.isArray(prefixes)) throw new EcrError('SerializationException', "Unexpected value type for 'prefixes'");
      const wanted = new Set(prefixes.map((p: unknown) => templatePrefix({ prefixes: p }, 'prefixes')));
      templates = templates.filter((t) => wanted.has(t.prefix));
    }
    const page = paginate(templates, nextToken, max);
    return {
      registryId: account(call),
      repositoryCreationTemplates: page.items.map(templateJson),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  },
};

const UpdateRepositoryCreationTemplate: Operation = {
  resource: () => '*',
  async run(call) {
    const { input, ctx } = call;
    const prefix = templatePrefix(input);
    const old = ctx.registry.get<TemplatesSection>(TEMPLATES_SECTION)?.[prefix];
    if (!old) throw templateNotFound(prefix, account(call));
    const template = await templateFrom(input, { ...old, updatedAt: call.now });
    await ctx.registry.update<TemplatesSection>(TEMPLATES_SECTION, (current = {}) => {
      if (!Object.hasOwn(current, prefix)) throw templateNotFound(prefix, account(call));
      return { ...current, [prefix]: template };
    });
    return { registryId: account(call), repositoryCreationTemplate: templateJson(template) };
  },
};

const DeleteRepositoryCreationTemplate: Operation = {
  resource: () => '*',
  async run(call) {
    const { input, ctx } = call;
    const prefix = templatePrefix(input);
    const old = ctx.registry.get<TemplatesSection>(TEMPLATES_SECTION)?.[prefix];
    if (!old) throw templateNotFound(prefix, account(call));
    await ctx.registry.update<TemplatesSection>(TEMPLATES_SECTION, (current = {}) => {
      if (!Object.hasOwn(current, prefix)) throw templateNotFound(prefix, account(call));
      const { [prefix]: _gone, ...rest } = current;
      return rest;
    });
    return { registryId: account(call), repositoryCreationTemplate: templateJson(old) };
  },
};

export const TEMPLATE_OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateRepositoryCreationTemplate, DescribeRepositoryCreationTemplates,
  UpdateRepositoryCreationTemplate, DeleteRepositoryCreationTemplate,
};

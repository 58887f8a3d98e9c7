// Repository creation templates: their stored shape, and the repository ECR creates on its
// own (pull-through cache, replication, create on push) from the template that matches.
import type { EcrContext } from './context.js';
import { awsManagedKeyArn } from './control/ops/repository-options.js';
import type { RepositoryRecord, ResourceTag, TagMutability, TagMutabilityFilter } from './store/types.js';

/** The scenarios a template applies to (RCTAppliedFor in the model). */
export const APPLIED_FOR = ['REPLICATION', 'PULL_THROUGH_CACHE', 'CREATE_ON_PUSH'] as const;
export type AppliedFor = typeof APPLIED_FOR[number];

/** The prefix that matches every repository no other template matches. */
export const ROOT_PREFIX = 'ROOT';

/** The registry section holding the templates, keyed by prefix (as sent, without trailing `/`). */
export const TEMPLATES_SECTION = 'repositoryCreationTemplates';

/** A template as stored; members mirror the API's RepositoryCreationTemplate. */
export interface CreationTemplate {
  readonly prefix: string;
  readonly description?: string;
  readonly encryptionConfiguration?: { readonly encryptionType: string; readonly kmsKey?: string };
  readonly resourceTags: readonly ResourceTag[];
  readonly imageTagMutability: TagMutability;
  readonly imageTagMutabilityExclusionFilters?: readonly TagMutabilityFilter[];
  readonly repositoryPolicy?: string;
  readonly lifecyclePolicy?: string;
  readonly appliedFor: readonly AppliedFor[];
  readonly customRoleArn?: string;
  /** Epoch seconds. */
  readonly createdAt: number;
  /** Epoch seconds. */
  readonly updatedAt: number;
}

export type TemplatesSection = Readonly<Record<string, CreationTemplate>>;

/** Every template, by prefix. */
export function listTemplates(ctx: EcrContext): readonly CreationTemplate[] {
  return Object.values(ctx.registry.get<TemplatesSection>(TEMPLATES_SECTION) ?? {});
}

/** A template's prefix as ECR compares it: there is always an assumed `/` at its end. */
function namespace(prefix: string): string {
  return prefix.endsWith('/') ? prefix : `${prefix}/`;
}

/**
 * The template ECR applies to a new repository: the one with the longest prefix the name lies
 * under, else ROOT, among those applied for this scenario.
 */
export function matchingTemplate(ctx: EcrContext, repositoryName: string, appliedFor: AppliedFor): CreationTemplate | undefined {
  const candidates = listTemplates(ctx).filter((t) => t.appliedFor.includes(appliedFor));
  const named = candidates
    .filter((t) => t.prefix !== ROOT_PREFIX && repositoryName.startsWith(namespace(t.prefix)))
    .sort((a, b) => namespace(b.prefix).length - namespace(a.prefix).length);
  return named[0] ?? candidates.find((t) => t.prefix === ROOT_PREFIX);
}

/** The repository ECR's defaults give (what CreateRepository with no options makes). */
export function defaultRepositoryRecord(name: string, nowSeconds: number): RepositoryRecord {
  return { name, createdAt: nowSeconds, imageTagMutability: 'MUTABLE', scanOnPush: false, encryptionType: 'AES256', tags: [] };
}

/**
 * The repository a template makes in this account and region: every setting it carries,
 * applied; KMS without a key gets the AWS managed key, as CreateRepository does.
 */
export function recordFromTemplate(template: CreationTemplate, name: string, nowSeconds: number,
  where: { readonly region: string; readonly account: string }): RepositoryRecord {
  const encryption = template.encryptionConfiguration;
  // The store knows AES256 and KMS; DSSE is KMS-based, so it is kept as KMS with its key.
  const encryptionType = encryption && encryption.encryptionType !== 'AES256' ? 'KMS' : 'AES256';
  const kmsKey = encryption?.kmsKey ? encryption.kmsKey : awsManagedKeyArn(where.region, where.account);
  return {
    ...defaultRepositoryRecord(name, nowSeconds),
    imageTagMutability: template.imageTagMutability,
    ...(template.imageTagMutabilityExclusionFilters?.length
      ? { imageTagMutabilityExclusionFilters: template.imageTagMutabilityExclusionFilters } : {}),
    encryptionType,
    ...(encryptionType === 'KMS' ? { kmsKey } : {}),
    tags: [...template.resourceTags],
    ...(template.repositoryPolicy ? { repositoryPolicy: template.repositoryPolicy } : {}),
    ...(template.lifecyclePolicy ? { lifecyclePolicy: { text: template.lifecyclePolicy } } : {}),
  };
}

/**
 * The repository to create for `repositoryName` in this scenario, from the best-matching
 * template (longest prefix, else ROOT), or undefined when no template applies. The caller
 * stores it (`ctx.store.putRepository`) and decides what no template means (ECR's defaults
 * for pull-through cache and replication; no repository for create on push).
 */
export function repositoryFromTemplate(ctx: EcrContext, repositoryName: string, appliedFor: AppliedFor,
  nowSeconds = ctx.clock.now() / 1000): RepositoryRecord | undefined {
  const template = matchingTemplate(ctx, repositoryName, appliedFor);
  return template ? recordFromTemplate(template, repositoryName, nowSeconds, ctx.config) : undefined;
}

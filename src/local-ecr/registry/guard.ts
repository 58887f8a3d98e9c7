// What every repository endpoint checks before doing anything: the simulated IAM permission
// for its ECR action, then that the repository exists. ECR creates a missing repository itself
// in two cases only: a pull that a pull-through cache rule covers (../pull-through/cache.ts),
// and a push that a CREATE_ON_PUSH creation template matches (since December 2025).
import { authorizeCall } from '../access.js';
import { matchingTemplate, recordFromTemplate } from '../creation-templates.js';
import { repositoryArn } from '../iam/arn.js';
import type { Caller } from '../iam/types.js';
import { cacheBlob, cacheManifest } from '../pull-through/cache.js';
import type { RepositoryRecord } from '../store/types.js';
import { denied, nameUnknown } from './errors.js';
import { sendError, type Exchange } from './exchange.js';

/** What a pull asks for, so that the pull-through cache can fetch it first. */
export type PullTarget = { readonly manifest: string } | { readonly blob: string };

/** The requests that start a push: the first ones a repository must exist for. */
const PUSH_ACTIONS = ['InitiateLayerUpload', 'PutImage'];

/**
 * CREATE_ON_PUSH: the repository a matching template makes, created for a caller who may
 * ecr:CreateRepository; a denial text when the caller may not; undefined without a template.
 */
async function createOnPush(x: Exchange, name: string): Promise<RepositoryRecord | string | undefined> {
  const { ctx } = x;
  const template = matchingTemplate(ctx, name, 'CREATE_ON_PUSH');
  if (!template) return undefined;
  const arn = repositoryArn(ctx.config.region, ctx.config.account, name);
  const denial = await authorizeCall(ctx, x.identity as Caller, 'ecr:CreateRepository', arn);
  if (denial) return denial;
  const existing = ctx.store.getRepository(name);
  if (existing) return existing;
  const record = recordFromTemplate(template, name, ctx.clock.now() / 1000, ctx.config);
  // A parallel push may have created it first: then that one stands.
  if (!await ctx.store.createRepository(record)) return ctx.store.getRepository(name);
  return record;
}

/**
 * Checks `ecr:<action>` on repository `name` and that it exists (fetching a pull's target
 * through the cache, or creating it on push, where ECR would). Answers 403 DENIED or 404
 * NAME_UNKNOWN (status only to HEAD) and returns undefined when either fails.
 */
export async function guard(x: Exchange, action: string, name: string, pull?: PullTarget): Promise<RepositoryRecord | undefined> {
  const { config } = x.ctx;
  const caller = x.identity as Caller;
  const refusal = await authorizeCall(x.ctx, caller, `ecr:${action}`, repositoryArn(config.region, config.account, name));
  if (refusal !== undefined) {
    sendError(x, denied(refusal));
    return undefined;
  }
  // A blob HEAD is a push's layer check (BatchCheckLayerAvailability): it never imports.
  if (pull && !('blob' in pull && x.isHead)) {
    const importRefusal = 'manifest' in pull
      ? await cacheManifest(x.ctx, caller, name, pull.manifest)
      : await cacheBlob(x.ctx, caller, name, pull.blob);
    if (importRefusal !== undefined) {
      sendError(x, denied(importRefusal));
      return undefined;
    }
  }
  let record = x.ctx.store.getRepository(name);
  if (!record && PUSH_ACTIONS.includes(action)) {
    const created = await createOnPush(x, name);
    if (typeof created === 'string') {
      sendError(x, denied(created));
      return undefined;
    }
    record = created;
  }
  if (!record) sendError(x, nameUnknown(name, config.account));
  return record;
}

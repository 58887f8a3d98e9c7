// The pull-through cache on pull: a pull of `<prefix>/<upstream repository>` that a rule
// covers and that is not cached yet fetches the image (manifest, child manifests of an index,
// config and layers) from the rule's upstream, creates the repository on first use (from a
// PULL_THROUGH_CACHE creation template, else ECR's defaults) and stores the image, as ECR
// does; the registry then answers from the cache. The caller needs ecr:BatchImportUpstreamImage
// and, when the repository does not exist yet, ecr:CreateRepository (ECR user guide,
// pull-through-cache-iam.html).
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { authorizeCall } from '../access.js';
import type { EcrContext } from '../context.js';
import { defaultRepositoryRecord, repositoryFromTemplate } from '../creation-templates.js';
import { repositoryArn } from '../iam/arn.js';
import type { Caller } from '../iam/types.js';
import { isDigest } from '../store/index.js';
import { referencedDigests } from '../upstream/content.js';
import { upstreamOf } from '../upstream/server.js';
import { ruleFor, type RuleMatch } from './rules.js';
import { upstreamGet, type UpstreamAnswer } from './upstream-client.js';

const TAG = /^[a-zA-Z0-9_.-]{1,300}$/;

/** Imports under way per local ECR (regions share a process), so parallel pulls import once. */
const inflight = new WeakMap<EcrContext, Map<string, Promise<void>>>();

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The denial for the first missing permission of an import, or undefined. */
async function importDenial(ctx: EcrContext, caller: Caller, name: string): Promise<string | undefined> {
  const arn = repositoryArn(ctx.config.region, ctx.config.account, name);
  if (!ctx.store.getRepository(name)) {
    const denial = await authorizeCall(ctx, caller, 'ecr:CreateRepository', arn);
    if (denial) return denial;
  }
  return authorizeCall(ctx, caller, 'ecr:BatchImportUpstreamImage', arn);
}

async function fetchFrom(ctx: EcrContext, match: RuleMatch, kind: 'manifests' | 'blobs', ref: string): Promise<UpstreamAnswer | undefined> {
  const upstream = upstreamOf(ctx);
  if (!upstream) return undefined;
  const answer = await upstreamGet(upstream.address, match.rule.upstreamRegistryUrl, `/v2/${match.upstreamRepository}/${kind}/${ref}`);
  return answer.status === 200 ? answer : undefined;
}

async function ensureRepository(ctx: EcrContext, name: string): Promise<void> {
  if (ctx.store.getRepository(name)) return;
  const now = ctx.clock.now() / 1000;
  await ctx.store.createRepository(repositoryFromTemplate(ctx, name, 'PULL_THROUGH_CACHE', now) ?? defaultRepositoryRecord(name, now));
}

async function storeBlob(ctx: EcrContext, name: string, digest: string, bytes: Buffer): Promise<void> {
  const upload = await ctx.store.startUpload(name);
  await ctx.store.appendUpload(upload.id, Readable.from([bytes]), 0);
  const done = await ctx.store.completeUpload(upload.id, digest);
  if (!done.ok) throw new Error(`the upstream's blob ${digest} did not match its digest`);
}

/** Stores a manifest, after its children and blobs, fetching what the repository lacks. */
async function importManifest(ctx: EcrContext, name: string, match: RuleMatch, bytes: Buffer, mediaType: string, tag: string | undefined): Promise<void> {
  const refs = referencedDigests(bytes);
  for (const child of refs.manifests) {
    if (ctx.store.getImage(name, child)) continue;
    const answer = await fetchFrom(ctx, match, 'manifests', child);
    if (!answer || sha256(answer.body) !== child) throw new Error(`the upstream has no manifest ${child}`);
    await importManifest(ctx, name, match, answer.body, answer.contentType, undefined);
  }
  for (const blob of refs.blobs) {
    if (ctx.store.blobSize(name, blob) !== undefined) continue;
    const answer = await fetchFrom(ctx, match, 'blobs', blob);
    if (!answer) throw new Error(`the upstream has no blob ${blob}`);
    await storeBlob(ctx, name, blob, answer.body);
  }
  const result = await ctx.store.putManifest(name, bytes, mediaType, tag, Math.floor(ctx.clock.now() / 1000));
  if ('problem' in result) throw new Error(result.problem.message);
}

function isCached(ctx: EcrContext, name: string, ref: string): boolean {
  if (!ctx.store.getRepository(name)) return false;
  return isDigest(ref) ? ctx.store.getImage(name, ref) !== undefined : ctx.store.resolveTag(name, ref) !== undefined;
}

function once(ctx: EcrContext, key: string, work: () => Promise<void>): Promise<void> {
  let mine = inflight.get(ctx);
  if (!mine) inflight.set(ctx, mine = new Map());
  const running = mine.get(key);
  if (running) return running;
  const map = mine;
  const started = work().finally(() => map.delete(key));
  map.set(key, started);
  return started;
}

/**
 * Before a manifest pull is answered: caches `ref` of repository `name` from the upstream of
 * the rule that covers it, when it is not cached yet. Returns a denial text to answer with, or
 * undefined to go on (also when no rule applies or the upstream has no such image: the pull
 * then answers as it would without the cache).
 */
export async function cacheManifest(ctx: EcrContext, caller: Caller, name: string, ref: string): Promise<string | undefined> {
  const match = ruleFor(ctx, name);
  if (!match || !(isDigest(ref) || TAG.test(ref)) || isCached(ctx, name, ref)) return undefined;
  const denial = await importDenial(ctx, caller, name);
  if (denial) return denial;
  const answer = await fetchFrom(ctx, match, 'manifests', ref);
  if (!answer || (isDigest(ref) && sha256(answer.body) !== ref)) return undefined;
  await once(ctx, `${name}@${ref}`, async () => {
    if (isCached(ctx, name, ref)) return;
    await ensureRepository(ctx, name);
    await importManifest(ctx, name, match, answer.body, answer.contentType, isDigest(ref) ? undefined : ref);
  });
  return undefined;
}

/** Before a blob pull is answered: caches a blob of the upstream repository that is not here yet. */
export async function cacheBlob(ctx: EcrContext, caller: Caller, name: string, digest: string): Promise<string | undefined> {
  const match = ruleFor(ctx, name);
  if (!match || !isDigest(digest) || (ctx.store.getRepository(name) && ctx.store.blobSize(name, digest) !== undefined)) return undefined;
  const denial = await importDenial(ctx, caller, name);
  if (denial) return denial;
  const answer = await fetchFrom(ctx, match, 'blobs', digest);
  if (!answer || sha256(answer.body) !== digest) return undefined;
  await once(ctx, `${name}@blob:${digest}`, async () => {
    if (ctx.store.getRepository(name) && ctx.store.blobSize(name, digest) !== undefined) return;
    await ensureRepository(ctx, name);
    await storeBlob(ctx, name, digest, answer.body);
  });
  return undefined;
}

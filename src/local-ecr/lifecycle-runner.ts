// Lifecycle policies really applied, on the local clock. ECR acts "within 24 hours" of an image
// meeting a rule; the local ECR evaluates every repository's policy when serve starts, each
// time the local clock passes a whole hour, and at once on every clock move (`ecr-lab clock
// +13h`), so a learner sees the effect without waiting. It expires and archives images, lets
// referrers (signatures, SBOMs) follow their subject, and sets lastEvaluatedAt.
import { RepositoryGoneError } from './store/errors.js';
import type { EcrContext } from './context.js';
import { archived, settled, storageView } from './image-storage.js';
import { evaluateLifecyclePolicy, parseLifecyclePolicy, type LifecycleImage } from './lifecycle.js';
import type { Store } from './store/types.js';

const HOUR_MS = 3_600_000;

/**
 * True when an ACTIVE manifest list of the repository lists the image: "If an image is
 * referenced by a manifest list, it cannot be expired or archived without the manifest list
 * being deleted or archived first." The store keeps what each manifest references.
 */
export function hasActiveParent(store: Store, repository: string, digest: string, nowSeconds: number): boolean {
  return store.imagesReferencing(repository, digest).some((parent) => {
    const image = store.getImage(repository, parent);
    return image !== undefined && storageView(image, nowSeconds).imageStatus === 'ACTIVE';
  });
}

/** The repository's images as the evaluator sees them (an image being restored is left alone). */
export async function lifecycleImages(store: Store, repository: string, nowSeconds: number): Promise<LifecycleImage[]> {
  return store.listImages(repository).flatMap((image) => {
    const view = storageView(image, nowSeconds);
    if (view.imageStatus === 'ACTIVATING') return [];
    return [{
      digest: image.digest, tags: image.tags, pushedAt: image.pushedAt, storageClass: view.storageClass,
      ...(image.lastRecordedPullTime !== undefined ? { lastRecordedPullTime: image.lastRecordedPullTime } : {}),
      ...(view.lastArchivedAt !== undefined ? { lastArchivedAt: view.lastArchivedAt } : {}),
      ...(view.lastActivatedAt !== undefined ? { lastActivatedAt: view.lastActivatedAt } : {}),
      ...(hasActiveParent(store, repository, image.digest, nowSeconds) ? { isReferenced: true } : {}),
    }];
  });
}

/**
 * "When reference artifacts are present in a repository, Amazon ECR lifecycle policies
 * automatically expire or archive those artifacts ... of the deletion or archival of the
 * subject image": referrers of a subject this run expired are deleted, those of an archived
 * one archived. (A referrer may be pushed before its subject, so a missing subject alone is no
 * reason.)
 */
async function followSubjects(store: Store, repository: string, expired: ReadonlySet<string>, nowSeconds: number): Promise<void> {
  for (const image of store.listImages(repository)) {
    if (image.subject === undefined) continue;
    const subject = store.getImage(repository, image.subject);
    if (!subject && expired.has(image.subject)) await store.deleteImage(repository, image.digest);
    else if (subject && storageView(subject, nowSeconds).imageStatus === 'ARCHIVED' && storageView(image, nowSeconds).imageStatus === 'ACTIVE') {
      await store.updateImage(repository, image.digest, (i) => archived(i, nowSeconds));
    }
  }
}

/** Applies one repository's lifecycle policy at `nowSeconds`; returns how many images it acted on. */
export async function applyLifecyclePolicy(store: Store, repository: string, nowSeconds: number): Promise<number> {
  const record = store.getRepository(repository);
  const policy = record?.lifecyclePolicy && parseLifecyclePolicy(record.lifecyclePolicy.text);
  if (!record || !policy || !policy.ok) return 0;
  const acted = evaluateLifecyclePolicy(policy.policy, await lifecycleImages(store, repository, nowSeconds), nowSeconds);
  for (const image of acted) {
    // Decided on a snapshot: an image re-tagged or newly referenced by an index since is kept.
    if (image.action === 'expire') await store.deleteImage(repository, image.digest, { unreferenced: true, tags: image.tags });
    else await store.updateImage(repository, image.digest, (i) => archived(i, nowSeconds));
  }
  await followSubjects(store, repository, new Set(acted.filter((i) => i.action === 'expire').map((i) => i.digest)), nowSeconds);
  // Read again: the policy may have been replaced or deleted while this ran.
  const text = record.lifecyclePolicy?.text;
  if (store.getRepository(repository)?.lifecyclePolicy?.text === text) {
    await store.updateRepository(repository, (r) => (r.lifecyclePolicy?.text === text
      ? { ...r, lifecyclePolicy: { ...r.lifecyclePolicy, lastEvaluatedAt: nowSeconds } } : r)).catch((err: unknown) => {
      if (!(err instanceof RepositoryGoneError)) throw err;
    });
  }
  return acted.length;
}

/** Every repository: finished restores written down as ACTIVE, then its policy applied. */
export async function applyAllLifecyclePolicies(store: Store, nowSeconds: number): Promise<void> {
  for (const repo of store.listRepositories()) {
    for (const image of store.listImages(repo.name)) {
      if (settled(image, nowSeconds) !== image) await store.updateImage(repo.name, image.digest, (i) => settled(i, nowSeconds));
    }
    await applyLifecyclePolicy(store, repo.name, nowSeconds);
  }
}

export interface LifecycleRunner {
  /** Evaluates now (after any run under way); resolves when done. */
  evaluate(): Promise<void>;
  /** Stops listening and waits for a run under way. */
  close(): Promise<void>;
}

/** Starts applying lifecycle policies on ctx's clock: now, every whole hour, and on every clock move. */
export function startLifecycleRunner(ctx: Pick<EcrContext, 'store' | 'clock'>): LifecycleRunner {
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const evaluate = (): Promise<void> => {
    running = running.then(() => applyAllLifecyclePolicies(ctx.store, ctx.clock.now() / 1000))
      // A failed write (a full disk) is tried again at the next evaluation; serve goes on.
      .catch(() => undefined);
    return running;
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    if (closed) return;
    const now = ctx.clock.now();
    timer = setTimeout(() => { void evaluate(); schedule(); }, HOUR_MS - (now % HOUR_MS) + 1);
    timer.unref();
  };
  const unsubscribe = ctx.clock.onMove(() => { void evaluate(); schedule(); });
  void evaluate();
  schedule();
  return {
    evaluate,
    async close() {
      closed = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

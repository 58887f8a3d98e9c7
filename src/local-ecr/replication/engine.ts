// The replication engine of one local ECR: after a push it records what to replicate (on disk,
// before the push is answered, so a restart loses none), then copies each image to its
// destinations in the background, and runs backfills. DescribeImageReplicationStatus reads
// the statuses it keeps: IN_PROGRESS until the copy is done, then COMPLETE or FAILED.
import { randomUUID } from 'node:crypto';
import type { EcrContext } from '../context.js';
import { allDestinations, destinationKey, destinationsFor, REPLICATION_SECTION, type ReplicationConfiguration, type ReplicationDestination } from './config.js';
import { backfillTasks, finished, withResult } from './backfill.js';
import { copyImage } from './copy.js';
import type { Regions } from './regions.js';
import { ReplicationState, type BackfillRecord, type ReplicationTask } from './state.js';

/**
 * Simulated: this offline lab has one account, so a registry of another account cannot be
 * reached; ECR would replicate there once that registry's policy allows ecr:ReplicateImage.
 */
function crossAccountFailure(d: ReplicationDestination): string {
  return `Registry ${d.registryId} in ${d.region} cannot be reached: this offline lab simulates only its own account, so cross-account replication fails here`;
}

const INTERRUPTED = Symbol('interrupted');

function sameTarget(a: ReplicationTask, b: ReplicationTask): boolean {
  return a.repository === b.repository && a.digest === b.digest && destinationKey(a.destination) === destinationKey(b.destination);
}

export class ReplicationEngine {
  private running: Promise<void> | undefined;
  private current: ReplicationTask | undefined;
  private paused = false;
  private closed = false;

  private constructor(private readonly ctx: EcrContext, private readonly regions: Regions, readonly state: ReplicationState) {}

  static async open(ctx: EcrContext, regions: Regions): Promise<ReplicationEngine> {
    return new ReplicationEngine(ctx, regions, await ReplicationState.open(ctx.config.dataDir));
  }

  configuration(): ReplicationConfiguration | undefined {
    return this.ctx.registry.get<ReplicationConfiguration>(REPLICATION_SECTION);
  }

  private nowSeconds(): number {
    return this.ctx.clock.now() / 1000;
  }

  /** Starts the local ECR of every same-account destination region, then any pending work. */
  async start(): Promise<void> {
    const ownAccount = allDestinations(this.configuration()).filter((d) => d.registryId === this.ctx.config.account);
    await Promise.all(ownAccount.map((d) => this.regions.get(d.region)));
    this.kick();
  }

  /** Records the replications a push to `repository` asks for, on disk, and starts them. */
  async afterPush(repository: string, digest: string, tag: string | undefined): Promise<void> {
    const destinations = destinationsFor(this.configuration(), repository);
    if (destinations.length === 0) return;
    const tasks = destinations.map((destination) => ({ id: randomUUID(), repository, digest, destination, ...(tag !== undefined ? { tag } : {}) }));
    await this.enqueue(tasks);
  }

  private async enqueue(tasks: readonly ReplicationTask[]): Promise<void> {
    for (const task of tasks) this.state.setStatus(task.repository, task.digest, { ...task.destination, status: 'IN_PROGRESS' });
    this.state.pending.push(...tasks);
    await this.state.save();
    this.kick();
  }

  /** Starts a backfill (PREPARING); the worker lists its images and replicates them. */
  async startBackfill(destination: ReplicationDestination): Promise<BackfillRecord> {
    const record: BackfillRecord = { id: randomUUID(), destination, status: 'PREPARING', startedAt: this.nowSeconds(), results: [] };
    this.state.setBackfill(record);
    await this.state.save();
    this.kick();
    return record;
  }

  /** Stops a backfill: its replications not yet started are dropped; one under way finishes. */
  async stopBackfill(record: BackfillRecord): Promise<BackfillRecord> {
    const dropped = this.state.pending.filter((t) => t.backfillId === record.id && t !== this.current);
    this.state.pending = this.state.pending.filter((t) => !dropped.includes(t));
    // A dropped replication shows no status rather than an IN_PROGRESS that never ends.
    for (const t of dropped) {
      if (!this.state.pending.some((p) => sameTarget(p, t))) this.state.clearStatus(t.repository, t.digest, t.destination);
    }
    const running = this.current?.backfillId === record.id;
    const next: BackfillRecord = running ? { ...record, status: 'STOPPING' } : { ...record, status: 'STOPPED', endedAt: this.nowSeconds() };
    this.state.setBackfill(next);
    await this.state.save();
    return next;
  }

  /** Holds the worker after the replication under way (tests observe IN_PROGRESS this way). */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.kick();
  }

  /** Resolves when nothing is left to do (or the engine is paused with nothing running). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private kick(): void {
    if (this.running || this.paused || this.closed) return;
    this.running = this.work().finally(() => {
      this.running = undefined;
      if (this.hasWork() && !this.paused && !this.closed) this.kick();
    });
  }

  private hasWork(): boolean {
    return this.state.pending.length > 0 || this.state.backfills.some((b) => b.status === 'PREPARING');
  }

  private async work(): Promise<void> {
    while (!this.paused && !this.closed) {
      const preparing = this.state.backfills.find((b) => b.status === 'PREPARING');
      if (preparing) {
        await this.prepare(preparing);
        continue;
      }
      const task = this.state.pending[0];
      if (!task) return;
      await this.run(task);
    }
  }

  private async prepare(record: BackfillRecord): Promise<void> {
    const tasks = backfillTasks(this.ctx, this.configuration(), record, randomUUID);
    const next: BackfillRecord = { ...record, status: 'IN_PROGRESS', total: tasks.length };
    this.state.setBackfill(tasks.length === 0 ? finished(next, this.nowSeconds()) : next);
    await this.enqueue(tasks);
  }

  /** The failure code, undefined when done, or INTERRUPTED when shutting down cut it short. */
  private async copy(task: ReplicationTask): Promise<string | undefined | typeof INTERRUPTED> {
    if (task.destination.registryId !== this.ctx.config.account) return crossAccountFailure(task.destination);
    try {
      const dest = await this.regions.get(task.destination.region);
      return await copyImage(this.ctx, dest, task.repository, task.digest, task.tag);
    } catch (err) {
      if (this.closed) return INTERRUPTED;
      return `Replication to ${task.destination.region} failed: ${(err as Error).message}`;
    }
  }

  private async run(task: ReplicationTask): Promise<void> {
    this.current = task;
    const failureCode = await this.copy(task);
    this.current = undefined;
    // Left pending: the next start replicates it.
    if (failureCode === INTERRUPTED) return;
    this.state.pending = this.state.pending.filter((t) => t.id !== task.id);
    if (!this.state.pending.some((t) => sameTarget(t, task))) {
      this.state.setStatus(task.repository, task.digest, {
        ...task.destination, status: failureCode ? 'FAILED' : 'COMPLETE', ...(failureCode ? { failureCode } : {}),
      });
    }
    if (task.backfillId) this.recordResult(task, failureCode);
    await this.state.save();
  }

  private recordResult(task: ReplicationTask, failureCode: string | undefined): void {
    const record = task.backfillId ? this.state.backfill(task.backfillId) : undefined;
    if (!record) return;
    const stillPending = this.state.pending.some((t) => t.backfillId === record.id);
    this.state.setBackfill(withResult(record, {
      repositoryName: task.repository,
      imageId: { imageDigest: task.digest, ...(task.tag !== undefined ? { imageTag: task.tag } : {}) },
      status: failureCode ? 'FAILED' : 'COMPLETE', ...(failureCode ? { failureCode } : {}),
    }, this.nowSeconds(), stillPending));
  }

  /** Lets the replication under way finish, keeps the rest pending on disk. */
  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
    await this.state.flush();
  }
}

const engines = new WeakMap<EcrContext, ReplicationEngine>();

/** Makes `engine` the one the API and the registry find for this local ECR. */
export function attachReplication(ctx: EcrContext, engine: ReplicationEngine): void {
  engines.set(ctx, engine);
}

export function replicationOf(ctx: EcrContext): ReplicationEngine | undefined {
  return engines.get(ctx);
}

/**
 * Called once a push is stored: records the replications it asks for. A failure to record them
 * never fails the push (the image is stored); it shows as no replication status.
 */
export async function replicateAfterPush(ctx: EcrContext, repository: string, digest: string, tag: string | undefined): Promise<void> {
  await replicationOf(ctx)?.afterPush(repository, digest, tag).catch(() => undefined);
}

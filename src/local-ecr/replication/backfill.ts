// Replication backfills: replicate a registry's existing images (pushed before the rule) to one
// configured destination, with the progress and per-image results ECR reports.
import type { EcrContext } from '../context.js';
import { destinationKey, destinationsFor, type ReplicationConfiguration, type ReplicationDestination } from './config.js';
import type { BackfillRecord, BackfillResult, ReplicationTask } from './state.js';

/** Backfills in one of these have ended: they can no longer be stopped. */
export const TERMINAL = ['COMPLETE', 'FAILED', 'STOPPED'] as const;
/** ECR keeps ended backfills this long (ListReplicationBackfills' documentation). */
export const RETENTION_SECONDS = 90 * 86_400;

export function isTerminal(record: BackfillRecord): boolean {
  return (TERMINAL as readonly string[]).includes(record.status);
}

/**
 * The replications a backfill does: one per image and tag (an untagged image counts once), in
 * every repository whose rules name this destination.
 */
export function backfillTasks(ctx: EcrContext, config: ReplicationConfiguration | undefined, record: BackfillRecord,
  newId: () => string): ReplicationTask[] {
  const key = destinationKey(record.destination);
  const tasks: ReplicationTask[] = [];
  for (const repo of ctx.store.listRepositories()) {
    if (!destinationsFor(config, repo.name).some((d) => destinationKey(d) === key)) continue;
    for (const image of ctx.store.listImages(repo.name)) {
      const tags = image.tags.length ? image.tags : [undefined];
      for (const tag of tags) {
        tasks.push({
          id: newId(), repository: repo.name, digest: image.digest, destination: record.destination, backfillId: record.id,
          ...(tag !== undefined ? { tag } : {}),
        });
      }
    }
  }
  return tasks;
}

/** The backfill with one more result; it ends when every replication has a result. */
export function withResult(record: BackfillRecord, result: BackfillResult, nowSeconds: number, stillPending: boolean): BackfillRecord {
  const results = [...record.results, result];
  const next = { ...record, results };
  if (record.status === 'STOPPING' && !stillPending) return { ...next, status: 'STOPPED', endedAt: nowSeconds };
  if (record.status !== 'IN_PROGRESS' || results.length < (record.total ?? Infinity)) return next;
  return finished(next, nowSeconds);
}

/**
 * A backfill whose replications are all done: COMPLETE, or FAILED when not one succeeded.
 * UNVERIFIED: when ECR calls a backfill FAILED rather than COMPLETE with failures is not documented.
 */
export function finished(record: BackfillRecord, nowSeconds: number): BackfillRecord {
  const failed = record.results.filter((r) => r.status === 'FAILED');
  const allFailed = record.results.length > 0 && failed.length === record.results.length;
  return {
    ...record, status: allFailed ? 'FAILED' : 'COMPLETE', endedAt: nowSeconds,
    ...(allFailed ? { failureCode: failed[0]?.failureCode ?? 'REPLICATION_FAILED' } : {}),
  };
}

/** ReplicationBackfillProgress, or undefined while the backfill is still preparing. */
export function progressOf(record: BackfillRecord): Record<string, unknown> | undefined {
  if (record.total === undefined) return undefined;
  const failed = record.results.filter((r) => r.status === 'FAILED');
  return {
    totalReplicationCount: record.total,
    completedReplicationCount: record.results.length - failed.length,
    failedReplicationCount: failed.length,
    failureCodes: [...new Set(failed.map((r) => r.failureCode ?? 'REPLICATION_FAILED'))],
  };
}

/** The members StartReplicationBackfill, ListReplicationBackfills and the others share. */
export function summaryOf(record: BackfillRecord): Record<string, unknown> {
  const progress = progressOf(record);
  return {
    replicationBackfillId: record.id,
    destination: record.destination satisfies ReplicationDestination,
    status: record.status,
    ...(record.failureCode !== undefined ? { failureCode: record.failureCode } : {}),
    ...(progress ? { progress } : {}),
    startedAt: record.startedAt,
    ...(record.endedAt !== undefined ? { endedAt: record.endedAt } : {}),
  };
}

// What replication keeps across restarts, in `<data>/replication.json`: each image's status per
// destination, the replications still to do (so a restart mid-way loses none) and backfills.
import { join } from 'node:path';
import { loadJson } from '../../state/json-file.js';
import { Persister } from '../store/persister.js';
import type { ReplicationDestination } from './config.js';

export type ReplicationStatus = 'IN_PROGRESS' | 'COMPLETE' | 'FAILED';

/** One destination's status for one image (ImageReplicationStatus). */
export interface DestinationStatus extends ReplicationDestination {
  readonly status: ReplicationStatus;
  readonly failureCode?: string;
}

/** One replication to do: an image (and the tag pushed) to one destination. */
export interface ReplicationTask {
  readonly id: string;
  readonly repository: string;
  readonly digest: string;
  readonly tag?: string;
  readonly destination: ReplicationDestination;
  /** Set when a backfill, not a push, asked for it. */
  readonly backfillId?: string;
}

export type BackfillStatus = 'PREPARING' | 'IN_PROGRESS' | 'COMPLETE' | 'FAILED' | 'STOPPING' | 'STOPPED';

export interface BackfillResult {
  readonly repositoryName: string;
  readonly imageId: { readonly imageDigest: string; readonly imageTag?: string };
  readonly status: 'COMPLETE' | 'FAILED';
  readonly failureCode?: string;
}

export interface BackfillRecord {
  readonly id: string;
  readonly destination: ReplicationDestination;
  readonly status: BackfillStatus;
  /** Epoch seconds. */
  readonly startedAt: number;
  readonly endedAt?: number;
  readonly failureCode?: string;
  /** Known once preparation has listed the images (undefined while PREPARING). */
  readonly total?: number;
  readonly results: readonly BackfillResult[];
}

interface ReplicationFile {
  readonly version: 1;
  readonly images: Readonly<Record<string, readonly DestinationStatus[]>>;
  readonly pending: readonly ReplicationTask[];
  readonly backfills: readonly BackfillRecord[];
}

const EMPTY: ReplicationFile = { version: 1, images: {}, pending: [], backfills: [] };

function problem(data: unknown): string | undefined {
  const d = data as Partial<ReplicationFile> | null;
  if (!d || d.version !== 1) return 'not a version 1 replication file';
  if (typeof d.images !== 'object' || !Array.isArray(d.pending) || !Array.isArray(d.backfills)) return 'missing images, pending or backfills';
  return undefined;
}

function imageKey(repository: string, digest: string): string {
  return `${repository}@${digest}`;
}

/** The replication state of one local ECR; every change is written with `save()`. */
export class ReplicationState {
  private images: Record<string, readonly DestinationStatus[]>;
  pending: ReplicationTask[];
  backfills: BackfillRecord[];
  private readonly persister: Persister;

  private constructor(file: string, data: ReplicationFile, readonly warning?: string) {
    this.images = { ...data.images };
    this.pending = [...data.pending];
    this.backfills = [...data.backfills];
    this.persister = new Persister(file, (): ReplicationFile => ({
      version: 1, images: this.images, pending: this.pending, backfills: this.backfills,
    }));
  }

  static async open(dataDir: string): Promise<ReplicationState> {
    const file = join(dataDir, 'replication.json');
    const loaded = await loadJson<ReplicationFile>(file, EMPTY, problem);
    return new ReplicationState(file, loaded.value, loaded.warning);
  }

  statuses(repository: string, digest: string): readonly DestinationStatus[] {
    return this.images[imageKey(repository, digest)] ?? [];
  }

  /** Sets one destination's status for an image (replacing what it was). */
  setStatus(repository: string, digest: string, status: DestinationStatus): void {
    const key = imageKey(repository, digest);
    const others = (this.images[key] ?? []).filter((s) => s.region !== status.region || s.registryId !== status.registryId);
    this.images[key] = [...others, status];
  }

  /** Forgets one destination's status for an image (a replication that will not happen now). */
  clearStatus(repository: string, digest: string, destination: ReplicationDestination): void {
    const key = imageKey(repository, digest);
    const rest = (this.images[key] ?? []).filter((s) => s.region !== destination.region || s.registryId !== destination.registryId);
    if (rest.length) this.images[key] = rest;
    else delete this.images[key];
  }

  backfill(id: string): BackfillRecord | undefined {
    return this.backfills.find((b) => b.id === id);
  }

  setBackfill(record: BackfillRecord): void {
    this.backfills = [...this.backfills.filter((b) => b.id !== record.id), record];
  }

  save(): Promise<void> {
    return this.persister.save();
  }

  flush(): Promise<void> {
    return this.persister.idle();
  }
}

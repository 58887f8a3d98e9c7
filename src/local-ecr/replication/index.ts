// Replication for one local ECR: its engine, and the directory of the account's regions it
// shares with the other regions' local ECRs (the main one owns the directory and closes it).
import type { EcrContext } from '../context.js';
import { attachReplication, ReplicationEngine } from './engine.js';
import { Regions, type RegionalEcr } from './regions.js';

export { replicateAfterPush, replicationOf, type ReplicationEngine } from './engine.js';
export { Regions, type PeerInfo } from './regions.js';

/** Starts another region's local ECR that joins `regions`. */
export type StartRegion = (region: string, dataDir: string, port: number, regions: Regions) => Promise<RegionalEcr>;

export interface Replication {
  readonly engine: ReplicationEngine;
  /** Every region's local ECR in this process. */
  readonly regions: Regions;
  /** Set when replication.json was unreadable and kept aside. */
  readonly warning?: string;
  close(): Promise<void>;
}

/**
 * Starts replication for `ctx`. Without `shared` this is the main local ECR: it creates the
 * region directory and waits for the regions its saved configuration names. A region's local
 * ECR (`shared` given) starts its own destinations without waiting, so that two regions that
 * replicate to each other do not wait on each other's start.
 */
export async function startReplication(ctx: EcrContext, startRegion: StartRegion, shared?: Regions): Promise<Replication> {
  const regions: Regions = shared ?? new Regions(ctx, (region, dataDir, port): Promise<RegionalEcr> => startRegion(region, dataDir, port, regions));
  const engine = await ReplicationEngine.open(ctx, regions);
  attachReplication(ctx, engine);
  if (shared) void engine.start().catch(() => undefined);
  else await engine.start();
  return {
    engine, regions, warning: engine.state.warning,
    async close() {
      await engine.close();
      if (!shared) await regions.close();
    },
  };
}

// The other regions of the account: each destination region of a replication configuration
// gets its own local ECR in this process, on its own loopback port, with its data in
// `<main data>/regions/<region>/`, sharing the main one's IAM (IAM is global) and clock.
// One local ECR still serves one region on one endpoint, as ECR's regional endpoints do.
import { readFile, writeFile } from 'node:fs/promises';
import { makeDir } from '../../state/make-dir.js';
import { join } from 'node:path';
import type { EcrContext } from '../context.js';
import type { RequestLog } from '../request-log.js';

/** A running local ECR for one region, as the region directory needs it. */
export interface RegionalEcr {
  readonly context: EcrContext;
  readonly endpoint: string;
  readonly registryHost: string;
  close(): Promise<void>;
}

/** Starts the local ECR of another region on `dataDir`, on `port` (0: any free one). */
export type StartPeer = (region: string, dataDir: string, port: number) => Promise<RegionalEcr>;

/** A peer as `serve` prints it. */
export interface PeerInfo {
  readonly region: string;
  readonly endpoint: string;
  readonly registryHost: string;
  /** Its requests, for serve to print. */
  readonly log: RequestLog;
}

function infoOf(ecr: RegionalEcr): PeerInfo {
  return { region: ecr.context.config.region, endpoint: ecr.endpoint, registryHost: ecr.registryHost, log: ecr.context.log };
}

/** The port a region's local ECR had last time, so its endpoint stays the same across restarts. */
async function previousPort(dataDir: string): Promise<number> {
  const port = Number(await readFile(join(dataDir, 'port'), 'utf8').catch(() => '0'));
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : 0;
}

export class Regions {
  private readonly peers = new Map<string, Promise<RegionalEcr>>();
  private readonly listeners = new Set<(peer: PeerInfo) => void>();
  private closed = false;

  constructor(private readonly main: EcrContext, private readonly startPeer: StartPeer) {}

  /** The local ECR that serves `region` in this account, started when first needed. */
  get(region: string): Promise<EcrContext> {
    if (region === this.main.config.region) return Promise.resolve(this.main);
    return this.peer(region).then((p) => p.context);
  }

  private peer(region: string): Promise<RegionalEcr> {
    if (this.closed) return Promise.reject(new Error('the local ECR is shutting down'));
    let peer = this.peers.get(region);
    if (!peer) {
      peer = this.launch(region);
      this.peers.set(region, peer);
      // A peer that failed to start may be tried again by the next call.
      peer.catch(() => this.peers.delete(region));
    }
    return peer;
  }

  private async launch(region: string): Promise<RegionalEcr> {
    const dataDir = join(this.main.config.dataDir, 'regions', region);
    await makeDir(dataDir);
    const port = await previousPort(dataDir);
    const ecr = await this.startPeer(region, dataDir, port).catch((err: unknown) => {
      if (port !== 0 && (err as NodeJS.ErrnoException).code === 'EADDRINUSE') return this.startPeer(region, dataDir, 0);
      throw err;
    });
    await writeFile(join(dataDir, 'port'), String(ecr.context.config.port));
    const info = infoOf(ecr);
    for (const listener of this.listeners) listener(info);
    return ecr;
  }

  /** The peers running now (started ones only), in the order they started. */
  async list(): Promise<PeerInfo[]> {
    const settled = await Promise.allSettled(this.peers.values());
    return settled.flatMap((s) => (s.status === 'fulfilled' ? [infoOf(s.value)] : []));
  }

  /** Calls `listener` for each peer started from now on; returns the unsubscribe. */
  onPeer(listener: (peer: PeerInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    const settled = await Promise.allSettled(this.peers.values());
    await Promise.all(settled.map((s) => (s.status === 'fulfilled' ? s.value.close() : undefined)));
  }
}

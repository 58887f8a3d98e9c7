// `ecr-lab serve`: starts the local ECR in the foreground, prints the lines to paste into a
// shell for the real aws and docker CLIs, then one line per request (never a secret).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY } from './config.js';
import type { RequestLogEntry } from './request-log.js';
import { iamAnswersFile } from '../state/paths.js';
import { startLocalEcr } from './server.js';
import type { PeerInfo } from './replication/index.js';

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly region: string;
  readonly account: string;
  /** Kept across runs when given; a fresh temp dir otherwise. */
  readonly dataDir?: string;
  readonly out: (line: string) => void;
  /** Turns on the admin endpoint (faults, clock) for this secret. */
  readonly adminSecret?: string;
}

/** A running serve. */
export interface Serving {
  readonly port: number;
  readonly endpoint: string;
  /** The running local ECR (its faults take a client adapter from the caller). */
  readonly ecr: import('./server.js').LocalEcr;
  close(): Promise<void>;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** One log line: time, method, path, status and error code. Entries never carry secrets. */
export function formatLogEntry(entry: RequestLogEntry): string {
  const time = new Date(entry.time).toISOString().slice(11, 19);
  const path = entry.path.replace(/([?&](?:X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|token|password)=)[^&\s]*/gi, '$1****');
  return [time, entry.method.padEnd(6), path, String(entry.status), entry.errorCode ?? ''].join(' ').trimEnd();
}

/** The lines a learner pastes to point the aws CLI and docker at this local ECR. */
export function pasteLines(endpoint: string, registryHost: string, region: string): string[] {
  return [
    `export AWS_ACCESS_KEY_ID=${EXAMPLE_ACCESS_KEY_ID}`,
    `export AWS_SECRET_ACCESS_KEY=${EXAMPLE_SECRET_ACCESS_KEY}`,
    `export AWS_DEFAULT_REGION=${region}`,
    `aws --endpoint-url ${endpoint} ecr create-repository --repository-name ecr-lab/demo`,
    `aws --endpoint-url ${endpoint} ecr get-login-password | docker login --username AWS --password-stdin ${registryHost}`,
  ];
}

/** Where another region's local ECR (a replication destination) listens. */
export function peerLine(peer: PeerInfo): string {
  return `local ECR for ${peer.region} listening on ${peer.endpoint} (registry host ${peer.registryHost}): aws --region ${peer.region} --endpoint-url ${peer.endpoint} ecr describe-images ...`;
}

/**
 * How long a basic scan stays IN_PROGRESS under serve, on its clock. A learner types the real
 * aws CLI here, each command ~0.5 s to start: at `run`'s 10 ms, describe-image-scan-findings
 * and `aws ecr wait image-scan-complete` only ever met a finished scan. Five seconds (ECR's own
 * take tens) leaves one to see IN_PROGRESS, and the waiter, which asks again every 5 s, ends
 * at its second ask.
 */
export const SERVE_SCAN_MS = 5000;

/** Starts the local ECR and prints how to use it; `close()` stops it. */
export async function runServe(options: ServeOptions): Promise<Serving> {
  const dataDir = options.dataDir ?? await mkdtemp(join(tmpdir(), 'ecr-lab-serve-'));
  // Without --data the world is this run's alone: it goes when serve stops (or fails to start).
  const removeTemp = () => (options.dataDir ? Promise.resolve() : rm(dataDir, { recursive: true, force: true }));
  const ecr = await startLocalEcr({
    dataDir, port: options.port, host: options.host, region: options.region, account: options.account, adminSecret: options.adminSecret,
    answerCache: iamAnswersFile(), scanDurationMs: SERVE_SCAN_MS,
  }).catch(async (err: unknown) => {
    await removeTemp();
    throw err;
  });
  const { out } = options;
  for (const warning of ecr.warnings) out(warning);
  out(`local ECR listening on ${ecr.endpoint} (region ${options.region}, account ${options.account})`);
  out(`registry host for docker: ${ecr.registryHost}`);
  // Replication destinations in this account: each region has its own local ECR and endpoint.
  for (const peer of await ecr.replication.regions.list()) out(peerLine(peer));
  out(`data directory: ${dataDir}${options.dataDir ? '' : ' (temporary: removed when serve stops)'}`);
  if (!isLoopback(options.host)) {
    out(`WARNING: listening on ${options.host}, not loopback: anyone who can reach this address can use the example key.`);
    out('WARNING: docker talks plain HTTP only to 127.0.0.0/8 or registries listed in its insecure-registries setting.');
  }
  out('');
  out('Paste these lines into a shell (AWS\'s documented example key, accepted only here):');
  for (const line of pasteLines(ecr.endpoint, ecr.registryHost, options.region)) out(`  ${line}`);
  out('');
  const on = ecr.context.faults.list().map((f) => f.name);
  if (on.length) out(`Faults still on from the last run: ${on.join(', ')} (ecr-lab fault reset switches them off)`);
  const moved = ecr.context.clock.moved();
  if (moved !== 0) out(`The clock is still moved from the last run: ${moved > 0 ? '+' : '-'}${(Math.abs(moved) / 3_600_000).toFixed(1)}h (ecr-lab clock reset puts it back)`);
  out('Faults and the clock: ecr-lab fault list | on NAME | off NAME | reset, ecr-lab clock +13h | reset');
  out('');
  out('Requests (Ctrl+C to stop):');
  const unsubscribe = ecr.context.log.subscribe((entry) => out(formatLogEntry(entry)));
  // Another region's requests are printed too, marked with its region.
  const peerLogs: (() => void)[] = [];
  const follow = (peer: PeerInfo) => peerLogs.push(peer.log.subscribe((entry) => out(`[${peer.region}] ${formatLogEntry(entry)}`)));
  for (const peer of await ecr.replication.regions.list()) follow(peer);
  const unsubscribePeers = ecr.replication.regions.onPeer((peer) => {
    out(peerLine(peer));
    follow(peer);
  });
  return {
    port: ecr.port, endpoint: ecr.endpoint, ecr,
    async close() {
      unsubscribe();
      unsubscribePeers();
      for (const stop of peerLogs) stop();
      await ecr.close();
      await removeTemp();
    },
  };
}

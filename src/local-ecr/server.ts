// Starts the local ECR: one HTTP server on loopback that answers the ECR JSON API and STS on
// `POST /` and the registry API on `/v2/`, over one store on disk.
import { createServer, type Server } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import { makeDir } from '../state/make-dir.js';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { persistentClock, type Clock } from './clock.js';
import type { Identity, LocalEcrConfig } from './config.js';
import type { EcrContext } from './context.js';
import { FaultEngine } from './faults/engine.js';
import { hidingStore } from './faults/hiding-store.js';
import { FaultState, NETWORK_HANG_MS } from './faults/state.js';
import { lockDataDir } from './data-lock.js';
import { AnswerCache } from './iam/answer-cache.js';
import { keptAnswersFile, loadSimulator } from './iam/evaluate.js';
import { IamWorld } from './iam/world.js';
import { RequestLog } from './request-log.js';
import { TokenCodec } from './token.js';
import { openStore } from './store/index.js';
import { RegistrySettings } from './store/registry-settings.js';
import { handleControl } from './control/index.js';
import { handleLayerDownload, LAYER_BUCKET_PREFIX } from './control/layer-download.js';
import { handleRegistry } from './registry/index.js';
import { failureAnswer } from './registry/storage-errors.js';
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from '../core/steps.js';
import { ADMIN_PREFIX, handleAdmin } from './admin.js';
import { startLifecycleRunner, type LifecycleRunner } from './lifecycle-runner.js';
import { startUpstream } from './upstream/server.js';
import { startReplication, type Regions, type Replication } from './replication/index.js';

export interface LocalEcr {
  readonly context: EcrContext;
  /** Switches faults on and off. */
  readonly faults: FaultEngine;
  /** One line per file that was unreadable at start and kept aside. */
  readonly warnings: readonly string[];
  readonly endpoint: string;
  readonly registryHost: string;
  readonly port: number;
  /** Replication: its engine and the other regions' local ECRs started in this process. */
  readonly replication: Replication;
  /** Applies lifecycle policies on the local clock (hourly and on every clock move). */
  readonly lifecycle: LifecycleRunner;
  close(): Promise<void>;
}

export interface LocalEcrOptions extends Partial<LocalEcrConfig> {
  readonly dataDir: string;
  readonly clock?: Clock;
  /** Enables the admin endpoint (faults, clock) for callers that present this secret. */
  readonly adminSecret?: string;
  /** Another region's local ECR: the main one's IAM (IAM is global) and region directory. */
  readonly peerOf?: { readonly iam: IamWorld; readonly regions: Regions };
  /** The file that keeps the IAM simulator's answers between runs (iam/answer-cache.ts); none kept without it. */
  readonly answerCache?: string;
}

/** The key that signs registry tokens, kept in the data dir so tokens survive a restart. */
async function tokenKey(dataDir: string): Promise<Buffer> {
  const file = join(dataDir, 'token.key');
  try {
    return await readFile(file);
  } catch {
    const key = randomBytes(32);
    await writeFile(file, key, { mode: 0o600 });
    return key;
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Adds the seed identities (tests, fixtures) that the IAM does not hold yet. */
async function seed(iam: IamWorld, identities: readonly Identity[], nowS: number): Promise<void> {
  const missing = identities.filter((i) => !iam.key(i.accessKeyId));
  if (missing.length === 0) return;
  await iam.update((s) => {
    const users = { ...s.users };
    const keys = { ...s.keys };
    for (const i of missing) {
      const name = i.arn.split('/').pop() ?? i.accessKeyId;
      const statements = [
        ...(i.allow.length ? [{ Effect: 'Allow', Action: i.allow, Resource: '*' }] : []),
        ...(i.deny?.length ? [{ Effect: 'Deny', Action: i.deny, Resource: '*' }] : []),
      ];
      users[name] ??= { name, id: i.userId, path: '/', createdAt: nowS, attached: [], tags: [],
        inline: statements.length ? { seeded: JSON.stringify({ Version: '2012-10-17', Statement: statements }) } : {} };
      keys[i.accessKeyId] = { id: i.accessKeyId, secret: i.secretAccessKey, user: name, status: 'Active', createdAt: nowS };
    }
    return { ...s, users, keys };
  });
}

/** Holds a request without an answer, then drops it: what a client sees with no route to AWS. */
function hang(res: import('node:http').ServerResponse): void {
  const timer = setTimeout(() => res.destroy(), NETWORK_HANG_MS);
  res.on('close', () => clearTimeout(timer));
}

/** Starts a local ECR; `port: 0` (the default) picks a free port. */
export async function startLocalEcr(options: LocalEcrOptions): Promise<LocalEcr> {
  // The policy simulator is the first request's largest cost: its thread loads it while the
  // store opens and the clients start (unless the answers of an earlier run are kept).
  // openTarget has read the file already when the CLI opened this local ECR: it is not read twice.
  const answers = options.answerCache;
  loadSimulator(answers && answers !== keptAnswersFile() ? await AnswerCache.open(answers) : undefined);
  const account = options.account ?? DEFAULT_ACCOUNT;
  await makeDir(options.dataDir);
  const unlock = await lockDataDir(options.dataDir);
  const persisted = options.clock ? undefined : await persistentClock(options.dataDir);
  const clock = options.clock ?? (persisted as { clock: Clock }).clock;
  const rawStore = await openStore(options.dataDir);
  const { world: iam, warning: iamWarning } = options.peerOf
    ? { world: options.peerOf.iam, warning: undefined }
    : await IamWorld.open(options.dataDir, account, Math.floor(clock.now() / 1000));
  const { state: faults, warning: faultWarning } = await FaultState.open(options.dataDir);
  const registry = await RegistrySettings.open(options.dataDir);
  const tokens = new TokenCodec(await tokenKey(options.dataDir));
  const server = createServer();
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, host);
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const config: LocalEcrConfig = {
    host, port, account,
    region: options.region ?? DEFAULT_REGION,
    dataDir: options.dataDir,
    identities: options.identities ?? [],
    scanDurationMs: options.scanDurationMs,
  };
  await seed(iam, config.identities, Math.floor(clock.now() / 1000));
  // Creating the hidden repository again is the fix: the fault ends and its images are back.
  const store = hidingStore(rawStore, faults, () => faults.remove('repository-missing'));
  const context: EcrContext = {
    config, store, registry, tokens, clock, iam, faults,
    log: new RequestLog(),
    endpoint: `http://${hostPart}:${port}`,
    registryHost: `${hostPart}:${port}`,
  };
  const engine = new FaultEngine(context);
  const lifecycle = startLifecycleRunner(context);
  // Before the first request, so that no push goes unreplicated; starts the saved destinations.
  const replication = await startReplication(context, (region, dataDir, peerPort, regions) => startLocalEcr({
    dataDir, port: peerPort, host, region, account, clock, peerOf: { iam, regions }, scanDurationMs: options.scanDurationMs,
  }), options.peerOf?.regions);
  // The stand-in Docker Hub and ECR Public that the pull-through cache pulls from.
  const upstream = await startUpstream(context);
  server.on('request', (req, res) => {
    if (faults.isNetworkBlocked() && !req.url?.startsWith(ADMIN_PREFIX)) {
      hang(res);
      return;
    }
    if (req.url?.startsWith(ADMIN_PREFIX)) {
      handleAdmin(req, res, { ctx: context, engine, secret: options.adminSecret });
      return;
    }
    const handler = req.url?.startsWith('/v2') ? handleRegistry
      : req.url?.startsWith(LAYER_BUCKET_PREFIX) ? handleLayerDownload : handleControl;
    handler(req, res, context).catch((err: unknown) => {
      if (!res.headersSent && handler === handleRegistry) {
        // The registry's clients read only its JSON errors (a full disk under --data, say).
        const { status, code, message, detail } = failureAnswer(err, account);
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'docker-distribution-api-version': 'registry/2.0' });
        res.end(JSON.stringify({ errors: [{ code, message, detail }] }));
      } else if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ __type: 'ServerException', message: String((err as Error)?.message ?? err) }));
      } else {
        res.destroy();
      }
    });
  });
  return {
    context, port, faults: engine, replication, lifecycle,
    warnings: [persisted?.warning, rawStore.warning, iamWarning, faultWarning, registry.warning, replication.warning].filter((w): w is string => w !== undefined),
    endpoint: context.endpoint,
    registryHost: context.registryHost,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // The replication under way finishes; the rest stays pending on disk for the next start.
      await replication.close();
      await lifecycle.close();
      // Requests a client abandoned may still have a catalog write under way.
      await upstream.close();
      await Promise.all([store.flush(), registry.flush(), iam.flush(), faults.flush(), persisted?.flush()]);
      await unlock();
    },
  };
}

// The two targets, each built once: the local ECR started in-process on a loopback port, or
// live AWS through the SDK's default credential chain. Both return the same runner shape.
import { join } from 'node:path';
import { DEFAULT_REGION, type TargetContext } from '../core/steps.js';
import { EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY } from '../local-ecr/config.js';
import type { RequestLog } from '../local-ecr/request-log.js';
import { startLocalEcr, type LocalEcr, type LocalEcrOptions } from '../local-ecr/server.js';
import { DataDirInUseError } from '../local-ecr/data-lock.js';
import { loadJson, saveJson } from '../state/json-file.js';
import { Journal } from '../state/journal.js';
import { Ledger } from '../state/ledger.js';
import { demoImageName, iamAnswersFile, stateDir as defaultStateDir } from '../state/paths.js';
import { randomBytes } from 'node:crypto';
import { removeAdminFile, writeAdminFile } from '../state/admin-file.js';
import { createEcrApi, createIdentity, resolveRegion } from './aws/clients.js';
import { EndpointLog, registryFromProxyEndpoint } from './aws/endpoints.js';
import { createClientFaults } from './client-faults.js';
import { createTroubleshooting } from './troubleshooting.js';
import { chooseEngine, type ChosenEngine, type EngineChoice } from './engine-choice.js';
import { createDockerEngine } from './engines/docker.js';
import { faultyEcr, faultyEngine, faultyIdentity, OTHER_REGION, type EngineVariants } from './fault-decorators.js';
import { StepFailure, toFailure } from './errors.js';
import { createInspector } from './inspector.js';
import { createRunner } from './runner.js';
import type { Inspector, StepRunner } from './types.js';

/** A target ready to run steps. */
export interface Target {
  readonly runner: StepRunner;
  readonly context: TargetContext;
  readonly engine: 'docker' | 'builtin';
  /** Why that engine was chosen, one line. */
  readonly engineReason: string;
  /** Read-only views for the TUI's panels (who am I, registry, and on the local ECR the wire). */
  readonly inspector: Inspector;
  /** Live only: the endpoint the SDK's settings sent calls to when it is not AWS's own. */
  readonly nonAwsEndpoint?: string;
  close(): Promise<void>;
}

/** The local ECR target, with the emulator's request log for the TUI's "wire" view. */
export interface LocalTarget extends Target {
  readonly requestLog: RequestLog;
  /** The running emulator (clock, store, faults). */
  readonly server: LocalEcr;
  /** The image engine as the learner's steps see it (faults applied), for drill checks. */
  readonly engineForChecks: import('./ports.js').ImageEngine;
  /** Faults, clock and drills for the TUI. */
  readonly troubleshooting: import('./troubleshooting.js').Troubleshooting;
}

export interface LocalTargetOptions {
  readonly stateDir?: string;
  readonly engine?: EngineChoice;
  /** Where the local ECR keeps its data; default `<stateDir>/local-ecr` (kept across runs). */
  readonly dataDir?: string;
  /** Fixed port; default: the port used last time if free, else any free port. */
  readonly port?: number;
  /** How often a step asks again (a scan, a lifecycle preview); default 4 ms, see LOCAL_POLL_MS. */
  readonly pollIntervalMs?: number;
  readonly dockerConfigDir?: string;
  /** Ask before changes as on live AWS (default false: the local ECR costs nothing). */
  readonly askBeforeChanges?: boolean;
  /** Open the admin endpoint so `ecr-lab fault` and `clock` reach this local ECR (the TUI). */
  readonly admin?: boolean;
  /** A learner watches the steps (the TUI, a presenter, a drill): see INTERACTIVE_SCAN_MS. */
  readonly interactive?: boolean;
  /** How long a scan stays IN_PROGRESS on the local clock; default SCAN_DURATION_MS, or INTERACTIVE_SCAN_MS when interactive. */
  readonly scanDurationMs?: number;
}

/**
 * The local ECR answers on loopback in a millisecond or two and its scan lasts SCAN_DURATION_MS
 * (10 ms) on its clock, so a step may ask again every 4 ms: the card still shows IN_PROGRESS,
 * then COMPLETE, and ends within ~4 ms of the scan (and a lifecycle preview's one wait is 4 ms).
 */
const LOCAL_POLL_MS = 4;

/**
 * Where a learner watches a card, the local scan lasts a second and the card asks every 200 ms:
 * DescribeImageScanFindings is seen IN_PROGRESS (asking again) for a moment, then COMPLETE, as
 * on AWS but sooner. At 50 ms the TUI's first ask, sent once it has drawn StartImageScan's
 * answer, often found the scan over already; asking every 10 ms for a second would fill the
 * wire view with the same call.
 */
const INTERACTIVE_SCAN_MS = 1000;
const INTERACTIVE_POLL_MS = 200;

/** docker set up the way `docker-daemon-down` and `sudo-docker` describe; none for the built-in engine. */
function engineVariants(chosen: ChosenEngine, stateDir: string): EngineVariants {
  if (chosen.engine.name !== 'docker') return {};
  return {
    noDaemon: createDockerEngine({ env: { DOCKER_HOST: 'unix:///run/ecr-lab-no-docker-daemon.sock' } }),
    otherUser: createDockerEngine({ env: { DOCKER_CONFIG: join(stateDir, 'other-linux-user-docker') } }),
  };
}

async function listenRemembered(
  stateDir: string, dataDir: string, port: number | undefined, options: Pick<LocalEcrOptions, 'adminSecret' | 'scanDurationMs'>,
): Promise<LocalEcr> {
  const file = join(stateDir, 'local-ecr-port.json');
  const answerCache = iamAnswersFile();
  const remembered = port ?? (await loadJson<{ port?: number }>(file, {}, () => undefined)).value.port;
  let server: LocalEcr;
  try {
    server = await startLocalEcr({ ...options, dataDir, port: remembered ?? 0, answerCache });
  } catch (err) {
    if (port !== undefined || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    server = await startLocalEcr({ ...options, dataDir, port: 0, answerCache });
  }
  // The same port next time keeps docker's login (keyed by host:port) and tags valid. Written
  // atomically but not fsynced: a crash that lost it would cost a new port, so a login and the
  // local tags that name the old host:port, never a repository or an image in the local ECR.
  if (server.port !== remembered) await saveJson(file, { port: server.port }, 0o600, false);
  return server;
}

/**
 * Starts the embedded local ECR on 127.0.0.1 and a runner against it. Data persists in
 * `<stateDir>/local-ecr` so that the ledger, images and docker's tags stay meaningful across
 * runs; pass `dataDir` (e.g. a temp dir) to keep it elsewhere.
 */
export async function createLocalTarget(options: LocalTargetOptions = {}): Promise<LocalTarget> {
  const stateDir = options.stateDir ?? defaultStateDir();
  const adminSecret = options.admin ? randomBytes(24).toString('base64url') : undefined;
  const scanDurationMs = options.scanDurationMs ?? (options.interactive ? INTERACTIVE_SCAN_MS : undefined);
  const server = await listenRemembered(stateDir, options.dataDir ?? join(stateDir, 'local-ecr'), options.port, { adminSecret, scanDurationMs })
    .catch((err: unknown) => {
      // The course's own data dir is not chosen with --data (only serve has that flag).
      if (err instanceof DataDirInUseError && options.dataDir === undefined) {
        throw new DataDirInUseError(err.busy, 'give this one a state directory of its own (ECR_LAB_STATE_DIR=<dir>)');
      }
      throw err;
    });
  const { region, account } = server.context.config;
  const context: TargetContext = { kind: 'local', region, account, registry: server.registryHost, endpointUrl: server.endpoint, localImage: demoImageName(stateDir) };
  const aws = {
    region, endpoint: server.endpoint, maxAttempts: 1, requestTimeoutMs: 10_000,
    credentials: { accessKeyId: EXAMPLE_ACCESS_KEY_ID, secretAccessKey: EXAMPLE_SECRET_ACCESS_KEY },
  };
  try {
    const chosen = await chooseEngine(options.engine ?? 'auto', stateDir, options.dockerConfigDir ? { DOCKER_CONFIG: options.dockerConfigDir } : undefined);
    const { faults, tokens, clock } = server.context;
    const other = { ...aws, region: OTHER_REGION };
    const ecr = faultyEcr(createEcrApi(aws), () => createEcrApi(other), faults, server.endpoint);
    const identity = faultyIdentity(createIdentity(aws), () => createIdentity(other), faults);
    const engine = faultyEngine(chosen.engine, engineVariants(chosen, stateDir), faults, region);
    server.faults.useClient(createClientFaults({
      engine: chosen.engine, registry: server.registryHost, isOwnClient: true,
      foreignPassword: () => tokens.issue(EXAMPLE_ACCESS_KEY_ID, OTHER_REGION, account, clock.now()).password,
    }));
    const ports = { context, ecr, identity, engine, dockerConfigDir: options.dockerConfigDir };
    const runner = createRunner({
      ...ports, ledger: Ledger.in(stateDir), journal: Journal.in(stateDir),
      pollIntervalMs: options.pollIntervalMs ?? (options.interactive ? INTERACTIVE_POLL_MS : LOCAL_POLL_MS), askBeforeChanges: options.askBeforeChanges ?? false,
    });
    const requestLog = server.context.log;
    const inspector = createInspector({ ...ports, requestLog });
    if (adminSecret) {
      await writeAdminFile(stateDir, { port: server.port, endpoint: server.endpoint, secret: adminSecret, pid: process.pid, owner: 'tui' });
    }
    const close = async () => {
      if (adminSecret) await removeAdminFile(stateDir, server.port);
      await server.close();
    };
    const local: Omit<LocalTarget, 'troubleshooting'> = { runner, inspector, context, engine: chosen.engine.name, engineReason: chosen.reason, requestLog, server, close, engineForChecks: engine };
    return { ...local, troubleshooting: createTroubleshooting(local as LocalTarget) };
  } catch (err) {
    await server.close();
    throw err;
  }
}

export interface LiveTargetOptions {
  readonly profile?: string;
  readonly region?: string;
  readonly engine?: EngineChoice;
  readonly stateDir?: string;
  /** SDK retries (default 3). */
  readonly maxAttempts?: number;
  readonly dockerConfigDir?: string;
}

/**
 * Connects to real AWS: region from the option, the environment or the profile; credentials
 * from the default chain; the account from STS. Throws a StepFailure (explained) when any is missing.
 */
export async function createLiveTarget(options: LiveTargetOptions = {}): Promise<Target> {
  const stateDir = options.stateDir ?? defaultStateDir();
  const region = options.region ?? await resolveRegion(options.profile);
  if (!region) throw toFailure(new StepFailure('RegionMissing', `Region is missing (try --region ${DEFAULT_REGION})`));
  // No `credentials`: the clients' own default chain (env, the profile's keys, SSO, process,
  // web identity, container and instance roles) finds them, and honours `profile`.
  const endpoints = new EndpointLog();
  const aws = { region, profile: options.profile, maxAttempts: options.maxAttempts ?? 3, onEndpoint: endpoints.sink };
  const identity = createIdentity(aws);
  let account: string;
  try {
    account = (await identity.whoami()).account;
  } catch (err) {
    throw toFailure(err);
  }
  const ecr = createEcrApi(aws);
  const registry = await registryFromProxyEndpoint(ecr, account, region, endpoints);
  const serviceEndpoints = endpoints.nonAwsByService();
  const context: TargetContext = {
    kind: 'live', region, account, registry, profile: options.profile, localImage: demoImageName(stateDir),
    ...(Object.keys(serviceEndpoints).length ? { serviceEndpoints } : {}),
  };
  const chosen = await chooseEngine(options.engine ?? 'auto', stateDir, options.dockerConfigDir ? { DOCKER_CONFIG: options.dockerConfigDir } : undefined);
  const ports = { context, ecr, identity, engine: chosen.engine, dockerConfigDir: options.dockerConfigDir };
  // A scan on AWS takes tens of seconds; a local endpoint answers at once.
  const pollIntervalMs = endpoints.nonAws() ? 200 : 5000;
  const runner = createRunner({ ...ports, ledger: Ledger.in(stateDir), journal: Journal.in(stateDir), pollIntervalMs, askBeforeChanges: true });
  return {
    runner, inspector: createInspector(ports), context, engine: chosen.engine.name, engineReason: chosen.reason,
    nonAwsEndpoint: endpoints.nonAws(), close: async () => undefined,
  };
}

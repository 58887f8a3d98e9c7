// Runs the IAM simulator (@cloud-copilot/iam-simulate, AGPL-3.0, loaded unmodified from
// node_modules) on a worker thread: its ~75 CommonJS files (cloud-copilot.ts says why not its
// ES modules) compile there, on another core, while this thread starts the local ECR and the
// clients. Every question still goes to the simulator and its answer is the one used; when the
// thread cannot start or dies, the simulator runs on this thread instead.
import module from 'node:module';
import { basename, dirname } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { simulator, simulatorPath } from './cloud-copilot.js';

type Simulator = typeof import('@cloud-copilot/iam-simulate');
/** What runSimulation takes. */
export type SimulationInput = Parameters<Simulator['runSimulation']>[0];
/** What runSimulation answers (plain data, copied between threads). */
export type SimulationResult = Awaited<ReturnType<Simulator['runSimulation']>>;

// CommonJS, as Node runs `eval` workers. It requires the simulator once (in the compile cache's
// directory when this thread has one) and answers each { id, input } with { id, result | error };
// a simulator that cannot be loaded there ends the thread, and this one takes over. Its first
// simulation compiles most of the evaluator and reads ECR's action data (~30 ms): WARM_UP asks
// it there, before any request waits on it, and its answer is thrown away. (Warming it on each
// of the seminar's 16 actions made `run all` slower on 2 cores, not faster: 30 alternating
// rounds, Node 24.) The compile cache is written then, since the process ends this thread
// without the flush a thread's own exit makes.
const WARM_UP: SimulationInput = {
  request: {
    principal: 'arn:aws:iam::123456789012:user/warm-up', action: 'ecr:DescribeRepositories',
    resource: { resource: 'arn:aws:ecr:us-east-1:123456789012:repository/warm-up', accountId: '123456789012' },
    contextVariables: { 'aws:SourceIp': '127.0.0.1', 'aws:CurrentTime': '2026-01-01T00:00:00.000Z' },
  },
  identityPolicies: [{ name: 'warm-up', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecr:*', Resource: '*' }] } }],
  serviceControlPolicies: [], resourceControlPolicies: [],
};
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
try { if (workerData.cacheDir) require('node:module').enableCompileCache?.(workerData.cacheDir); } catch {}
let simulator;
try { simulator = require(workerData.path); } catch { process.exit(1); }
const simulate = (input) => Promise.resolve().then(() => simulator.runSimulation(input, {}));
simulate(workerData.warmUp).catch(() => {})
  .then(() => { try { require('node:module').flushCompileCache?.(); } catch {} });
parentPort.on('message', ({ id, input }) => {
  simulate(input).then(
    (result) => parentPort.postMessage({ id, result }),
    (err) => parentPort.postMessage({ id, error: String(err && err.stack || err) }));
});`;

interface Pending {
  readonly input: SimulationInput;
  readonly resolve: (result: SimulationResult) => void;
  readonly reject: (err: unknown) => void;
}

type Reply = { readonly id: number; readonly result: SimulationResult } | { readonly id: number; readonly error: string };

/** The simulator loaded on this thread (the fallback). */
function simulateHere(input: SimulationInput): Promise<SimulationResult> {
  return Promise.resolve().then(() => simulator().runSimulation(input, {}));
}

/**
 * The directory bin/ecr-lab.js gave this thread's compile cache (Node 22.8+, when it enabled one).
 * Node answers with the subdirectory it keeps for this Node and its flags (`v24.11.1-x64-<hash>-0`),
 * and would make another such one inside it if handed that: the worker gets its parent.
 */
function compileCacheDir(): string | undefined {
  const dir = (module as { getCompileCacheDir?: () => string | undefined }).getCompileCacheDir?.();
  return dir && basename(dir).startsWith(`v${process.versions.node}-`) ? dirname(dir) : dir;
}

/** One worker thread running the simulator; questions are matched to answers by id. */
export class SimulatorThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(path = simulatorPath()) {
    try {
      // Required here, not imported: node:worker_threads and its internals take ~1.5 ms to load
      // (Node 24), and a run whose answers are all kept never starts the thread.
      const { Worker: WorkerThread } = module.createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
      this.worker = new WorkerThread(WORKER_CODE, { eval: true, workerData: { path, cacheDir: compileCacheDir(), warmUp: WARM_UP } });
    } catch {
      return;
    }
    this.worker.on('message', (reply: Reply) => this.answer(reply));
    this.worker.on('error', () => this.fallBack());
    this.worker.on('exit', () => this.fallBack());
    // Not kept alive for itself, only while a question waits (see run); after the listeners,
    // since adding a 'message' listener refs the thread again.
    this.worker.unref();
  }

  /** True while questions go to the worker thread. */
  get isOnWorker(): boolean {
    return this.worker !== undefined;
  }

  run(input: SimulationInput): Promise<SimulationResult> {
    const worker = this.worker;
    if (!worker) return simulateHere(input);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      if (this.pending.size === 0) worker.ref();
      this.pending.set(id, { input, resolve, reject });
      worker.postMessage({ id, input });
    });
  }

  /** Stops the thread; later questions (and any still waiting) are answered on this thread. */
  async terminate(): Promise<void> {
    const worker = this.worker;
    this.fallBack();
    await worker?.terminate();
  }

  private answer(reply: Reply): void {
    const item = this.pending.get(reply.id);
    if (!item) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker?.unref();
    if ('error' in reply) item.reject(new Error(`IAM simulator: ${reply.error}`));
    else item.resolve(reply.result);
  }

  private fallBack(): void {
    if (!this.worker) return;
    this.worker.unref();
    this.worker = undefined;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const item of waiting) simulateHere(item.input).then(item.resolve, item.reject);
  }
}

let shared: SimulatorThread | undefined;

/** True once the process has started its simulator thread. */
export function isSimulatorStarted(): boolean {
  return shared !== undefined;
}

/** The process's simulator thread, started on first use (the local ECR starts it as it starts). */
export function simulatorThread(): SimulatorThread {
  shared ??= new SimulatorThread();
  return shared;
}

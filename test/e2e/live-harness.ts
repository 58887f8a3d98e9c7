// `ecr-lab --live` against `ecr-lab serve` through the SDK's standard endpoint settings only:
// serve runs as a child process, and every ecr-lab and aws run gets a clean environment with
// its own AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, DOCKER_CONFIG and state dir.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { expect } from 'vitest';
import { EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY } from '../../src/local-ecr/config.js';

export const AWS = '/usr/bin/aws';
export const ACCOUNT = '123456789012';
export const LEARNER_KEYS = { id: EXAMPLE_ACCESS_KEY_ID, secret: EXAMPLE_SECRET_ACCESS_KEY };

export interface Run { readonly exitCode: number; readonly stdout: string; readonly stderr: string }
export interface Keys { readonly id: string; readonly secret: string; readonly token?: string }
type Env = Readonly<Record<string, string>>;

/** A port on 127.0.0.1 that nothing listens on just now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Prints the call's JSON, or `Code: message` on stderr and exits 1. */
const BOTO = [
  'import sys, json, boto3, botocore.exceptions as e',
  's = boto3.Session(profile_name=sys.argv[3] or None)',
  'try: print(json.dumps(getattr(s.client(sys.argv[1]), sys.argv[2])(), default=str))',
  'except e.ClientError as x: sys.stderr.write(x.response["Error"]["Code"] + ": " + x.response["Error"]["Message"] + "\\n"); sys.exit(1)',
  'except e.BotoCoreError as x: sys.stderr.write(type(x).__name__ + ": " + str(x) + "\\n"); sys.exit(1)',
].join('\n');

/** A running `ecr-lab serve` and a private home for the clients that talk to it. */
export interface LiveLab {
  readonly endpoint: string;
  readonly port: number;
  readonly home: string;
  readonly stateDir: string;
  readonly child: ChildProcess;
  /** `node bin/ecr-lab.js <args>` with only `env` (plus PATH, HOME, the state dir, the config files). */
  ecrLab(args: readonly string[], env?: Env, timeoutMs?: number): Promise<Run>;
  /** Starts `node bin/ecr-lab.js <args>` like ecrLab, and hands back the child to kill. */
  spawnEcrLab(args: readonly string[], env?: Env): ResultPromise;
  /**
   * `/usr/bin/aws --endpoint-url <serve> <args>` the same way. This machine's CLI (2.9) predates
   * the configured-endpoint settings (CLI 2.13), so it is pointed at serve explicitly; `boto`
   * checks those settings with the same botocore logic the CLI uses.
   */
  aws(args: readonly string[], env?: Env): Promise<Run>;
  /** boto3 (botocore, which honours AWS_ENDPOINT_URL* and endpoint_url/services) calling `service.operation`. */
  boto(service: string, operation: string, env?: Env, profile?: string): Promise<Run>;
  /** Writes the shared config and credentials files (INI text). */
  writeAwsFiles(config: string, credentials: string): Promise<void>;
  close(): Promise<void>;
}

/** A running `node bin/ecr-lab.js serve` child: its port and everything it printed so far. */
export interface Serve {
  readonly child: ChildProcess;
  readonly port: number;
  output(): string;
}

/** Starts `ecr-lab serve` on a free port with `args` (e.g. `--data DIR`) and resolves once it is ready. */
export async function startServe(args: readonly string[], stateDir: string): Promise<Serve> {
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/ecr-lab.js', 'serve', ...args, '--port', String(port)], {
    env: { ...process.env, ECR_LAB_STATE_DIR: stateDir, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (d: Buffer) => { text += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { text += d.toString(); });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${text}`)), 20_000);
    child.stdout?.on('data', () => { if (text.includes('Requests (Ctrl+C to stop):')) { clearTimeout(timer); resolve(); } });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited ${code}:\n${text}`)); });
  });
  return { child, port, output: () => text };
}

export async function startLiveLab(): Promise<LiveLab> {
  const home = await mkdtemp(join(tmpdir(), 'ecr-lab-live-'));
  const stateDir = join(home, 'state');
  await mkdir(stateDir, { recursive: true });
  const { child, port } = await startServe([], stateDir);
  const endpoint = `http://127.0.0.1:${port}`;
  const base: Env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, ECR_LAB_STATE_DIR: stateDir, FORCE_COLOR: '0', NO_COLOR: '1',
    AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    DOCKER_CONFIG: join(home, 'docker'), AWS_PAGER: '', LANG: 'C.UTF-8', AWS_EC2_METADATA_DISABLED: 'true',
  };
  const exec = async (cmd: string, args: readonly string[], env: Env, timeoutMs: number): Promise<Run> => {
    const r = await execa(cmd, args, { reject: false, extendEnv: false, env: { ...base, ...env }, timeout: timeoutMs, stdin: 'ignore' });
    return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
  };
  await writeFile(join(home, 'config'), '');
  await writeFile(join(home, 'credentials'), '');
  return {
    endpoint, port, home, stateDir, child,
    ecrLab: (args, env = {}, timeoutMs = 170_000) => exec(process.execPath, ['bin/ecr-lab.js', ...args], env, timeoutMs),
    spawnEcrLab: (args, env = {}) => execa(process.execPath, ['bin/ecr-lab.js', ...args], { reject: false, extendEnv: false, env: { ...base, ...env }, stdin: 'ignore' }),
    aws: (args, env = {}) => exec(AWS, ['--endpoint-url', endpoint, '--output', 'json', ...args], env, 60_000),
    boto: (service, operation, env = {}, profile) => exec('python3', ['-c', BOTO, service, operation, profile ?? ''], env, 60_000),
    async writeAwsFiles(config, credentials) {
      await writeFile(join(home, 'config'), config);
      await writeFile(join(home, 'credentials'), credentials, { mode: 0o600 });
    },
    async close() {
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.kill('SIGINT'); });
      }
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** Environment keys for a client (a session token when the keys have one). */
export function keyEnv(keys: Keys): Env {
  return { AWS_ACCESS_KEY_ID: keys.id, AWS_SECRET_ACCESS_KEY: keys.secret, ...(keys.token ? { AWS_SESSION_TOKEN: keys.token } : {}) };
}

/** The learner's key and us-east-1: for setting the lab up with `aws`. */
export function adminEnv(): Env {
  return { ...keyEnv(LEARNER_KEYS), AWS_DEFAULT_REGION: 'us-east-1' };
}

/** The JSON a successful aws run printed. */
export function json(run: Run): Record<string, unknown> {
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  return run.stdout.trim() === '' ? {} : JSON.parse(run.stdout) as Record<string, unknown>;
}

/** Creates an IAM user with an access key through the real aws CLI; returns the key. */
export async function createUser(lab: LiveLab, name: string): Promise<Keys> {
  json(await lab.aws(['iam', 'create-user', '--user-name', name], adminEnv()));
  const key = json(await lab.aws(['iam', 'create-access-key', '--user-name', name], adminEnv())).AccessKey as Record<string, string>;
  return { id: key.AccessKeyId!, secret: key.SecretAccessKey! };
}

/** The step lines (✓/✗) of a plain `ecr-lab run` output. */
export function stepLines(run: Run): string[] {
  return run.stdout.split('\n').filter((l) => /^[✓✗] /.test(l));
}

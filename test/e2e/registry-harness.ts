// A local ECR for the real-client tests (docker, skopeo): identities for the IAM rows of
// ECR.md §4.3, tokens, per-test DOCKER_CONFIG dirs, and FROM scratch images built locally.
import { execa } from 'execa';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultIdentity, type Identity } from '../../src/local-ecr/config.js';
import { startLocalEcr, type LocalEcr } from '../../src/local-ecr/server.js';

export const ACCOUNT = '123456789012';
const learner = defaultIdentity(ACCOUNT);
const ALL_BUT = (action: string) => ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability',
  'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage',
  'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'].filter((a) => a !== `ecr:${action}`);

/** A user like the learner, lacking one permission (its own IAM user: policies are per user). */
function learnerWithout(action: string, key: string, name: string): Identity {
  return { ...learner, accessKeyId: key, arn: `arn:aws:iam::${ACCOUNT}:user/${name}`, userId: `AIDA${name.toUpperCase().replace(/-/g, '')}EXAMPLE`, allow: ALL_BUT(action) };
}

export const PUSH_DENIED_KEY = 'AKIAPUSHDENIEDEXAMPL';
export const PULL_DENIED_KEY = 'AKIAPULLDENIEDEXAMPL';

export interface E2eRegistry {
  readonly ecr: LocalEcr;
  readonly host: string;
  /** A registry password for `accessKeyId` (default: the learner). */
  password(accessKeyId?: string): string;
  /** A fresh, empty DOCKER_CONFIG dir (removed by close). */
  configDir(): Promise<string>;
  /** A scratch dir (removed by close). */
  tempDir(prefix: string): Promise<string>;
  close(): Promise<void>;
}

export async function startE2eRegistry(): Promise<E2eRegistry> {
  const dirs: string[] = [];
  const tempDir = async (prefix: string) => {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  const ecr = await startLocalEcr({
    dataDir: await tempDir('ecr-e2e-data-'), account: ACCOUNT, region: 'us-east-1',
    identities: [learner, learnerWithout('InitiateLayerUpload', PUSH_DENIED_KEY, 'no-push'), learnerWithout('BatchGetImage', PULL_DENIED_KEY, 'no-pull')],
  });
  const { tokens, config, clock } = ecr.context;
  return {
    ecr, host: ecr.registryHost, tempDir,
    password: (key = learner.accessKeyId) => tokens.issue(key, config.region, config.account, clock.now()).password,
    configDir: () => tempDir('ecr-e2e-docker-'),
    async close() {
      await ecr.close();
      await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    },
  };
}

/** What a client printed (stdout and stderr interleaved) and its exit code. */
export interface Ran {
  readonly out: string;
  readonly code: number;
}

/** Runs the real docker CLI with its own config dir; never throws on a non-zero exit. */
export async function docker(configDir: string, args: readonly string[], input?: string): Promise<Ran> {
  const r = await execa('docker', args, {
    all: true, reject: false, input,
    env: { DOCKER_CONFIG: configDir, DOCKER_BUILDKIT: '0' },
  });
  if (r.failed && r.exitCode === undefined) throw new Error(`docker could not run: ${r.message}`);
  return { out: r.all ?? '', code: r.exitCode ?? -1 };
}

/** Logs docker in as `AWS` with the password on stdin (never in argv). */
export function dockerLogin(configDir: string, host: string, password: string): Promise<Ran> {
  return docker(configDir, ['login', '--username', 'AWS', '--password-stdin', host], password);
}

/** Builds a FROM scratch image with one small file whose content is `seed`; returns its tag. */
export async function buildScratch(registry: E2eRegistry, tag: string, seed: string, extraBytes?: Buffer): Promise<string> {
  const dir = await registry.tempDir('ecr-e2e-build-');
  await writeFile(join(dir, 'hello.txt'), `hello from ${seed}\n`);
  await writeFile(join(dir, 'extra.bin'), extraBytes ?? Buffer.alloc(0));
  await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY hello.txt /hello.txt\nCOPY extra.bin /extra.bin\n');
  const built = await docker(dir, ['build', '-q', '-t', tag, dir]);
  if (built.code !== 0) throw new Error(`docker build failed: ${built.out}`);
  return tag;
}

/** A loopback port nobody listens on (for the "registry unreachable" row). */
export async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

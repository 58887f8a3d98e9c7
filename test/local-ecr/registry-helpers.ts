// A local ECR on a temp dir for the registry tests, with a fetch that logs in like docker.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultIdentity, type Identity } from '../../src/local-ecr/config.js';
import { startLocalEcr, type LocalEcr } from '../../src/local-ecr/server.js';

export const ACCOUNT = '123456789012';
export const LIMITED_KEY = 'AKIALIMITEDEXAMPLE01';

/** May pull and check layers, nothing else. */
export const limitedIdentity: Identity = {
  accessKeyId: LIMITED_KEY,
  secretAccessKey: 'limited-secret',
  arn: `arn:aws:iam::${ACCOUNT}:user/puller`,
  userId: 'AIDALIMITEDEXAMPLE01',
  account: ACCOUNT,
  allow: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer'],
};

export const NOBODY_KEY = 'AKIANOBODYEXAMPLE001';

/** Allowed nothing at all. */
export const nobodyIdentity: Identity = { ...limitedIdentity, accessKeyId: NOBODY_KEY, arn: `arn:aws:iam::${ACCOUNT}:user/nobody`, allow: [] };

export interface Harness {
  readonly ecr: LocalEcr;
  readonly dir: string;
  readonly base: string;
  /** The Basic header value for a fresh token of `accessKeyId` (default: the learner). */
  auth(accessKeyId?: string): string;
  /** fetch against the registry, authenticated as the learner unless `auth` is given ('' = none). */
  call(path: string, init?: RequestInit & { auth?: string }): Promise<Response>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'ecr-registry-'));
  const learner = defaultIdentity(ACCOUNT);
  const ecr = await startLocalEcr({ dataDir: dir, account: ACCOUNT, region: 'us-east-1', identities: [learner, limitedIdentity, nobodyIdentity] });
  const ctx = ecr.context;
  const auth = (key = learner.accessKeyId) =>
    `Basic ${ctx.tokens.issue(key, ctx.config.region, ctx.config.account, ctx.clock.now()).authorizationToken}`;
  const learnerAuth = auth();
  const base = `http://${ecr.registryHost}`;
  return {
    ecr, dir, base, auth,
    call(path, init = {}) {
      const { auth: given, headers, ...rest } = init;
      const authorization = given ?? learnerAuth;
      const all = new Headers(headers);
      if (authorization) all.set('authorization', authorization);
      return fetch(`${base}${path}`, { ...rest, headers: all, redirect: 'manual' });
    },
    async close() {
      await ecr.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A body sent like docker's PATCH: chunked, no Content-Length. */
export function chunked(...parts: Buffer[]): { body: ReadableStream<Uint8Array>; duplex: 'half' } {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of parts) controller.enqueue(new Uint8Array(p));
      controller.close();
    },
  });
  return { body, duplex: 'half' };
}

/** The JSON errors body ECR sends. */
export function errorsBody(code: string, message: string): { errors: { code: string; message: string }[] } {
  return { errors: [{ code, message }] };
}

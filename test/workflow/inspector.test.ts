// The Inspector against the real local ECR with the built-in engine: who am I, the registry
// snapshot (tags, digests, a tag that moved), the wire tap, and failures reported as data.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuiltinEngine } from '../../src/workflow/engines/builtin/engine.js';
import { createInspector, markTagMoves } from '../../src/workflow/inspector.js';
import type { EcrApi, Identity } from '../../src/workflow/ports.js';
import type { RegistrySnapshot, StepOutcome } from '../../src/workflow/types.js';
import { describeOutcome, startLab, type Lab } from './helpers.js';

let lab: Lab;
beforeAll(async () => { lab = await startLab(); });
afterAll(async () => { await lab.dispose(); });

async function run(id: string, params: Record<string, string> = {}): Promise<StepOutcome> {
  const o = await lab.target.runner.run(id, params);
  expect(o.status, describeOutcome(o)).toBe('succeeded');
  return o;
}

const tagsOf = (snapshot: RegistrySnapshot, repo: string) =>
  snapshot.repositories.find((r) => r.name === repo)?.images.flatMap((i) => i.tags.map((t) => ({ ...t, digest: i.digest }))) ?? [];

describe('Inspector on the local ECR', () => {
  it('says who is acting: the Linux user, docker config, the IAM identity, region', async () => {
    const me = await lab.target.inspector.whoAmI();
    expect(me.linuxUser).not.toBe('');
    expect(me.identity).toEqual({ arn: 'arn:aws:iam::123456789012:user/learner', account: '123456789012' });
    expect(me.region).toBe('us-east-1');
    expect(me.registry).toBe(lab.target.context.registry);
    expect(me.docker).toMatchObject({ file: join(lab.dir, 'docker', 'config.json'), state: 'missing', hasAuthEntry: false });
    expect(me.engine).toEqual({ name: 'builtin' });
  });

  it('reads docker config.json for this host: auths entry, credHelpers, credsStore', async () => {
    const host = lab.target.context.registry;
    await mkdir(join(lab.dir, 'docker'), { recursive: true });
    await writeFile(join(lab.dir, 'docker', 'config.json'), JSON.stringify({
      auths: { [`https://${host}`]: { auth: 'QVdTOnNlY3JldA==' } }, credHelpers: { [host]: 'ecr-login' }, credsStore: 'desktop',
    }));
    const me = await lab.target.inspector.whoAmI();
    expect(me.docker).toEqual({
      file: join(lab.dir, 'docker', 'config.json'), state: 'read', hasAuthEntry: true, isAuthInFile: true, credHelper: 'ecr-login', credsStore: 'desktop',
    });
    expect(JSON.stringify(me)).not.toContain('QVdTOnNlY3JldA==');
  });

  it('after login, build, tag and push, the registry shows the repository, the tag and its digest', async () => {
    expect((await lab.target.inspector.registry()).repositories).toEqual([]);
    await run('create-repository');
    await run('login');
    expect((await lab.target.inspector.whoAmI()).engine.credentials).toContain(lab.target.context.registry);
    await run('build-image');
    await run('tag-image');
    const pushed = await run('push-image');
    const digest = pushed.verified.find((v) => v.label === 'digest')?.value ?? pushed.output.join(' ').match(/sha256:[0-9a-f]{64}/)?.[0];
    const snapshot = await lab.target.inspector.registry();
    expect(snapshot.registry).toBe(lab.target.context.registry);
    expect(snapshot.error).toBeUndefined();
    expect(tagsOf(snapshot, 'ecr-lab/demo')).toEqual([{ name: 'v1', digest }]);
  });

  it('marks a tag that moved to a new digest, and keeps the mark until it moves again', async () => {
    const before = tagsOf(await lab.target.inspector.registry(), 'ecr-lab/demo')[0]!;
    const context = join(lab.dir, 'other-image');
    await mkdir(context, { recursive: true });
    await writeFile(join(context, 'Dockerfile'), 'FROM scratch\nCOPY other.txt /other.txt\n');
    await writeFile(join(context, 'other.txt'), 'a different image\n');
    const engine = createBuiltinEngine({ dir: join(lab.dir, 'builtin-engine') });
    await engine.build(context, `${lab.target.context.localImage}:v2`, { print: () => undefined, layer: () => undefined });
    await run('tag-image', { sourceTag: 'v2', tag: 'v1' });
    await run('push-image', { tag: 'v1' });
    const after = await lab.target.inspector.registry();
    const moved = tagsOf(after, 'ecr-lab/demo').find((t) => t.name === 'v1')!;
    expect(moved.digest).not.toBe(before.digest);
    expect(moved.previousDigest).toBe(before.digest);
    // The old image stays, untagged.
    expect(after.repositories[0]!.images.find((i) => i.digest === before.digest)?.tags).toEqual([]);
    expect(tagsOf(await lab.target.inspector.registry(), 'ecr-lab/demo')[0]?.previousDigest).toBe(before.digest);
  });

  it('taps the request log: the login conversation, with only the Authorization scheme', async () => {
    const wire = lab.target.inspector.wire!;
    const from = wire.lastSeq();
    let heard = 0;
    const stop = wire.subscribe(() => { heard += 1; });
    await run('login');
    stop();
    const entries = wire.since(from);
    expect(heard).toBe(entries.length);
    expect(entries.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      'POST / GetAuthorizationToken 200', 'GET /v2/ 401', 'GET /v2/ 200',
    ]);
    expect(entries[1]).toMatchObject({ errorCode: 'UNAUTHORIZED', api: 'registry' });
    expect(entries[1]?.auth).toBeUndefined();
    expect(entries[2]?.auth).toBe('Basic');
  });

  it('leaves its own requests out of the wire, even while a step runs', async () => {
    const wire = lab.target.inspector.wire!;
    const from = wire.lastSeq();
    const [, , o] = await Promise.all([lab.target.inspector.whoAmI(), lab.target.inspector.registry(), lab.target.runner.run('describe-repositories', {})]);
    expect(o.status).toBe('succeeded');
    expect(lab.target.requestLog.since(from).map((e) => e.path)).toEqual(expect.arrayContaining(['/ GetCallerIdentity', '/ DescribeImages']));
    expect(wire.since(from).map((e) => e.path)).toEqual(['/ DescribeRepositories']);
  });
});

describe('Inspector failures come back as data', () => {
  const denied = Object.assign(new Error('User is not authorized to perform: ecr:DescribeRepositories'), { name: 'AccessDeniedException' });
  const failing = { describeRepositories: () => Promise.reject(denied), describeImages: () => Promise.reject(denied) } as unknown as EcrApi;
  const noIdentity: Identity = { whoami: () => Promise.reject(Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredTokenException' })) };
  const inspector = () => createInspector({
    context: { kind: 'live', region: 'eu-west-1', account: '111122223333', registry: '111122223333.dkr.ecr.eu-west-1.amazonaws.com', profile: 'dev' },
    ecr: failing, identity: noIdentity, engine: createBuiltinEngine({ dir: join(lab.dir, 'none') }), dockerConfigDir: join(lab.dir, 'nowhere'),
  });

  it('a denied DescribeRepositories is an error line, and there is no wire on live AWS', async () => {
    const i = inspector();
    expect(await i.registry()).toEqual({
      registry: '111122223333.dkr.ecr.eu-west-1.amazonaws.com', repositories: [], omitted: 0,
      error: 'AccessDeniedException: User is not authorized to perform: ecr:DescribeRepositories',
    });
    expect(i.wire).toBeUndefined();
  });

  it('an expired session is an identity error; the rest of who am I is still there', async () => {
    const me = await inspector().whoAmI();
    expect(me.identity).toBeUndefined();
    expect(me.identityError).toBe('ExpiredTokenException: The security token included in the request is expired');
    expect(me).toMatchObject({ region: 'eu-west-1', profile: 'dev', docker: { state: 'missing' } });
  });
});

describe('markTagMoves', () => {
  const repo = (digest: string) => [{ name: 'r', images: [{ digest, tags: [{ name: 'v1' }] }] }];
  it('marks only a digest change and keeps the previous digest', () => {
    const seen = new Map<string, { digest: string; previous?: string }>();
    expect(markTagMoves(repo('sha256:a'), seen)[0]!.images[0]!.tags).toEqual([{ name: 'v1' }]);
    expect(markTagMoves(repo('sha256:a'), seen)[0]!.images[0]!.tags).toEqual([{ name: 'v1' }]);
    expect(markTagMoves(repo('sha256:b'), seen)[0]!.images[0]!.tags).toEqual([{ name: 'v1', previousDigest: 'sha256:a' }]);
    expect(markTagMoves(repo('sha256:b'), seen)[0]!.images[0]!.tags).toEqual([{ name: 'v1', previousDigest: 'sha256:a' }]);
    expect(markTagMoves(repo('sha256:c'), seen)[0]!.images[0]!.tags).toEqual([{ name: 'v1', previousDigest: 'sha256:b' }]);
  });
});

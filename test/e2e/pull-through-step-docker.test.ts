// The pull-through-cache step with the real docker CLI and daemon: `docker pull` under the
// rule's prefix makes the local ECR create the repository and cache ecr-lab's stand-in for
// public.ecr.aws/amazonlinux/amazonlinux:2023, which docker then holds by the shipped digest;
// a second run is served from the cache, and cleanup deletes the cached repository.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalTarget, type LocalTarget } from '../../src/workflow/targets.js';
import type { StepOutcome } from '../../src/workflow/types.js';

const CACHED = 'ecr-public/amazonlinux/amazonlinux';
let dir: string;
let target: LocalTarget;
let shipped: string;
let ref: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-lab-e2e-ptc-'));
  target = await createLocalTarget({ stateDir: dir, engine: 'docker', dataDir: join(dir, 'local-ecr'), port: 0, pollIntervalMs: 100, dockerConfigDir: join(dir, 'docker') });
  const index = JSON.parse(await readFile(new URL('../../assets/upstream/index.json', import.meta.url), 'utf8')) as
    { registries: Record<string, Record<string, { tags: Record<string, string> }>> };
  shipped = index.registries['ecr-public']!['amazonlinux/amazonlinux']!.tags['2023']!;
  ref = `${target.context.registry}/${CACHED}:2023`;
});

afterAll(async () => {
  await execa('docker', ['rmi', '--force', ref], { reject: false });
  await target?.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(id: string, params: Record<string, string> = {}): Promise<StepOutcome> {
  const o = await target.runner.run(id, params);
  expect(o.status, `${id}: ${o.error?.code} ${o.error?.message}\n${o.output.join('\n')}`).toBe('succeeded');
  return o;
}

describe('pull-through-cache with docker', () => {
  it('uses the docker engine', () => {
    expect(target.engine).toBe('docker');
  });

  it('docker pulls through the rule; the local ECR creates the repository and caches the image', async () => {
    await run('login');
    expect(target.server.context.store.getRepository(CACHED)).toBeUndefined();
    const o = await run('pull-through-cache');
    expect(o.output).toContain(`Digest: ${shipped}`);
    expect(o.output).toContain(`Status: Downloaded newer image for ${ref}`);
    expect(o.verified.find((v) => v.label === 'repository')?.value).toBe(`${target.context.registry}/${CACHED}`);
    expect(o.verified.find((v) => v.label === 'cached digest')?.value).toBe(shipped);
    const inspected = await execa('docker', ['image', 'inspect', '--format', '{{json .RepoDigests}}', ref]);
    expect(JSON.parse(inspected.stdout)).toContain(`${target.context.registry}/${CACHED}@${shipped}`);
  });

  it('the image docker holds says it is the stand-in, not Amazon Linux', async () => {
    const created = await execa('docker', ['create', ref, '/none']);
    const id = created.stdout.trim();
    const copied = await execa('docker', ['cp', `${id}:/etc/ecr-lab-stand-in.txt`, '-'], { reject: false });
    await execa('docker', ['rm', id], { reject: false });
    expect(copied.stdout).toContain("This is ecr-lab's stand-in for public.ecr.aws/amazonlinux/amazonlinux:2023");
  });

  it('a second run keeps the rule and is served from the cache', async () => {
    const o = await run('pull-through-cache');
    expect(o.verified.find((v) => v.label === 'rule')?.value).toBe('ecr-public -> public.ecr.aws (already there)');
    expect(o.output).toContain(`${CACHED} exists already: the pull is served from the cache`);
  });

  it('cleanup deletes the cached repository', async () => {
    const o = await run('cleanup', { repository: CACHED });
    expect(o.verified.find((v) => v.label === CACHED)?.value).toBe('deleted (DescribeRepositories: not found)');
  });
});

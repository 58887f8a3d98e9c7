// pull-through-cache on the local ECR with the built-in engine: the rule is created (and kept
// on a second run), the pull makes the local ECR create the repository and cache the stand-in
// from its loopback ECR Public, the repository lands in the ledger, and cleanup deletes it.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/state/ledger.js';
import { describeOutcome, type Lab, startLab, verified } from './helpers.js';

const CACHED = 'ecr-public/amazonlinux/amazonlinux';
let lab: Lab;
let shipped: string;
beforeAll(async () => {
  lab = await startLab();
  const o = await lab.target.runner.run('login', {});
  expect(o.status, describeOutcome(o)).toBe('succeeded');
  const index = JSON.parse(await readFile(new URL('../../assets/upstream/index.json', import.meta.url), 'utf8')) as
    { registries: Record<string, Record<string, { tags: Record<string, string> }>> };
  shipped = index.registries['ecr-public']!['amazonlinux/amazonlinux']!.tags['2023']!;
});
afterAll(async () => { await lab.dispose(); });

describe('pull-through-cache', () => {
  it('creates the rule, pulls through it and finds the repository ECR created', async () => {
    const store = lab.target.server.context.store;
    expect(store.getRepository(CACHED)).toBeUndefined();
    const o = await lab.target.runner.run('pull-through-cache', {});
    expect(o.status, describeOutcome(o)).toBe('succeeded');
    expect(store.getRepository(CACHED)).toBeDefined();
    expect(store.resolveTag(CACHED, '2023')).toBe(shipped);
    expect(verified(o, 'rule')).toBe('ecr-public -> public.ecr.aws (created)');
    expect(verified(o, 'cached digest')).toBe(shipped);
    expect(verified(o, 'pulled digest')).toBe(shipped);
    expect(verified(o, 'repository')).toBe(`${lab.target.context.registry}/${CACHED}`);
    expect(o.output).toContain(`${CACHED} does not exist yet: the first pull makes ECR create it`);
    expect(o.commands).toContain(`docker pull ${lab.target.context.registry}/${CACHED}:2023`);
    expect(o.commands[0]).toMatch(/^aws ecr create-pull-through-cache-rule --ecr-repository-prefix ecr-public --upstream-registry-url public\.ecr\.aws /);
  });

  it('a second run keeps the rule and is served from the cache', async () => {
    const o = await lab.target.runner.run('pull-through-cache', {});
    expect(o.status, describeOutcome(o)).toBe('succeeded');
    expect(verified(o, 'rule')).toBe('ecr-public -> public.ecr.aws (already there)');
    expect(o.output).toContain(`${CACHED} exists already: the pull is served from the cache`);
  });

  it('an image the upstream does not have fails as a missing repository', async () => {
    const o = await lab.target.runner.run('pull-through-cache', { upstreamRepository: 'no/such-image' });
    expect(o.status).toBe('failed');
    expect(o.error?.message).toContain("ecr-public/no/such-image");
  });

  it('refuses a prefix whose rule points elsewhere', async () => {
    await lab.target.server.context.registry.update('pullThroughCacheRules', (current: Record<string, unknown> = {}) => ({
      ...current, quay: { ecrRepositoryPrefix: 'quay', upstreamRegistryUrl: 'quay.io', upstreamRegistry: 'quay', createdAt: 0, updatedAt: 0 },
    }));
    const o = await lab.target.runner.run('pull-through-cache', { prefix: 'quay' });
    expect(o.status).toBe('failed');
    expect(o.error?.message).toBe("the rule for prefix 'quay' points at quay.io, not public.ecr.aws: choose another prefix");
  });

  it('the ledger holds the rule ecr-lab created, not a rule that was there before', async () => {
    const rules = (await Ledger.in(lab.dir).entries()).filter((e) => e.kind === 'pull-through-cache-rule').map((e) => e.name);
    expect(rules).toEqual(['ecr-public']);
  });

  it('cleanup deletes the cached repository, which the ledger recorded', async () => {
    const o = await lab.target.runner.run('cleanup', { repository: CACHED });
    expect(o.status, describeOutcome(o)).toBe('succeeded');
    expect(verified(o, CACHED)).toBe('deleted (DescribeRepositories: not found)');
  });

  it('cleanup deletes the rule too (DeletePullThroughCacheRule), and leaves the rule it did not create', async () => {
    const o = await lab.target.runner.run('cleanup', { repository: '*' });
    expect(o.status, describeOutcome(o)).toBe('succeeded');
    expect(verified(o, 'rule ecr-public')).toBe('deleted (DescribePullThroughCacheRules: not found)');
    expect(o.commands).toContainEqual(expect.stringMatching(/^aws ecr delete-pull-through-cache-rule --ecr-repository-prefix ecr-public /));
    const left = Object.keys(lab.target.server.context.registry.get<Record<string, unknown>>('pullThroughCacheRules') ?? {});
    expect(left).toEqual(['quay']);
    expect(await Ledger.in(lab.dir).entries()).toEqual([]);
  });
});

// Table tests for the pure lifecycle policy parser and evaluator, including the examples of
// the ECR user guide ("Examples of lifecycle policies"), and the runner that applies policies
// on the local clock.
import { CreateRepositoryCommand, DescribeImagesCommand, GetLifecyclePolicyCommand, PutLifecyclePolicyCommand } from '@aws-sdk/client-ecr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startControlHarness, type ControlHarness } from './control-helpers.js';
import { evaluateLifecyclePolicy, parseLifecyclePolicy, type LifecycleImage, type LifecyclePolicy, type LifecycleSelection } from '../../src/local-ecr/lifecycle.js';

const NOW = 1_800_000_000;
const DAY = 86_400;

function img(digest: string, tags: string[], daysAgo: number): LifecycleImage {
  return { digest, tags, pushedAt: NOW - daysAgo * DAY };
}

function rule(rulePriority: number, selection: LifecycleSelection) {
  return { rulePriority, selection, action: { type: 'expire' as const } };
}

const count = (tagStatus: LifecycleSelection['tagStatus'], countNumber: number, tagPrefixList?: string[]): LifecycleSelection =>
  ({ tagStatus, countType: 'imageCountMoreThan', countNumber, ...(tagPrefixList ? { tagPrefixList } : {}) });
const age = (tagStatus: LifecycleSelection['tagStatus'], countNumber: number, tagPrefixList?: string[]): LifecycleSelection =>
  ({ tagStatus, countType: 'sinceImagePushed', countUnit: 'days', countNumber, ...(tagPrefixList ? { tagPrefixList } : {}) });

const ABC = [img('A', ['beta-1', 'prod-1'], 10), img('B', ['beta-2', 'prod-2'], 9), img('C', ['beta-3'], 8)];

const cases: { name: string; policy: LifecyclePolicy; images: LifecycleImage[]; expired: string[]; priorities?: number[] }[] = [
  { name: 'untagged older than 14 days', policy: { rules: [rule(1, age('untagged', 14))] },
    images: [img('old', [], 20), img('new', [], 3), img('tagged-old', ['v1'], 30)], expired: ['old'] },
  { name: 'keep one untagged image', policy: { rules: [rule(1, count('untagged', 1))] },
    images: [img('u1', [], 3), img('u2', [], 2), img('u3', [], 1), img('t', ['v'], 9)], expired: ['u1', 'u2'] },
  { name: 'guide, multiple rules, example A (prod first)', policy: { rules: [rule(1, count('tagged', 1, ['prod'])), rule(2, count('tagged', 1, ['beta']))] },
    images: ABC, expired: ['A'], priorities: [1] },
  { name: 'guide, multiple rules, example B (beta first)', policy: { rules: [rule(1, count('tagged', 1, ['beta'])), rule(2, count('tagged', 1, ['prod']))] },
    images: ABC, expired: ['A', 'B'], priorities: [1, 1] },
  { name: 'guide, multiple tags in one rule, example A', policy: { rules: [rule(1, age('tagged', 5, ['alpha', 'beta']))] },
    images: [img('A', ['alpha-1'], 12), img('B', ['beta-1'], 11), img('C', ['alpha-2', 'beta-2'], 10), img('D', ['alpha-3'], 4), img('E', ['beta-3'], 3), img('F', ['alpha-4', 'beta-4'], 2)],
    expired: ['C'] },
  { name: 'guide, multiple tags in one rule, example B', policy: { rules: [rule(1, count('tagged', 1, ['alpha', 'beta']))] },
    images: [img('A', ['alpha-1', 'beta-1', 'gamma-1'], 10), img('B', ['alpha-2', 'beta-2'], 9), img('C', ['alpha-3', 'beta-3', 'gamma-2'], 8)],
    expired: ['A', 'B'] },
  { name: 'any rule last: images a tagged rule selected are not expired by it', policy: { rules: [rule(1, count('tagged', 5, ['prod'])), rule(2, count('any', 1))] },
    images: [img('p1', ['prod-1'], 5), img('p2', ['prod-2'], 4), img('x', ['dev'], 3), img('u', [], 2), img('new', ['dev-2'], 1)],
    expired: ['x', 'u'], priorities: [2, 2] },
  { name: 'imageCountMoreThan counts only selected images', policy: { rules: [rule(1, count('tagged', 2, ['rel']))] },
    images: [img('r1', ['rel-1'], 6), img('d', ['dev'], 5), img('r2', ['rel-2'], 4), img('r3', ['rel-3'], 3)], expired: ['r1'] },
  { name: 'an image exactly N days old is kept', policy: { rules: [rule(1, age('any', 7))] },
    images: [img('edge', ['a'], 7), img('older', ['b'], 7.01)], expired: ['older'] },
  { name: 'tag pattern list with wildcards', policy: { rules: [rule(1, { tagStatus: 'tagged', tagPatternList: ['prod*-rc*'], countType: 'imageCountMoreThan', countNumber: 1 })] },
    images: [img('a', ['prod1-rc1'], 3), img('b', ['prod-2'], 2), img('c', ['prod2-rc2'], 1)], expired: ['a'] },
];

describe('evaluateLifecyclePolicy', () => {
  it.each(cases)('$name', ({ policy, images, expired, priorities }) => {
    const result = evaluateLifecyclePolicy(policy, images, NOW);
    expect(result.map((r) => r.digest)).toEqual(expired);
    if (priorities) expect(result.map((r) => r.rulePriority)).toEqual(priorities);
  });
});

const valid = { rules: [rule(1, count('untagged', 1))] };
const badSelection = (selection: object) => JSON.stringify({ rules: [{ rulePriority: 1, selection, action: { type: 'expire' } }] });

describe('parseLifecyclePolicy', () => {
  it('accepts a valid policy', () => {
    expect(parseLifecyclePolicy(JSON.stringify(valid))).toEqual({ ok: true, policy: valid });
  });

  it.each([
    ['not json', 'Could not map policyString into LifecyclePolicy.'],
    ['[]', 'Could not map policyString into LifecyclePolicy.'],
    ['{}', 'object has missing required properties (["rules"])'],
    [JSON.stringify({ rules: [{ rulePriority: 1 }] }), 'object has missing required properties (["action","selection"])'],
    [JSON.stringify({ rules: [{ ...rule(1, count('any', 1)), extra: 1 }] }), 'object instance has properties which are not allowed by the schema: (["extra"])'],
    [JSON.stringify({ rules: [{ ...rule(1, count('any', 1)), action: { type: 'delete' } }] }), 'instance value (delete) not found in enum :(possible values: ["expire","transition"])'],
    [badSelection({ tagStatus: 'some', countType: 'imageCountMoreThan', countNumber: 1 }), 'instance value (some) not found in enum :(possible values: ["any","tagged","untagged"])'],
    [badSelection({ tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 0 }), 'numeric instance is lower than the required minimum (minimum: 1, found: 0)'],
    [badSelection({ tagStatus: 'tagged', countType: 'imageCountMoreThan', countNumber: 1 }), 'instance failed to match exactly one schema (matched 0 out of 4)'],
    [badSelection({ tagStatus: 'untagged', tagPrefixList: ['a'], countType: 'imageCountMoreThan', countNumber: 1 }), 'instance failed to match exactly one schema (matched 0 out of 4)'],
    [badSelection({ tagStatus: 'any', countType: 'imageCountMoreThan', countUnit: 'days', countNumber: 1 }), 'instance failed to match exactly one schema (matched 0 out of 4)'],
    [badSelection({ tagStatus: 'any', countType: 'sinceImagePushed', countNumber: 1 }), 'instance failed to match exactly one schema (matched 0 out of 4)'],
    [badSelection({ tagStatus: 'any', countType: 'sinceImagePushed', countUnit: 'weeks', countNumber: 1 }), 'instance value (weeks) not found in enum :(possible values: ["days"])'],
    [JSON.stringify({ rules: [rule(1, count('any', 1)), rule(2, count('untagged', 1))] }), "the rule with tagStatus 'any' must have the highest rulePriority."],
    [JSON.stringify({ rules: [rule(1, count('untagged', 1)), rule(2, age('untagged', 3))] }), 'only one rule may select untagged images.'],
    [JSON.stringify({ rules: [rule(1, count('tagged', 1, ['a'])), rule(1, count('tagged', 2, ['b']))] }), 'rulePriority must be unique across rules.'],
    [JSON.stringify({ rules: [rule(1, count('tagged', 1, ['a', 'b'])), rule(2, age('tagged', 2, ['b', 'a']))] }), 'the rules must contain a unique set of tag prefixes.'],
  ])('refuses %s', (text, reason) => {
    expect(parseLifecyclePolicy(text)).toEqual({ ok: false, reason });
  });
});

const transition = (rulePriority: number, selection: LifecycleSelection) =>
  ({ rulePriority, selection, action: { type: 'transition' as const, targetStorageClass: 'archive' as const } });
const pulled = (tagStatus: LifecycleSelection['tagStatus'], countNumber: number): LifecycleSelection =>
  ({ tagStatus, countType: 'sinceImagePulled', countUnit: 'days', countNumber });
const inArchive = (tagStatus: LifecycleSelection['tagStatus'], countNumber: number): LifecycleSelection =>
  ({ tagStatus, storageClass: 'archive', countType: 'sinceImageTransitioned', countUnit: 'days', countNumber });

describe('evaluateLifecyclePolicy with archive', () => {
  it('transitions images not pulled in N days; never pulled counts from the push, restored from the restore', () => {
    const images: LifecycleImage[] = [
      { ...img('stale', ['a'], 100), lastRecordedPullTime: NOW - 40 * DAY },
      { ...img('used', ['b'], 100), lastRecordedPullTime: NOW - 2 * DAY },
      img('never-old', ['c'], 31),
      img('never-new', ['d'], 29),
      // Restored 5 days ago, last pulled before it was archived: the restore counts.
      { ...img('restored', ['e'], 200), lastRecordedPullTime: NOW - 150 * DAY, lastActivatedAt: NOW - 5 * DAY },
    ];
    const result = evaluateLifecyclePolicy({ rules: [transition(1, pulled('any', 30))] }, images, NOW);
    expect(result.map((r) => [r.digest, r.action])).toEqual([['stale', 'transition'], ['never-old', 'transition']]);
  });

  it('expires archived images after N days in archive, and archive rules see only archived images', () => {
    const images: LifecycleImage[] = [
      { ...img('long', ['a'], 300), storageClass: 'ARCHIVE', lastArchivedAt: NOW - 120 * DAY },
      { ...img('recent', ['b'], 300), storageClass: 'ARCHIVE', lastArchivedAt: NOW - 10 * DAY },
      img('standard-old', ['c'], 300),
    ];
    const policy = { rules: [transition(1, pulled('any', 90)), { ...rule(2, inArchive('any', 90)) }] };
    const result = evaluateLifecyclePolicy(policy, images, NOW);
    expect(result.map((r) => [r.digest, r.action, r.rulePriority])).toEqual([
      ['long', 'expire', 2], ['standard-old', 'transition', 1],
    ]);
  });

  it('keeps the newest N active and archives the rest; an image a manifest list references is counted but not archived', () => {
    const images: LifecycleImage[] = [img('a', ['v1'], 4), { ...img('child', [], 3), isReferenced: true }, img('c', ['v3'], 2), img('d', ['v4'], 1)];
    const result = evaluateLifecyclePolicy({ rules: [transition(1, count('any', 2))] }, images, NOW);
    expect(result.map((r) => r.digest)).toEqual(['a']);
  });
});

describe('parseLifecyclePolicy with archive', () => {
  const one = (selection: object, action: object) => JSON.stringify({ rules: [{ rulePriority: 1, selection, action }] });
  const toArchive = { type: 'transition', targetStorageClass: 'archive' };
  it('accepts the guide\'s archive-then-expire policy (two tagStatus any rules, one per storage class)', () => {
    const text = JSON.stringify({ rules: [transition(1, pulled('any', 90)), rule(2, inArchive('any', 365))] });
    expect(parseLifecyclePolicy(text)).toMatchObject({ ok: true });
  });

  it.each([
    [one(pulled('any', 30), { type: 'expire' }), 'instance failed to match exactly one schema (matched 0 out of 4)'],
    [one(inArchive('any', 30), { type: 'expire' }), 'instance failed to match exactly one schema (matched 0 out of 4)'],
    [one(inArchive('any', 120), toArchive), 'instance failed to match exactly one schema (matched 0 out of 4)'],
    [one({ tagStatus: 'any', countType: 'sinceImageTransitioned', countUnit: 'days', countNumber: 120 }, { type: 'expire' }), 'instance failed to match exactly one schema (matched 0 out of 4)'],
    [one({ ...count('any', 3), storageClass: 'archive' }, { type: 'expire' }), 'instance failed to match exactly one schema (matched 0 out of 4)'],
    [one({ ...count('any', 3), storageClass: 'cold' }, { type: 'expire' }), 'instance value (cold) not found in enum :(possible values: ["archive","standard"])'],
    [one(count('any', 3), { type: 'transition' }), 'instance failed to match exactly one schema (matched 0 out of 4)'],
    [one(count('any', 3), { type: 'transition', targetStorageClass: 'glacier' }), 'instance value (glacier) not found in enum :(possible values: ["archive"])'],
    [one(count('any', 3), { type: 'expire', targetStorageClass: 'archive' }), 'instance failed to match exactly one schema (matched 0 out of 4)'],
    [one({ tagStatus: 'any', countType: 'sinceImageUsed', countUnit: 'days', countNumber: 3 }, { type: 'expire' }), 'instance failed to match exactly one schema (matched 0 out of 4)'],
    [JSON.stringify({ rules: [rule(1, inArchive('any', 90)), rule(2, inArchive('untagged', 100))] }), "the rule with tagStatus 'any' must have the highest rulePriority."],
  ])('refuses %s', (text, reason) => {
    expect(parseLifecyclePolicy(text)).toEqual({ ok: false, reason });
  });

  it('accepts count and age rules that transition', () => {
    expect(parseLifecyclePolicy(one(count('any', 3), toArchive))).toMatchObject({ ok: true });
    expect(parseLifecyclePolicy(one(age('untagged', 3), toArchive))).toMatchObject({ ok: true });
    expect(parseLifecyclePolicy(one({ ...count('any', 3), storageClass: 'standard' }, { type: 'expire' }))).toMatchObject({ ok: true });
  });
});

describe('the lifecycle runner on the local clock', () => {
  let h: ControlHarness;
  beforeEach(async () => { h = await startControlHarness(); });
  afterEach(async () => { await h.close(); });

  const describeAll = async (imageStatus: 'ACTIVE' | 'ARCHIVED' | 'ANY' = 'ACTIVE') =>
    (await h.client.send(new DescribeImagesCommand({ repositoryName: 'app', filter: { imageStatus } }))).imageDetails ?? [];

  it('expires and archives images when the clock moves, and sets lastEvaluatedAt', async () => {
    await h.client.send(new CreateRepositoryCommand({ repositoryName: 'app' }));
    const now = h.ecr.context.clock.now() / 1000;
    const old = await h.storeImage('app', undefined, 'old', now - 2 * DAY);
    const young = await h.storeImage('app', undefined, 'young', now - 0.5 * DAY);
    const release = await h.storeImage('app', 'v1', 'release', now - 40 * DAY);
    const policy = {
      rules: [
        { rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 }, action: { type: 'expire' } },
        { rulePriority: 2, selection: { tagStatus: 'tagged', tagPatternList: ['v*'], countType: 'sinceImagePulled', countUnit: 'days', countNumber: 30 },
          action: { type: 'transition', targetStorageClass: 'archive' } },
        { rulePriority: 3, selection: { tagStatus: 'any', storageClass: 'archive', countType: 'sinceImageTransitioned', countUnit: 'days', countNumber: 90 },
          action: { type: 'expire' } },
      ],
    };
    await h.client.send(new PutLifecyclePolicyCommand({ repositoryName: 'app', lifecyclePolicyText: JSON.stringify(policy) }));
    expect((await describeAll()).map((i) => i.imageDigest).sort()).toEqual([old, young, release].sort());

    await h.ecr.lifecycle.evaluate();
    expect((await describeAll()).map((i) => i.imageDigest)).toEqual([young]);
    const [archivedImage] = await describeAll('ARCHIVED');
    expect(archivedImage).toMatchObject({ imageDigest: release, imageTags: ['v1'], imageStatus: 'ARCHIVED' });
    expect(archivedImage.lastArchivedAt?.getTime()).toBeGreaterThanOrEqual(Math.floor(now) * 1000);
    const evaluated = await h.client.send(new GetLifecyclePolicyCommand({ repositoryName: 'app' }));
    expect(evaluated.lastEvaluatedAt?.getTime()).toBeGreaterThanOrEqual(Math.floor(now) * 1000);

    // `ecr-lab clock +13h`: the young image is now older than a day (the move starts an
    // evaluation; evaluate() waits for it and runs once more).
    h.ecr.context.clock.advance(13 * 3_600_000);
    await h.ecr.lifecycle.evaluate();
    expect(await describeAll()).toEqual([]);
    expect((await describeAll('ANY')).map((i) => i.imageDigest)).toEqual([release]);

    // 91 days later the archived release has spent its 90 days in archive.
    h.ecr.context.clock.advance(91 * DAY * 1000);
    await h.ecr.lifecycle.evaluate();
    expect(await describeAll('ANY')).toEqual([]);
  });

  it('evaluates on a clock move without being asked', async () => {
    await h.client.send(new CreateRepositoryCommand({ repositoryName: 'app' }));
    await h.storeImage('app', undefined, 'u', h.ecr.context.clock.now() / 1000);
    await h.client.send(new PutLifecyclePolicyCommand({ repositoryName: 'app', lifecyclePolicyText: JSON.stringify({
      rules: [{ rulePriority: 1, description: 'untagged images go after a day', selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 }, action: { type: 'expire' } }],
    }) }));
    h.ecr.context.clock.advance(2 * DAY * 1000);
    await expect.poll(async () => (await describeAll('ANY')).length, { timeout: 5000 }).toBe(0);
  });
});

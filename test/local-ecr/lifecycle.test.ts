// Table tests for the pure lifecycle policy parser and evaluator, including the examples of
// the ECR user guide ("Examples of lifecycle policies").
import { describe, expect, it } from 'vitest';
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
    [JSON.stringify({ rules: [{ ...rule(1, count('any', 1)), action: { type: 'delete' } }] }), 'instance value (delete) not found in enum :(possible values: ["expire"])'],
    [badSelection({ tagStatus: 'some', countType: 'imageCountMoreThan', countNumber: 1 }), 'instance value (some) not found in enum :(possible values: ["any","tagged","untagged"])'],
    [badSelection({ tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 0 }), 'numeric instance is lower than the required minimum (minimum: 1, found: 0)'],
    [badSelection({ tagStatus: 'tagged', countType: 'imageCountMoreThan', countNumber: 1 }), 'instance failed to match exactly one schema (matched 0 out of 2)'],
    [badSelection({ tagStatus: 'untagged', tagPrefixList: ['a'], countType: 'imageCountMoreThan', countNumber: 1 }), 'instance failed to match exactly one schema (matched 0 out of 2)'],
    [badSelection({ tagStatus: 'any', countType: 'imageCountMoreThan', countUnit: 'days', countNumber: 1 }), 'instance failed to match exactly one schema (matched 0 out of 2)'],
    [badSelection({ tagStatus: 'any', countType: 'sinceImagePushed', countNumber: 1 }), 'instance failed to match exactly one schema (matched 0 out of 2)'],
    [badSelection({ tagStatus: 'any', countType: 'sinceImagePushed', countUnit: 'weeks', countNumber: 1 }), 'instance value (weeks) not found in enum :(possible values: ["days"])'],
    [JSON.stringify({ rules: [rule(1, count('any', 1)), rule(2, count('untagged', 1))] }), "the rule with tagStatus 'any' must have the highest rulePriority."],
    [JSON.stringify({ rules: [rule(1, count('untagged', 1)), rule(2, age('untagged', 3))] }), 'only one rule may select untagged images.'],
    [JSON.stringify({ rules: [rule(1, count('tagged', 1, ['a'])), rule(1, count('tagged', 2, ['b']))] }), 'rulePriority must be unique across rules.'],
    [JSON.stringify({ rules: [rule(1, count('tagged', 1, ['a', 'b'])), rule(2, age('tagged', 2, ['b', 'a']))] }), 'the rules must contain a unique set of tag prefixes.'],
  ])('refuses %s', (text, reason) => {
    expect(parseLifecyclePolicy(text)).toEqual({ ok: false, reason });
  });
});

// The lifecycle policy schema checks, worded like ECR's JSON-schema validator (moto's texts
// for the same checks; the rule-set texts are ecr-lab's own, AWS's are not published).
import type { LifecycleRule } from './lifecycle.js';

const MATCH_ONE = 'instance failed to match exactly one schema (matched 0 out of 2)';
const RULE_KEYS = ['rulePriority', 'description', 'selection', 'action'];
const SELECTION_KEYS = ['tagStatus', 'tagPrefixList', 'tagPatternList', 'countType', 'countUnit', 'countNumber'];

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shape(value: unknown, required: readonly string[], allowed: readonly string[]): string | undefined {
  if (!isObject(value)) return `instance type (${Array.isArray(value) ? 'array' : typeof value}) does not match any allowed primitive type (allowed: ["object"])`;
  const missing = required.filter((k) => !(k in value)).sort();
  if (missing.length) return `object has missing required properties (${JSON.stringify(missing)})`;
  const extra = Object.keys(value).filter((k) => !allowed.includes(k)).sort();
  if (extra.length) return `object instance has properties which are not allowed by the schema: (${JSON.stringify(extra)})`;
  return undefined;
}

function positiveInteger(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) return 'instance type does not match any allowed primitive type (allowed: ["integer"])';
  return value < 1 ? `numeric instance is lower than the required minimum (minimum: 1, found: ${value})` : undefined;
}

function stringList(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v.length > 0);
}

function checkSelection(s: Obj): string | undefined {
  if (!['tagged', 'untagged', 'any'].includes(String(s.tagStatus))) {
    return `instance value (${String(s.tagStatus)}) not found in enum :(possible values: ["any","tagged","untagged"])`;
  }
  if (s.countUnit !== undefined && s.countUnit !== 'days') return `instance value (${String(s.countUnit)}) not found in enum :(possible values: ["days"])`;
  const count = positiveInteger(s.countNumber);
  if (count) return count;
  const filters = ['tagPrefixList', 'tagPatternList'].filter((k) => s[k] !== undefined);
  const tagsOk = s.tagStatus === 'tagged' ? filters.length === 1 && stringList(s[filters[0]]) : filters.length === 0;
  const countOk = s.countType === 'imageCountMoreThan' ? s.countUnit === undefined
    : s.countType === 'sinceImagePushed' && s.countUnit === 'days';
  return tagsOk && countOk ? undefined : MATCH_ONE;
}

/** The first problem with one rule, or undefined. */
export function checkRule(rule: unknown): string | undefined {
  const problem = shape(rule, ['action', 'rulePriority', 'selection'], RULE_KEYS);
  if (problem) return problem;
  const r = rule as Obj;
  const priority = positiveInteger(r.rulePriority);
  if (priority) return priority;
  if (r.description !== undefined && typeof r.description !== 'string') return 'instance type does not match any allowed primitive type (allowed: ["string"])';
  const action = shape(r.action, ['type'], ['type']);
  if (action) return action;
  const type = (r.action as Obj).type;
  if (type !== 'expire') return `instance value (${String(type)}) not found in enum :(possible values: ["expire"])`;
  return shape(r.selection, ['countNumber', 'countType', 'tagStatus'], SELECTION_KEYS) ?? checkSelection(r.selection as Obj);
}

/** Rules that are fine alone but not together. */
export function checkRuleSet(rules: readonly LifecycleRule[]): string | undefined {
  const priorities = rules.map((r) => r.rulePriority);
  if (new Set(priorities).size !== priorities.length) return 'rulePriority must be unique across rules.';
  const highest = Math.max(...priorities);
  if (rules.some((r) => r.selection.tagStatus === 'any' && r.rulePriority !== highest)) {
    return "the rule with tagStatus 'any' must have the highest rulePriority.";
  }
  if (rules.filter((r) => r.selection.tagStatus === 'untagged').length > 1) return 'only one rule may select untagged images.';
  const filters = rules.filter((r) => r.selection.tagStatus === 'tagged')
    .map((r) => JSON.stringify([...(r.selection.tagPrefixList ?? r.selection.tagPatternList ?? [])].sort()));
  if (new Set(filters).size !== filters.length) return 'the rules must contain a unique set of tag prefixes.';
  return undefined;
}

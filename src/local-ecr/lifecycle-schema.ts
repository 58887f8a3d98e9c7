// The lifecycle policy schema checks, worded like ECR's JSON-schema validator (moto's texts
// for the same checks; the rule-set texts are ecr-lab's own, AWS's are not published).
import type { LifecycleRule } from './lifecycle.js';

/**
 * ECR's schema has one branch per countType since sinceImagePulled/sinceImageTransitioned
 * (2025): "matched 0 out of 4" (terraform-provider-aws#45909; "0 out of 2" before).
 */
const MATCH_ONE = 'instance failed to match exactly one schema (matched 0 out of 4)';
const RULE_KEYS = ['rulePriority', 'description', 'selection', 'action'];
const SELECTION_KEYS = ['tagStatus', 'tagPrefixList', 'tagPatternList', 'storageClass', 'countType', 'countUnit', 'countNumber'];
const ACTION_KEYS = ['type', 'targetStorageClass'];
/** Archived images stay at least 90 days: "You cannot configure lifecycle policies that delete images that have been in archive for less than 90 days." */
const MIN_ARCHIVE_DAYS = 90;

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

function enumProblem(value: unknown, allowed: readonly string[]): string | undefined {
  return value === undefined || allowed.includes(String(value)) ? undefined
    : `instance value (${String(value)}) not found in enum :(possible values: ${JSON.stringify(allowed)})`;
}

/** Whether the countType's branch of the schema takes these members (and this action). */
function countBranchOk(s: Obj, action: string): boolean {
  const archive = s.storageClass === 'archive';
  switch (s.countType) {
    case 'imageCountMoreThan': return s.countUnit === undefined && !archive;
    case 'sinceImagePushed': return s.countUnit === 'days' && !archive;
    // "sinceImagePulled ... are archived": it only transitions, it never expires.
    case 'sinceImagePulled': return s.countUnit === 'days' && !archive && action === 'transition';
    // Only archived images, only expired, and not before 90 days in archive (UNVERIFIED: ECR's
    // text for a countNumber under 90 here; a schema branch that fails reads like this).
    case 'sinceImageTransitioned':
      return s.countUnit === 'days' && archive && action === 'expire' && Number(s.countNumber) >= MIN_ARCHIVE_DAYS;
    default: return false;
  }
}

function checkSelection(s: Obj, action: string): string | undefined {
  const problem = enumProblem(s.tagStatus ?? null, ['any', 'tagged', 'untagged'])
    ?? enumProblem(s.countUnit, ['days']) ?? enumProblem(s.storageClass, ['archive', 'standard']) ?? positiveInteger(s.countNumber);
  if (problem) return problem;
  const filters = ['tagPrefixList', 'tagPatternList'].filter((k) => s[k] !== undefined);
  const tagsOk = s.tagStatus === 'tagged' ? filters.length === 1 && stringList(s[filters[0]]) : filters.length === 0;
  return tagsOk && countBranchOk(s, action) ? undefined : MATCH_ONE;
}

function checkAction(a: Obj): string | undefined {
  const problem = enumProblem(a.type ?? null, ['expire', 'transition']) ?? enumProblem(a.targetStorageClass, ['archive']);
  if (problem) return problem;
  // transition needs its target; expire takes none.
  return (a.type === 'transition') === (a.targetStorageClass !== undefined) ? undefined : MATCH_ONE;
}

/** The first problem with one rule, or undefined. */
export function checkRule(rule: unknown): string | undefined {
  const problem = shape(rule, ['action', 'rulePriority', 'selection'], RULE_KEYS);
  if (problem) return problem;
  const r = rule as Obj;
  const priority = positiveInteger(r.rulePriority);
  if (priority) return priority;
  if (r.description !== undefined && typeof r.description !== 'string') return 'instance type does not match any allowed primitive type (allowed: ["string"])';
  const action = shape(r.action, ['type'], ACTION_KEYS) ?? checkAction(r.action as Obj);
  if (action) return action;
  return shape(r.selection, ['countNumber', 'countType', 'tagStatus'], SELECTION_KEYS)
    ?? checkSelection(r.selection as Obj, String((r.action as Obj).type));
}

/** The rule-set checks within one storage class ("The set of all rules selecting a specific storage class ..."). */
function checkStorageClass(rules: readonly LifecycleRule[]): string | undefined {
  const highest = Math.max(...rules.map((r) => r.rulePriority));
  if (rules.some((r) => r.selection.tagStatus === 'any' && r.rulePriority !== highest)) {
    return "the rule with tagStatus 'any' must have the highest rulePriority.";
  }
  if (rules.filter((r) => r.selection.tagStatus === 'untagged').length > 1) return 'only one rule may select untagged images.';
  const filters = rules.filter((r) => r.selection.tagStatus === 'tagged')
    .map((r) => JSON.stringify([...(r.selection.tagPrefixList ?? r.selection.tagPatternList ?? [])].sort()));
  if (new Set(filters).size !== filters.length) return 'the rules must contain a unique set of tag prefixes.';
  return undefined;
}

/** Rules that are fine alone but not together. */
export function checkRuleSet(rules: readonly LifecycleRule[]): string | undefined {
  const priorities = rules.map((r) => r.rulePriority);
  if (new Set(priorities).size !== priorities.length) return 'rulePriority must be unique across rules.';
  return checkStorageClass(rules.filter((r) => r.selection.storageClass !== 'archive'))
    ?? checkStorageClass(rules.filter((r) => r.selection.storageClass === 'archive'));
}

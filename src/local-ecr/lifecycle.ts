// Lifecycle policies as ECR documents them: parsing with ECR's validation texts, and a pure
// evaluator that says which images a policy would expire (for the lifecycle policy preview).
import { checkRule, checkRuleSet } from './lifecycle-schema.js';

export type TagStatus = 'tagged' | 'untagged' | 'any';

export interface LifecycleSelection {
  readonly tagStatus: TagStatus;
  readonly tagPrefixList?: readonly string[];
  readonly tagPatternList?: readonly string[];
  readonly countType: 'imageCountMoreThan' | 'sinceImagePushed';
  readonly countUnit?: 'days';
  readonly countNumber: number;
}

export interface LifecycleRule {
  readonly rulePriority: number;
  readonly description?: string;
  readonly selection: LifecycleSelection;
  readonly action: { readonly type: 'expire' };
}

export interface LifecyclePolicy {
  readonly rules: readonly LifecycleRule[];
}

/** `reason` is the text ECR puts after "Lifecycle policy validation failure: ". */
export type ParsedPolicy = { readonly ok: true; readonly policy: LifecyclePolicy } | { readonly ok: false; readonly reason: string };

export interface LifecycleImage {
  readonly digest: string;
  readonly tags: readonly string[];
  /** Epoch seconds. */
  readonly pushedAt: number;
}

export interface Expiry extends LifecycleImage {
  readonly rulePriority: number;
}

/** Parses and validates a policy text the way PutLifecyclePolicy does. */
export function parseLifecyclePolicy(text: string): ParsedPolicy {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'Could not map policyString into LifecyclePolicy.' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, reason: 'Could not map policyString into LifecyclePolicy.' };
  const rules = (json as { rules?: unknown }).rules;
  if (!Array.isArray(rules)) return { ok: false, reason: 'object has missing required properties (["rules"])' };
  for (const rule of rules) {
    const reason = checkRule(rule);
    if (reason) return { ok: false, reason };
  }
  const reason = checkRuleSet(rules as LifecycleRule[]);
  return reason ? { ok: false, reason } : { ok: true, policy: { rules: rules as LifecycleRule[] } };
}

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** Whether a rule's tag selection picks the image (prefixes/patterns: all must match some tag). */
export function selects(selection: LifecycleSelection, image: LifecycleImage): boolean {
  if (selection.tagStatus === 'any') return true;
  if (selection.tagStatus === 'untagged') return image.tags.length === 0;
  if (image.tags.length === 0) return false;
  const prefixes = selection.tagPrefixList ?? [];
  const patterns = (selection.tagPatternList ?? []).map(wildcard);
  return prefixes.every((p) => image.tags.some((t) => t.startsWith(p)))
    && patterns.every((re) => image.tags.some((t) => re.test(t)));
}

/** Images a rule would expire among those it selects, ignoring other rules. */
function wouldExpire(selection: LifecycleSelection, candidates: readonly LifecycleImage[], nowSeconds: number): LifecycleImage[] {
  if (selection.countType === 'imageCountMoreThan') {
    return [...candidates].sort((a, b) => b.pushedAt - a.pushedAt).slice(selection.countNumber);
  }
  const cutoff = nowSeconds - selection.countNumber * 86_400;
  return candidates.filter((image) => image.pushedAt < cutoff);
}

/**
 * Which images the policy expires, oldest first. Rules are applied by ascending priority; an
 * image selected by a rule's tag filter cannot be expired by a lower-priority rule, but still
 * counts for it, and each image is expired by at most one rule.
 */
export function evaluateLifecyclePolicy(policy: LifecyclePolicy, images: readonly LifecycleImage[], nowSeconds: number): Expiry[] {
  const rules = [...policy.rules].sort((a, b) => a.rulePriority - b.rulePriority);
  const claimed = new Set<string>();
  const expired: Expiry[] = [];
  for (const rule of rules) {
    const candidates = images.filter((image) => selects(rule.selection, image));
    for (const image of wouldExpire(rule.selection, candidates, nowSeconds)) {
      if (!claimed.has(image.digest)) expired.push({ ...image, rulePriority: rule.rulePriority });
    }
    for (const image of candidates) claimed.add(image.digest);
  }
  return expired.sort((a, b) => a.pushedAt - b.pushedAt || a.digest.localeCompare(b.digest));
}

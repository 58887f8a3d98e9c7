// Lifecycle policies as ECR documents them: parsing with ECR's validation texts, and a pure
// evaluator that says which images a policy expires or archives (the preview, and the runner
// that applies policies on the local clock).
import { checkRule, checkRuleSet } from './lifecycle-schema.js';

export type TagStatus = 'tagged' | 'untagged' | 'any';
export type CountType = 'imageCountMoreThan' | 'sinceImagePushed' | 'sinceImagePulled' | 'sinceImageTransitioned';

export interface LifecycleSelection {
  readonly tagStatus: TagStatus;
  readonly tagPrefixList?: readonly string[];
  readonly tagPatternList?: readonly string[];
  /** The storage class a rule looks at: `standard` unless given (`archive` only with sinceImageTransitioned). */
  readonly storageClass?: 'standard' | 'archive';
  readonly countType: CountType;
  readonly countUnit?: 'days';
  readonly countNumber: number;
}

export type LifecycleRuleAction = { readonly type: 'expire' } | { readonly type: 'transition'; readonly targetStorageClass: 'archive' };

export interface LifecycleRule {
  readonly rulePriority: number;
  readonly description?: string;
  readonly selection: LifecycleSelection;
  readonly action: LifecycleRuleAction;
}

export interface LifecyclePolicy {
  readonly rules: readonly LifecycleRule[];
}

/** `reason` is the text ECR puts after "Lifecycle policy validation failure: ". */
export type ParsedPolicy = { readonly ok: true; readonly policy: LifecyclePolicy } | { readonly ok: false; readonly reason: string };

/** What the evaluator needs of an image (times in epoch seconds). ACTIVATING images are left out by the caller. */
export interface LifecycleImage {
  readonly digest: string;
  readonly tags: readonly string[];
  readonly pushedAt: number;
  /** STANDARD when absent. */
  readonly storageClass?: 'STANDARD' | 'ARCHIVE';
  readonly lastRecordedPullTime?: number;
  readonly lastArchivedAt?: number;
  readonly lastActivatedAt?: number;
  /** Referenced by a manifest list that is not archived: it can be counted but not acted on. */
  readonly isReferenced?: boolean;
}

/** One image a rule acts on. */
export interface Expiry extends LifecycleImage {
  readonly rulePriority: number;
  readonly action: 'expire' | 'transition';
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

const DAY = 86_400;

/** When a restored image's life starts again: "the image's last_activated_at is used instead of pushed_at_time". */
function activeSince(image: LifecycleImage): number {
  return image.lastActivatedAt ?? image.pushedAt;
}

/**
 * The time sinceImagePulled measures from: the last recorded pull; never pulled, the push; and
 * never pulled since a restore, the restore (user guide, lifecycle evaluation rules).
 */
function lastUse(image: LifecycleImage): number {
  const pulled = image.lastRecordedPullTime;
  if (pulled !== undefined && (image.lastActivatedAt === undefined || pulled >= image.lastActivatedAt)) return pulled;
  return activeSince(image);
}

function inStorageClass(selection: LifecycleSelection, image: LifecycleImage): boolean {
  return (selection.storageClass ?? 'standard') === (image.storageClass === 'ARCHIVE' ? 'archive' : 'standard');
}

/** Images a rule would act on among those it selects, ignoring other rules. */
function wouldAct(selection: LifecycleSelection, candidates: readonly LifecycleImage[], nowSeconds: number): LifecycleImage[] {
  const cutoff = nowSeconds - selection.countNumber * DAY;
  switch (selection.countType) {
    case 'imageCountMoreThan':
      return [...candidates].sort((a, b) => activeSince(b) - activeSince(a)).slice(selection.countNumber);
    case 'sinceImagePushed': return candidates.filter((image) => activeSince(image) < cutoff);
    case 'sinceImagePulled': return candidates.filter((image) => lastUse(image) < cutoff);
    case 'sinceImageTransitioned': return candidates.filter((image) => (image.lastArchivedAt ?? Infinity) < cutoff);
  }
}

/**
 * What the policy does, oldest first. Rules are applied by ascending priority; an image selected
 * by a rule's tag filter cannot be acted on by a lower-priority rule, but still counts for it,
 * and each image is acted on by at most one rule. A rule sees only images of its storage class.
 */
export function evaluateLifecyclePolicy(policy: LifecyclePolicy, images: readonly LifecycleImage[], nowSeconds: number): Expiry[] {
  const rules = [...policy.rules].sort((a, b) => a.rulePriority - b.rulePriority);
  const claimed = new Set<string>();
  const acted: Expiry[] = [];
  for (const rule of rules) {
    const candidates = images.filter((image) => inStorageClass(rule.selection, image) && selects(rule.selection, image));
    for (const image of wouldAct(rule.selection, candidates, nowSeconds)) {
      if (!claimed.has(image.digest) && !image.isReferenced) acted.push({ ...image, rulePriority: rule.rulePriority, action: rule.action.type });
    }
    for (const image of candidates) claimed.add(image.digest);
  }
  return acted.sort((a, b) => a.pushedAt - b.pushedAt || a.digest.localeCompare(b.digest));
}

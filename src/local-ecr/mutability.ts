// Whether a tag may be moved, under the repository's imageTagMutability and its exclusion
// filters: one rule for the registry's manifest PUT and the API's PutImage.
import type { RepositoryRecord, TagMutabilityFilter } from './store/types.js';

/** A WILDCARD filter as a regular expression: `*` matches any run of characters, the rest literally. */
function matches(filter: TagMutabilityFilter, tag: string): boolean {
  const pattern = filter.filter.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\-]/g, '\\$&')).join('.*');
  return new RegExp(`^${pattern}$`).test(tag);
}

/** True when `tag`, once it exists in the repository, may not be pointed at another image. */
export function isTagImmutable(repository: Pick<RepositoryRecord, 'imageTagMutability' | 'imageTagMutabilityExclusionFilters'>, tag: string): boolean {
  const excluded = (repository.imageTagMutabilityExclusionFilters ?? []).some((f) => matches(f, tag));
  switch (repository.imageTagMutability) {
    case 'IMMUTABLE': return true;
    case 'IMMUTABLE_WITH_EXCLUSION': return !excluded;
    case 'MUTABLE_WITH_EXCLUSION': return excluded;
    default: return false;
  }
}

/**
 * ECR's text for an immutable tag. With exclusion filters (the 2025 feature) the rule is the
 * tag's, and so is ECR's wording: "...because the tag is immutable." (ECR.md §4.3 row 5).
 */
export function immutableTagText(tag: string, repository: string, byExclusion: boolean): string {
  return `The image tag '${tag}' already exists in the '${repository}' repository and cannot be overwritten because the ${byExclusion ? 'tag' : 'repository'} is immutable.`;
}

/** True when the repository's immutability comes with exclusion filters (a per-tag rule). */
export function hasExclusions(repository: Pick<RepositoryRecord, 'imageTagMutability'>): boolean {
  return repository.imageTagMutability.endsWith('_WITH_EXCLUSION');
}

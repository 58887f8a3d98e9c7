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

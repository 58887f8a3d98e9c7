// The parts UploadLayerPart received per upload, kept in memory beside the store's upload (which
// knows only the total), so that CompleteLayerUpload can refuse a part below ECR's minimum.
import type { Store } from '../../store/types.js';

interface Part {
  readonly first: number;
  readonly size: number;
}

const partsByStore = new WeakMap<Store, Map<string, Part[]>>();

function partsOf(store: Store): Map<string, Part[]> {
  let parts = partsByStore.get(store);
  if (!parts) {
    parts = new Map();
    partsByStore.set(store, parts);
  }
  return parts;
}

/** Notes a part that was appended to upload `id`. */
export function recordPart(store: Store, id: string, first: number, size: number): void {
  const parts = partsOf(store);
  parts.set(id, [...(parts.get(id) ?? []), { first, size }]);
}

/**
 * The size of an API part smaller than `min` that is not the upload's last (`total` bytes so
 * far), if any. Bytes PATCHed over the registry are not parts here: docker sends one stream.
 * The upload's record is dropped when the upload is done with.
 */
export function smallPart(store: Store, id: string, total: number, min: number): number | undefined {
  const parts = partsOf(store).get(id) ?? [];
  if (store.getUpload(id) === undefined) partsOf(store).delete(id);
  return parts.find((p) => p.size < min && p.first + p.size < total)?.size;
}

/** Forgets upload `id` (completed or cancelled). */
export function forgetParts(store: Store, id: string): void {
  partsOf(store).delete(id);
}

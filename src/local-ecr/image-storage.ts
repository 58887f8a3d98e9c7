// An image's storage class and status on the local clock: archiving, the restore that takes
// ECR up to 20 minutes (ACTIVATING, then ACTIVE), and which images may be pulled. One reading
// for DescribeImages, BatchGetImage, the registry and the lifecycle runner.
import type { ImageRecord } from './store/types.js';

/**
 * How long a restore from ARCHIVE takes on the local clock. AWS: "You can expect ECR to restore
 * the image within 20 minutes" (user guide, archive_restore_image.html).
 */
export const RESTORE_SECONDS = 20 * 60;

export type ImageStatus = 'ACTIVE' | 'ARCHIVED' | 'ACTIVATING';

/** What an image's storage looks like at one moment. */
export interface StorageView {
  readonly storageClass: 'STANDARD' | 'ARCHIVE';
  readonly imageStatus: ImageStatus;
  /** Epoch seconds. */
  readonly lastArchivedAt?: number;
  /** Epoch seconds; only once a restore has finished. */
  readonly lastActivatedAt?: number;
}

/**
 * The image's storage at `nowSeconds`. While ACTIVATING, the record keeps in `lastActivatedAt`
 * the moment the restore finishes, so the status turns ACTIVE by itself when the clock passes
 * it (a clock move included) without anything having to run at that moment.
 */
export function storageView(image: ImageRecord, nowSeconds: number): StorageView {
  const archivedAt = image.lastArchivedAt !== undefined ? { lastArchivedAt: image.lastArchivedAt } : {};
  if (image.imageStatus === 'ARCHIVED') return { storageClass: 'ARCHIVE', imageStatus: 'ARCHIVED', ...archivedAt };
  if (image.imageStatus === 'ACTIVATING' && (image.lastActivatedAt ?? 0) > nowSeconds) {
    return { storageClass: 'ARCHIVE', imageStatus: 'ACTIVATING', ...archivedAt };
  }
  return {
    storageClass: 'STANDARD', imageStatus: 'ACTIVE', ...archivedAt,
    ...(image.lastActivatedAt !== undefined ? { lastActivatedAt: image.lastActivatedAt } : {}),
  };
}

/** Only ACTIVE images can be pulled: an archived one answers 404, as on ECR. */
export function isPullable(image: ImageRecord, nowSeconds: number): boolean {
  return storageView(image, nowSeconds).imageStatus === 'ACTIVE';
}

/** The record once archived at `nowSeconds`. */
export function archived(image: ImageRecord, nowSeconds: number): ImageRecord {
  return { ...image, storageClass: 'ARCHIVE', imageStatus: 'ARCHIVED', lastArchivedAt: nowSeconds };
}

/** The record once a restore starts at `nowSeconds` (ACTIVATING for RESTORE_SECONDS). */
export function restoring(image: ImageRecord, nowSeconds: number): ImageRecord {
  return { ...image, storageClass: 'ARCHIVE', imageStatus: 'ACTIVATING', lastActivatedAt: nowSeconds + RESTORE_SECONDS };
}

/**
 * The record after the same image is pushed again: "When you push an image that is currently
 * archived, that image will be immediately restored" (user guide, restore-image.html).
 * Unchanged when the image was not archived.
 */
export function restoredByPush(image: ImageRecord, nowSeconds: number): ImageRecord {
  const view = storageView(image, nowSeconds);
  if (view.imageStatus === 'ACTIVE') return image;
  return { ...image, storageClass: 'STANDARD', imageStatus: 'ACTIVE', lastActivatedAt: nowSeconds };
}

/** The record with a finished restore written down as ACTIVE (the runner tidies records with it). */
export function settled(image: ImageRecord, nowSeconds: number): ImageRecord {
  if (image.imageStatus !== 'ACTIVATING' || storageView(image, nowSeconds).imageStatus !== 'ACTIVE') return image;
  return { ...image, storageClass: 'STANDARD', imageStatus: 'ACTIVE' };
}

/** The DescribeImages members for an image's storage. */
export function storageDetail(image: ImageRecord, nowSeconds: number): Record<string, unknown> {
  const view = storageView(image, nowSeconds);
  return {
    imageStatus: view.imageStatus,
    ...(view.lastArchivedAt !== undefined ? { lastArchivedAt: view.lastArchivedAt } : {}),
    ...(view.lastActivatedAt !== undefined ? { lastActivatedAt: view.lastActivatedAt } : {}),
  };
}

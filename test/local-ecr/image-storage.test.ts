// Table tests for an image's storage class and status on the local clock (../../src/local-ecr/image-storage.ts).
import { describe, expect, it } from 'vitest';
import { archived, isPullable, RESTORE_SECONDS, restoredByPush, restoring, settled, storageView } from '../../src/local-ecr/image-storage.js';
import type { ImageRecord } from '../../src/local-ecr/store/types.js';

const T = 1_800_000_000;
const image: ImageRecord = { digest: 'sha256:aa', manifestMediaType: 'm', sizeInBytes: 1, manifestSize: 1, pushedAt: T - 100, tags: ['v1'] };

describe('storageView', () => {
  it.each([
    ['a pushed image', image, T, { storageClass: 'STANDARD', imageStatus: 'ACTIVE' }],
    ['an archived image', archived(image, T), T + 1, { storageClass: 'ARCHIVE', imageStatus: 'ARCHIVED', lastArchivedAt: T }],
    ['a restore under way', restoring(archived(image, T), T + 10), T + 10 + RESTORE_SECONDS - 1, { storageClass: 'ARCHIVE', imageStatus: 'ACTIVATING', lastArchivedAt: T }],
    ['a finished restore', restoring(archived(image, T), T + 10), T + 10 + RESTORE_SECONDS,
      { storageClass: 'STANDARD', imageStatus: 'ACTIVE', lastArchivedAt: T, lastActivatedAt: T + 10 + RESTORE_SECONDS }],
    ['an archived image pushed again', restoredByPush(archived(image, T), T + 50), T + 50,
      { storageClass: 'STANDARD', imageStatus: 'ACTIVE', lastArchivedAt: T, lastActivatedAt: T + 50 }],
  ] as const)('%s', (_name, record, now, view) => {
    expect(storageView(record, now)).toEqual(view);
    expect(isPullable(record, now)).toBe(view.imageStatus === 'ACTIVE');
  });

  it('leaves an active image alone when pushed again, and writes a finished restore down', () => {
    expect(restoredByPush(image, T)).toBe(image);
    const restored = restoring(archived(image, T), T);
    expect(settled(restored, T + 1)).toBe(restored);
    expect(settled(restored, T + RESTORE_SECONDS)).toMatchObject({ storageClass: 'STANDARD', imageStatus: 'ACTIVE', lastActivatedAt: T + RESTORE_SECONDS });
  });
});

// Image storage classes (UpdateImageStorageClass) and pull-time update exclusions.
import type { Operation } from '../call.js';

export const STORAGE_OPERATIONS: Readonly<Record<string, Operation>> = {};

// The layer API: BatchCheckLayerAvailability, InitiateLayerUpload, UploadLayerPart, CompleteLayerUpload, GetDownloadUrlForLayer.
import type { Operation } from '../call.js';

export const LAYER_OPERATIONS: Readonly<Record<string, Operation>> = {};

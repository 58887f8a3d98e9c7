// Signing configuration, DescribeImageSigningStatus and ListImageReferrers.
import type { Operation } from '../call.js';

export const SIGNING_OPERATIONS: Readonly<Record<string, Operation>> = {};

// Replication: PutReplicationConfiguration, DescribeImageReplicationStatus, replication backfills.
import type { Operation } from '../call.js';

export const REPLICATION_OPERATIONS: Readonly<Record<string, Operation>> = {};

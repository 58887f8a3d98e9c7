// Replication: PutReplicationConfiguration, DescribeImageReplicationStatus, replication backfills.
import { parseReplicationConfiguration, REPLICATION_SECTION, type ReplicationConfiguration } from '../../replication/config.js';
import { existingRepository, namedRepositoryArn, requestedImage, type Operation } from '../call.js';
import { BACKFILL_OPERATIONS, engineOf } from './replication-backfill.js';

const PutReplicationConfiguration: Operation = {
  resource: () => '*',
  async run(call) {
    const { account, region } = call.ctx.config;
    const config = parseReplicationConfiguration(call.input, account, region);
    await call.ctx.registry.update<ReplicationConfiguration>(REPLICATION_SECTION, () => config);
    // The destination regions' local ECRs are up before the answer: the learner's next command
    // may already be `aws --region <destination> --endpoint-url <its endpoint> ...`.
    await engineOf(call.ctx).start();
    return { replicationConfiguration: config };
  },
};

const DescribeImageReplicationStatus: Operation = {
  resource: namedRepositoryArn,
  async run(call) {
    const repo = existingRepository(call);
    const { id, image } = requestedImage(call, repo);
    const statuses = engineOf(call.ctx).state.statuses(repo.name, image.digest);
    return {
      repositoryName: repo.name,
      imageId: { imageDigest: image.digest, ...(id.imageTag !== undefined ? { imageTag: id.imageTag } : {}) },
      replicationStatuses: statuses.map((s) => ({
        region: s.region, registryId: s.registryId, status: s.status, ...(s.failureCode !== undefined ? { failureCode: s.failureCode } : {}),
      })),
    };
  },
};

export const REPLICATION_OPERATIONS: Readonly<Record<string, Operation>> = {
  PutReplicationConfiguration, DescribeImageReplicationStatus, ...BACKFILL_OPERATIONS,
};

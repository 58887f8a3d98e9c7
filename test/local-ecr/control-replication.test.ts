// Replication through the real SDK: configuration validation, a push replicated to another
// region's local ECR (read there with region us-west-2), status transitions, restart mid-way,
// and backfills of images pushed before the rule.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  BatchGetImageCommand, CreateRepositoryCommand, CreateRepositoryCreationTemplateCommand, DescribeImageReplicationStatusCommand,
  DescribeImagesCommand, DescribeReplicationBackfillResultsCommand, DescribeRepositoriesCommand, ECRClient,
  ListReplicationBackfillsCommand, PutImageCommand, PutReplicationConfigurationCommand, StartReplicationBackfillCommand,
  StopReplicationBackfillCommand, type DescribeReplicationBackfillResultsCommandOutput, type ListReplicationBackfillsCommandOutput,
  type ReplicationConfiguration, type StartReplicationBackfillCommandOutput, type StopReplicationBackfillCommandOutput,
} from '@aws-sdk/client-ecr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultIdentity } from '../../src/local-ecr/config.js';
import { startLocalEcr, type LocalEcr } from '../../src/local-ecr/server.js';
import { ACCOUNT, CONFIG_TYPE, DOCKER_MANIFEST, failure, LEARNER, REGION, sha256, startControlHarness, type ControlHarness } from './control-helpers.js';

const WEST = 'us-west-2';
const toWest: ReplicationConfiguration = { rules: [{ destinations: [{ region: WEST, registryId: ACCOUNT }] }] };

function clientFor(endpoint: string, region: string): ECRClient {
  return new ECRClient({ endpoint, region, credentials: LEARNER, maxAttempts: 1 });
}

async function peerEndpoint(ecr: LocalEcr, region: string): Promise<string> {
  const peer = (await ecr.replication.regions.list()).find((p) => p.region === region);
  if (!peer) throw new Error(`no local ECR for ${region}`);
  return peer.endpoint;
}

async function statuses(client: ECRClient, repositoryName: string, imageTag: string) {
  const out = await client.send(new DescribeImageReplicationStatusCommand({ repositoryName, imageId: { imageTag } }));
  return out.replicationStatuses ?? [];
}

describe('PutReplicationConfiguration validation', () => {
  let h: ControlHarness;
  beforeEach(async () => { h = await startControlHarness(); });
  afterEach(async () => { await h.close(); });

  const put = (replicationConfiguration: ReplicationConfiguration) =>
    failure(h.client.send(new PutReplicationConfigurationCommand({ replicationConfiguration })));
  const dest = (region: string, registryId = ACCOUNT) => ({ region, registryId });

  it.each([
    ['more than 10 rules', { rules: Array.from({ length: 11 }, () => ({ destinations: [dest(WEST)] })) },
      "Invalid parameter at 'replicationConfiguration.rules' failed to satisfy constraint: 'Member must have length less than or equal to 10'"],
    ['a region off the pattern', { rules: [{ destinations: [dest('US_WEST_2')] }] },
      "Invalid parameter at 'replicationConfiguration.rules.1.member.destinations.1.member.region' failed to satisfy constraint: 'Member must satisfy regular expression pattern: [0-9a-z-]{2,25}'"],
    ['a region no partition has (each destination would start a server)', { rules: [{ destinations: [dest('zz-0')] }] },
      "Invalid parameter at 'replicationConfiguration.rules.1.member.destinations.1.member.region' failed to satisfy constraint: 'Invalid destination region 'zz-0''"],
    ['a registry id off the pattern', { rules: [{ destinations: [dest(WEST, '12345')] }] },
      "Invalid parameter at 'replicationConfiguration.rules.1.member.destinations.1.member.registryId' failed to satisfy constraint: 'Member must satisfy regular expression pattern: [0-9]{12}'"],
    ['a filter type other than PREFIX_MATCH', { rules: [{ destinations: [dest(WEST)], repositoryFilters: [{ filter: 'prod', filterType: 'WILDCARD' as 'PREFIX_MATCH' }] }] },
      "Invalid parameter at 'replicationConfiguration.rules.1.member.repositoryFilters.1.member.filterType' failed to satisfy constraint: 'Member must satisfy enum value set: [PREFIX_MATCH]'"],
    ['the source registry and region itself', { rules: [{ destinations: [dest(REGION)] }] },
      "Invalid parameter at 'replicationConfiguration' failed to satisfy constraint: 'Replication destination cannot be the same as the source registry'"],
    ['more than 25 unique destinations', { rules: [{ destinations: Array.from({ length: 26 }, (_, i) => dest(`eu-test-${i + 1}`)) }] },
      "Invalid parameter at 'replicationConfiguration' failed to satisfy constraint: 'Replication configuration cannot have more than 25 unique destinations'"],
  ])('refuses %s', async (_name, config, message) => {
    const err = await put(config as ReplicationConfiguration);
    expect(err).toMatchObject({ name: 'InvalidParameterException', status: 400, message });
    expect(h.ecr.context.registry.get('replicationConfiguration')).toBeUndefined();
  });

  it('keeps the configuration exactly as put, in the registry section', async () => {
    const config = { rules: [{ destinations: [dest(WEST)], repositoryFilters: [{ filter: 'prod', filterType: 'PREFIX_MATCH' as const }] }] };
    const out = await h.client.send(new PutReplicationConfigurationCommand({ replicationConfiguration: config }));
    expect(out.replicationConfiguration).toEqual(config);
    expect(h.ecr.context.registry.get('replicationConfiguration')).toEqual(config);
  });
});

describe('replication to another region of the account', () => {
  let h: ControlHarness;
  beforeEach(async () => { h = await startControlHarness(); });
  afterEach(async () => { await h.close(); });

  it('starts the region\'s own local ECR, which refuses requests signed for the main region', async () => {
    await h.client.send(new PutReplicationConfigurationCommand({ replicationConfiguration: toWest }));
    const endpoint = await peerEndpoint(h.ecr, WEST);
    expect(endpoint).not.toBe(h.ecr.endpoint);
    const err = await failure(clientFor(endpoint, REGION).send(new DescribeRepositoriesCommand({})));
    expect(err).toMatchObject({ name: 'InvalidSignatureException', message: `Credential should be scoped to a valid region, not '${REGION}'.` });
    const mainErr = await failure(h.ecrAs(LEARNER, WEST).send(new DescribeRepositoriesCommand({})));
    expect(mainErr.message).toBe(`Credential should be scoped to a valid region, not '${WEST}'.`);
  });

  it('replicates a push: IN_PROGRESS, then COMPLETE, and the replica reads the same in us-west-2', async () => {
    await h.client.send(new PutReplicationConfigurationCommand({ replicationConfiguration: toWest }));
    await h.client.send(new CreateRepositoryCommand({ repositoryName: 'team/app' }));
    h.ecr.replication.engine.pause();
    const digest = await h.pushImage('team/app', 'v1', 'one');
    expect(await statuses(h.client, 'team/app', 'v1')).toEqual([{ region: WEST, registryId: ACCOUNT, status: 'IN_PROGRESS' }]);
    h.ecr.replication.engine.resume();
    await h.ecr.replication.engine.idle();
    expect(await statuses(h.client, 'team/app', 'v1')).toEqual([{ region: WEST, registryId: ACCOUNT, status: 'COMPLETE' }]);

    const west = clientFor(await peerEndpoint(h.ecr, WEST), WEST);
    const images = await west.send(new DescribeImagesCommand({ repositoryName: 'team/app' }));
    expect(images.imageDetails?.map((i) => [i.imageDigest, i.imageTags])).toEqual([[digest, ['v1']]]);
    const repos = await west.send(new DescribeRepositoriesCommand({ repositoryNames: ['team/app'] }));
    expect(repos.repositories?.[0]?.repositoryArn).toBe(`arn:aws:ecr:${WEST}:${ACCOUNT}:repository/team/app`);
    const main = await h.client.send(new BatchGetImageCommand({ repositoryName: 'team/app', imageIds: [{ imageTag: 'v1' }] }));
    const replica = await west.send(new BatchGetImageCommand({ repositoryName: 'team/app', imageIds: [{ imageTag: 'v1' }] }));
    expect(replica.images?.[0]?.imageManifest).toBe(main.images?.[0]?.imageManifest);
  });

  it('replicates an image index with its child images', async () => {
    await h.client.send(new PutReplicationConfigurationCommand({ replicationConfiguration: toWest }));
    await h.client.send(new CreateRepositoryCommand({ repositoryName: 'team/multi' }));
    const children = [await h.pushImage('team/multi', undefined, 'amd64'), await h.pushImage('team/multi', undefined, 'arm64')];
    const index = JSON.stringify({
      schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: children.map((digest, i) => ({
        mediaType: DOCKER_MANIFEST, digest, size: h.store.getImage('team/multi', digest)?.manifestSize,
        platform: { architecture: i === 0 ? 'amd64' : 'arm64', os: 'linux' },
      })),
    });
    await h.client.send(new PutImageCommand({ repositoryName: 'team/multi', imageManifest: index, imageTag: 'v1' }));
    await h.ecr.replication.engine.idle();
    expect(await statuses(h.client, 'team/multi', 'v1')).toEqual([{ region: WEST, registryId: ACCOUNT, status: 'COMPLETE' }]);
    const west = clientFor(await peerEndpoint(h.ecr, WEST), WEST);
    const images = await west.send(new DescribeImagesCommand({ repositoryName: 'team/multi' }));
    expect(images.imageDetails?.map((i) => i.imageDigest).sort()).toEqual([...children, sha256(index)].sort());
  });

  it('replicates only repositories a filter matches', async () => {
    const config = { rules: [{ destinations: [{ region: WEST, registryId: ACCOUNT }], repositoryFilters: [{ filter: 'prod', filterType: 'PREFIX_MATCH' as const }] }] };
    await h.client.send(new PutReplicationConfigurationCommand({ replicationConfiguration: config }));
    await h.client.send(new CreateRepositoryCommand({ repositoryName: 'prod/api' }));
    await h.client.send(new CreateRepositoryCommand({ repositoryName: 'dev/api' }));
    await h.pushImage('prod/api', 'v1', 'prod');
    await h.pushImage('dev/api', 'v1', 'dev');
    await h.ecr.replication.engine.idle();
    expect(await statuses(h.client, 'prod/api', 'v1')).toEqual([{ region: WEST, registryId: ACCOUNT, status: 'COMPLETE' }]);
    expect(await statuses(h.client, 'dev/api', 'v1')).toEqual([]);
    const west = clientFor(await peerEndpoint(h.ecr, WEST), WEST);
    const repos = await west.send(new DescribeRepositoriesCommand({}));
    expect(repos.repositories?.map((r) => r.repositoryName)).toEqual(['prod/api']);
  });

  it('creates the destination repository from its region\'s REPLICATION template', async () => {
    await h.client.send(new PutReplicationConfigurationCommand({ replicationConfiguration: toWest }));
    const west = clientFor(await peerEndpoint(h.ecr, WEST), WEST);
    await west.send(new CreateRepositoryCreationTemplateCommand({ prefix: 'team', appliedFor: ['REPLICATION'], imageTagMutability: 'IMMUTABLE' }));
    await h.client.send(new CreateRepositoryCommand({ repositoryName: 'team/app' }));
    await h.pushImage('team/app', 'v1', 'one');
    await h.ecr.replication.engine.idle();
    const repos = await west.send(new DescribeRepositoriesCommand({ repositoryNames: ['team/app'] }));
    expect(repos.repositories?.[0]?.imageTagMutability).toBe('IMMUTABLE');
  });

  it('fails a destination in another account, saying the offline lab cannot reach it', async () => {
    const other = { rules: [{ destinations: [{ region: WEST, registryId: '111122223333' }] }] };
    await h.client.send(new PutReplicationConfigurationCommand({ replicationConfiguration: other }));
    await h.client.send(new CreateRepositoryCommand({ repositoryName: 'team/app' }));
    await h.pushImage('team/app', 'v1', 'one');
    await h.ecr.replication.engine.idle();
    const [status] = await statuses(h.client, 'team/app', 'v1');
    expect(status).toMatchObject({ region: WEST, registryId: '111122223333', status: 'FAILED' });
    expect(status?.failureCode).toContain('cross-account replication fails here');
  });

  it('answers DescribeImageReplicationStatus for a missing image as ECR does', async () => {
    await h.client.send(new CreateRepositoryCommand({ repositoryName: 'team/app' }));
    const err = await failure(h.client.send(new DescribeImageReplicationStatusCommand({ repositoryName: 'team/app', imageId: { imageTag: 'nope' } })));
    expect(err).toMatchObject({
      name: 'ImageNotFoundException',
      message: `The image with imageId {imageDigest:'null', imageTag:'nope'} does not exist within the repository with name 'team/app' in the registry with id '${ACCOUNT}'`,
    });
  });
});

// The backfill operations are authorised as their nearest replication actions (see
// replication-backfill.ts), so the learner calls them through the real SDK.
function backfillSender(h: ControlHarness) {
  return <T>(command: StartReplicationBackfillCommand | StopReplicationBackfillCommand
    | DescribeReplicationBackfillResultsCommand | ListReplicationBackfillsCommand): Promise<T> =>
    h.client.send(command as StartReplicationBackfillCommand) as Promise<T>;
}

describe('replication backfills', () => {
  let h: ControlHarness;
  let send: ReturnType<typeof backfillSender>;
  beforeEach(async () => { h = await startControlHarness(); send = backfillSender(h); });
  afterEach(async () => { await h.close(); });

  it('replicates images pushed before the rule, with progress and results', async () => {
    await h.client.send(new CreateRepositoryCommand({ repositoryName: 'team/app' }));
    await h.pushImage('team/app', 'v1', 'one');
    await h.pushImage('team/app', 'v2', 'two');
    await h.client.send(new PutReplicationConfigurationCommand({ replicationConfiguration: toWest }));
    const engine = h.ecr.replication.engine;
    engine.pause();
    const destination = { region: WEST, registryId: ACCOUNT };
    const started = await send<StartReplicationBackfillCommandOutput>(new StartReplicationBackfillCommand({ destination }));
    expect(started).toMatchObject({ registryId: ACCOUNT, destination, status: 'PREPARING' });
    const id = started.replicationBackfillId;
    const again = await failure(send(new StartReplicationBackfillCommand({ destination })));
    expect(again.name).toBe('ReplicationBackfillInProgressException');
    const preparing = await send<DescribeReplicationBackfillResultsCommandOutput>(new DescribeReplicationBackfillResultsCommand({ replicationBackfillId: id }));
    expect(preparing.status).toBe('PREPARING');
    expect(preparing.progress).toBeUndefined();
    engine.resume();
    await engine.idle();
    const done = await send<DescribeReplicationBackfillResultsCommandOutput>(new DescribeReplicationBackfillResultsCommand({ replicationBackfillId: id }));
    expect(done.status).toBe('COMPLETE');
    expect(done.progress).toEqual({ totalReplicationCount: 2, completedReplicationCount: 2, failedReplicationCount: 0, failureCodes: [] });
    expect(done.results?.map((r) => [r.imageId?.imageTag, r.status]).sort()).toEqual([['v1', 'COMPLETE'], ['v2', 'COMPLETE']]);
    expect(done.endedAt).toBeDefined();
    const failedOnly = await send<DescribeReplicationBackfillResultsCommandOutput>(new DescribeReplicationBackfillResultsCommand({ replicationBackfillId: id, resultStatusFilter: 'FAILED' }));
    expect(failedOnly.results).toEqual([]);
    const west = clientFor(await peerEndpoint(h.ecr, WEST), WEST);
    const images = await west.send(new DescribeImagesCommand({ repositoryName: 'team/app' }));
    expect(images.imageDetails?.flatMap((i) => i.imageTags ?? []).sort()).toEqual(['v1', 'v2']);
    const list = await send<ListReplicationBackfillsCommandOutput>(new ListReplicationBackfillsCommand({}));
    expect(list.backfills?.map((b) => [b.replicationBackfillId, b.status])).toEqual([[id, 'COMPLETE']]);
    const stop = await failure(send(new StopReplicationBackfillCommand({ replicationBackfillId: id })));
    expect(stop.name).toBe('ReplicationBackfillInvalidStatusException');
  });

  it('stops a backfill mid-way: what was left is dropped and shows no replication status', async () => {
    await h.client.send(new CreateRepositoryCommand({ repositoryName: 'team/app' }));
    await h.pushImage('team/app', 'v1', 'one');
    await h.pushImage('team/app', 'v2', 'two');
    await h.client.send(new PutReplicationConfigurationCommand({ replicationConfiguration: toWest }));
    const engine = h.ecr.replication.engine;
    engine.pause();
    const started = await send<StartReplicationBackfillCommandOutput>(new StartReplicationBackfillCommand({ destination: { region: WEST, registryId: ACCOUNT } }));
    // One step of the worker: the backfill lists its images, then the worker holds again.
    engine.resume();
    engine.pause();
    await engine.idle();
    const running = await send<DescribeReplicationBackfillResultsCommandOutput>(new DescribeReplicationBackfillResultsCommand({ replicationBackfillId: started.replicationBackfillId }));
    expect(running).toMatchObject({ status: 'IN_PROGRESS', results: [], progress: { totalReplicationCount: 2, completedReplicationCount: 0 } });
    expect(await statuses(h.client, 'team/app', 'v1')).toEqual([{ region: WEST, registryId: ACCOUNT, status: 'IN_PROGRESS' }]);
    const stopped = await send<StopReplicationBackfillCommandOutput>(new StopReplicationBackfillCommand({ replicationBackfillId: started.replicationBackfillId }));
    expect(stopped.status).toBe('STOPPED');
    expect(await statuses(h.client, 'team/app', 'v1')).toEqual([]);
    engine.resume();
    await engine.idle();
    const west = clientFor(await peerEndpoint(h.ecr, WEST), WEST);
    expect((await west.send(new DescribeRepositoriesCommand({}))).repositories).toEqual([]);
  });

  it('stops a backfill before it starts, and refuses unknown ids and unconfigured destinations', async () => {
    await h.client.send(new PutReplicationConfigurationCommand({ replicationConfiguration: toWest }));
    h.ecr.replication.engine.pause();
    const started = await send<StartReplicationBackfillCommandOutput>(new StartReplicationBackfillCommand({ destination: { region: WEST, registryId: ACCOUNT } }));
    const stopped = await send<StopReplicationBackfillCommandOutput>(new StopReplicationBackfillCommand({ replicationBackfillId: started.replicationBackfillId }));
    expect(stopped.status).toBe('STOPPED');
    const unknown = await failure(send(new DescribeReplicationBackfillResultsCommand({ replicationBackfillId: 'nope' })));
    expect(unknown.name).toBe('ReplicationBackfillNotFoundException');
    const unconfigured = await failure(send(new StartReplicationBackfillCommand({ destination: { region: 'eu-west-1', registryId: ACCOUNT } })));
    expect(unconfigured.name).toBe('InvalidParameterException');
    const tooMany = await failure(send(new ListReplicationBackfillsCommand({ maxResults: 51 })));
    expect(tooMany).toMatchObject({ name: 'InvalidParameterException', message: "Invalid parameter at 'maxResults' failed to satisfy constraint: 'Member must have value less than or equal to 50'" });
  });
});

describe('replication across a restart', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'ecr-replication-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  const start = () => startLocalEcr({ dataDir: dir, account: ACCOUNT, region: REGION, identities: [defaultIdentity(ACCOUNT)] });

  async function push(ecr: LocalEcr, repository: string, tag: string): Promise<string> {
    const layer = Buffer.from(`layer of ${tag}`);
    const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', tag }));
    for (const blob of [layer, config]) {
      const upload = await ecr.context.store.startUpload(repository);
      await ecr.context.store.appendUpload(upload.id, Readable.from([blob]));
      await ecr.context.store.completeUpload(upload.id, sha256(blob));
    }
    const imageManifest = JSON.stringify({
      schemaVersion: 2, mediaType: DOCKER_MANIFEST,
      config: { mediaType: CONFIG_TYPE, size: config.length, digest: sha256(config) },
      layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: layer.length, digest: sha256(layer) }],
    });
    const out = await clientFor(ecr.endpoint, REGION).send(new PutImageCommand({ repositoryName: repository, imageManifest, imageTag: tag }));
    return out.image?.imageId?.imageDigest ?? '';
  }

  it('starts the saved destinations again and finishes what was pending', async () => {
    const first = await start();
    const client = clientFor(first.endpoint, REGION);
    await client.send(new PutReplicationConfigurationCommand({ replicationConfiguration: toWest }));
    await client.send(new CreateRepositoryCommand({ repositoryName: 'team/app' }));
    first.replication.engine.pause();
    const digest = await push(first, 'team/app', 'v1');
    expect(await statuses(client, 'team/app', 'v1')).toEqual([{ region: WEST, registryId: ACCOUNT, status: 'IN_PROGRESS' }]);
    const westBefore = await peerEndpoint(first, WEST);
    await first.close();

    const second = await start();
    try {
      expect(await peerEndpoint(second, WEST)).toBe(westBefore);
      await second.replication.engine.idle();
      expect(await statuses(clientFor(second.endpoint, REGION), 'team/app', 'v1')).toEqual([{ region: WEST, registryId: ACCOUNT, status: 'COMPLETE' }]);
      const west = clientFor(await peerEndpoint(second, WEST), WEST);
      const images = await west.send(new DescribeImagesCommand({ repositoryName: 'team/app' }));
      expect(images.imageDetails?.map((i) => i.imageDigest)).toEqual([digest]);
    } finally {
      await second.close();
    }
  });
});

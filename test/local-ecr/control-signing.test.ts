// Managed signing and referrers through the real SDK: Put/Get/DeleteSigningConfiguration with
// the model's validation, DescribeImageSigningStatus (simulated: AWS Signer is offline, a pushed
// signature referrer makes it COMPLETE) and ListImageReferrers with its filters and pages.
import {
  CreateRepositoryCommand, DeleteSigningConfigurationCommand, DescribeImageSigningStatusCommand, GetSigningConfigurationCommand,
  ListImageReferrersCommand, PutImageCommand, PutSigningConfigurationCommand,
} from '@aws-sdk/client-ecr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, READER, sha256, startControlHarness, type ControlHarness } from './control-helpers.js';
import { putBlob } from './store-helpers.js';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const NOTATION = 'application/vnd.cncf.notary.signature';
const SBOM = 'application/spdx+json';
const PROFILE = 'arn:aws:signer:us-east-1:123456789012:/signing-profiles/release_signer';
const OTHER_PROFILE = 'arn:aws:signer:us-east-1:123456789012:/signing-profiles/team_signer';
const EMPTY = Buffer.from('{}');

let h: ControlHarness;
let subject: string;

/** Pushes an OCI artifact manifest whose subject is `of` with PutImage; returns its digest. */
async function pushReferrer(repository: string, of: string, artifactType: string, seed: string): Promise<string> {
  const layer = Buffer.from(`${artifactType} ${seed}`);
  await putBlob(h.store, repository, EMPTY);
  await putBlob(h.store, repository, layer);
  const imageManifest = JSON.stringify({
    schemaVersion: 2, mediaType: OCI_MANIFEST, artifactType,
    config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256(EMPTY), size: 2 },
    layers: [{ mediaType: 'application/octet-stream', digest: sha256(layer), size: layer.length }],
    subject: { mediaType: OCI_MANIFEST, digest: of, size: 10 },
    annotations: { 'org.opencontainers.image.created': '2026-12-01T00:00:00Z', seed },
  });
  const out = await h.client.send(new PutImageCommand({ repositoryName: repository, imageManifest }));
  return out.image?.imageId?.imageDigest as string;
}

beforeAll(async () => {
  h = await startControlHarness();
  for (const repositoryName of ['myapp/api', 'tools']) await h.client.send(new CreateRepositoryCommand({ repositoryName }));
  subject = await h.pushImage('myapp/api', 'v1', 'signed-subject');
});
afterAll(() => h.close());

describe('signing configuration', () => {
  it('has none at first: Get and Delete answer SigningConfigurationNotFoundException', async () => {
    for (const command of [new GetSigningConfigurationCommand({}), new DeleteSigningConfigurationCommand({})]) {
      const err = await failure(h.client.send(command));
      expect(err).toMatchObject({ name: 'SigningConfigurationNotFoundException', status: 400 });
      expect(err.message).toContain("'123456789012'");
    }
  });

  it('puts, gets and deletes the rules, echoing them', async () => {
    const rules = [
      { signingProfileArn: PROFILE, repositoryFilters: [{ filter: 'myapp/*', filterType: 'WILDCARD_MATCH' as const }] },
      { signingProfileArn: OTHER_PROFILE },
    ];
    const put = await h.client.send(new PutSigningConfigurationCommand({ signingConfiguration: { rules } }));
    expect(put.signingConfiguration).toEqual({ rules });
    const got = await h.client.send(new GetSigningConfigurationCommand({}));
    expect(got).toMatchObject({ registryId: '123456789012', signingConfiguration: { rules } });
    const deleted = await h.client.send(new DeleteSigningConfigurationCommand({}));
    expect(deleted).toMatchObject({ registryId: '123456789012', signingConfiguration: { rules } });
    expect((await failure(h.client.send(new GetSigningConfigurationCommand({})))).name).toBe('SigningConfigurationNotFoundException');
  });

  it.each([
    [{ rules: [{ signingProfileArn: 'arn:aws:kms:us-east-1:123456789012:key/abc' }] },
      "Invalid parameter at 'signingConfiguration.rules.1.member.signingProfileArn' failed to satisfy constraint: 'must satisfy regular expression"],
    [{ rules: [{ signingProfileArn: PROFILE, repositoryFilters: [] }] },
      "Invalid parameter at 'signingConfiguration.rules.1.member.repositoryFilters' failed to satisfy constraint: 'Member must have length greater than or equal to 1'"],
    [{ rules: [{ signingProfileArn: PROFILE, repositoryFilters: [{ filter: 'MyApp', filterType: 'WILDCARD_MATCH' }] }] },
      "Invalid parameter at 'signingConfiguration.rules.1.member.repositoryFilters.1.member.filter' failed to satisfy constraint: 'must satisfy regular expression"],
    [{ rules: [{ signingProfileArn: PROFILE, repositoryFilters: [{ filter: 'a', filterType: 'PREFIX_MATCH' }] }] },
      "Invalid parameter at 'signingConfiguration.rules.1.member.repositoryFilters.1.member.filterType' failed to satisfy constraint: 'Member must satisfy enum value set: [WILDCARD_MATCH]'"],
    [{ rules: Array.from({ length: 11 }, () => ({ signingProfileArn: PROFILE })) },
      "Invalid parameter at 'signingConfiguration.rules' failed to satisfy constraint: 'Member must have length less than or equal to 10'"],
  ])('refuses %j', async (signingConfiguration, message) => {
    const err = await failure(h.client.send(new PutSigningConfigurationCommand({ signingConfiguration: signingConfiguration as never })));
    expect(err.name).toBe('InvalidParameterException');
    expect(err.message).toContain(message);
  });
});

describe('DescribeImageSigningStatus', () => {
  it('reports nothing without a configuration, and ImageNotFoundException for an unknown image', async () => {
    const out = await h.client.send(new DescribeImageSigningStatusCommand({ repositoryName: 'myapp/api', imageId: { imageTag: 'v1' } }));
    expect(out).toMatchObject({ repositoryName: 'myapp/api', registryId: '123456789012', imageId: { imageDigest: subject, imageTag: 'v1' }, signingStatuses: [] });
    const err = await failure(h.client.send(new DescribeImageSigningStatusCommand({ repositoryName: 'myapp/api', imageId: { imageTag: 'nope' } })));
    expect(err.name).toBe('ImageNotFoundException');
  });

  it('says, per matching profile, that signing failed because AWS Signer is simulated, then COMPLETE once a signature is pushed', async () => {
    // Later than v1's push, so that v1 counts as pushed before the configuration.
    h.ecr.context.clock.advance(2000);
    await h.client.send(new PutSigningConfigurationCommand({ signingConfiguration: { rules: [
      { signingProfileArn: PROFILE, repositoryFilters: [{ filter: 'myapp/*', filterType: 'WILDCARD_MATCH' }] },
      { signingProfileArn: OTHER_PROFILE, repositoryFilters: [{ filter: 'tools', filterType: 'WILDCARD_MATCH' }] },
    ] } }));
    const fresh = await h.pushImage('myapp/api', 'v2', 'pushed-after-config');
    const before = await h.client.send(new DescribeImageSigningStatusCommand({ repositoryName: 'myapp/api', imageId: { imageDigest: fresh } }));
    expect(before.signingStatuses).toHaveLength(1);
    expect(before.signingStatuses?.[0]).toMatchObject({ signingProfileArn: PROFILE, status: 'FAILED' });
    expect(before.signingStatuses?.[0]?.failureReason).toContain('simulated');
    await pushReferrer('myapp/api', fresh, SBOM, 'not-a-signature');
    const sbomOnly = await h.client.send(new DescribeImageSigningStatusCommand({ repositoryName: 'myapp/api', imageId: { imageDigest: fresh } }));
    expect(sbomOnly.signingStatuses?.[0]?.status).toBe('FAILED');
    await pushReferrer('myapp/api', fresh, NOTATION, 'signature');
    const after = await h.client.send(new DescribeImageSigningStatusCommand({ repositoryName: 'myapp/api', imageId: { imageDigest: fresh } }));
    expect(after.signingStatuses).toEqual([{ signingProfileArn: PROFILE, status: 'COMPLETE' }]);
  });

  it('counts cosign\'s default `sha256-<hex>.sig` tag as a signature too', async () => {
    const image = await h.pushImage('myapp/api', 'v3', 'cosign-legacy');
    const before = await h.client.send(new DescribeImageSigningStatusCommand({ repositoryName: 'myapp/api', imageId: { imageDigest: image } }));
    expect(before.signingStatuses?.[0]?.status).toBe('FAILED');
    await h.pushImage('myapp/api', `${image.replace(':', '-')}.sig`, 'cosign-signature-payload');
    const after = await h.client.send(new DescribeImageSigningStatusCommand({ repositoryName: 'myapp/api', imageId: { imageDigest: image } }));
    expect(after.signingStatuses).toEqual([{ signingProfileArn: PROFILE, status: 'COMPLETE' }]);
  });

  it('leaves out images pushed before the configuration and repositories no rule matches', async () => {
    const old = await h.client.send(new DescribeImageSigningStatusCommand({ repositoryName: 'myapp/api', imageId: { imageTag: 'v1' } }));
    expect(old.signingStatuses).toEqual([]);
    await h.client.send(new CreateRepositoryCommand({ repositoryName: 'elsewhere' }));
    const digest = await h.pushImage('elsewhere', 'v1', 'unmatched');
    const out = await h.client.send(new DescribeImageSigningStatusCommand({ repositoryName: 'elsewhere', imageId: { imageDigest: digest } }));
    expect(out.signingStatuses).toEqual([]);
  });
});

// IAM has no ecr:ListImageReferrers action: the operation is authorised as ecr:BatchGetImage
// (its `iamAction`), so `ecr:*` allows it (the registry's GET /referrers is in registry-oci.test.ts).
describe('ListImageReferrers', () => {
  let sbom: string;
  let signature: string;

  beforeAll(async () => {
    sbom = await pushReferrer('tools', subject, SBOM, 'sbom');
    signature = await pushReferrer('tools', subject, NOTATION, 'sig');
  });

  it('lists the referrers of a digest with the registry\'s descriptors and their status', async () => {
    const out = await h.client.send(new ListImageReferrersCommand({ repositoryName: 'tools', subjectId: { imageDigest: subject } }));
    expect(out.referrers?.map((r) => r.digest)).toEqual([sbom, signature]);
    expect(out.referrers?.[0]).toEqual({
      digest: sbom, mediaType: OCI_MANIFEST, artifactType: SBOM, size: h.store.getImage('tools', sbom)?.manifestSize,
      annotations: { 'org.opencontainers.image.created': '2026-12-01T00:00:00Z', seed: 'sbom' }, artifactStatus: 'ACTIVE',
    });
    const none = await h.client.send(new ListImageReferrersCommand({ repositoryName: 'tools', subjectId: { imageDigest: sha256('nothing') } }));
    expect(none.referrers).toEqual([]);
  });

  it('filters by artifact type and pages with maxResults', async () => {
    const filtered = await h.client.send(new ListImageReferrersCommand({
      repositoryName: 'tools', subjectId: { imageDigest: subject }, filter: { artifactTypes: [NOTATION] },
    }));
    expect(filtered.referrers?.map((r) => r.digest)).toEqual([signature]);
    const first = await h.client.send(new ListImageReferrersCommand({ repositoryName: 'tools', subjectId: { imageDigest: subject }, maxResults: 1 }));
    expect(first.referrers?.map((r) => r.digest)).toEqual([sbom]);
    const second = await h.client.send(new ListImageReferrersCommand({
      repositoryName: 'tools', subjectId: { imageDigest: subject }, maxResults: 1, nextToken: first.nextToken,
    }));
    expect(second.referrers?.map((r) => r.digest)).toEqual([signature]);
    expect(second.nextToken).toBeUndefined();
  });

  it('validates its members and needs the repository', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ repositoryName: 'tools', subjectId: { imageDigest: 'latest' } }, "Invalid parameter at 'subjectId.imageDigest'"],
      [{ repositoryName: 'tools', subjectId: { imageDigest: subject }, maxResults: 51 }, 'Member must have value less than or equal to 50'],
      [{ repositoryName: 'tools', subjectId: { imageDigest: subject }, filter: { artifactStatus: 'GONE' } }, 'Member must satisfy enum value set: [ACTIVE, ARCHIVED, ACTIVATING, ANY]'],
    ];
    for (const [input, message] of cases) {
      const err = await failure(h.client.send(new ListImageReferrersCommand(input as never)));
      expect(err.name).toBe('InvalidParameterException');
      expect(err.message).toContain(message);
    }
    const missing = await failure(h.client.send(new ListImageReferrersCommand({ repositoryName: 'nosuch', subjectId: { imageDigest: subject } })));
    expect(missing.name).toBe('RepositoryNotFoundException');
  });

  it('needs ecr:BatchGetImage on the repository, as the model says', async () => {
    const err = await failure(h.ecrAs(READER).send(new ListImageReferrersCommand({ repositoryName: 'tools', subjectId: { imageDigest: subject } })));
    expect(err.name).toBe('AccessDeniedException');
  });
});

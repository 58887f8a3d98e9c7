// Registry-level configuration through the real SDK: DescribeRegistry, the registry policy (and
// its part in authorisation, on the API and the registry), registry scanning and account settings.
import {
  BatchGetImageCommand, BatchGetRepositoryScanningConfigurationCommand, CreateRepositoryCommand, DeleteRegistryPolicyCommand,
  DescribeImageScanFindingsCommand, DescribeImagesCommand, DescribeRegistryCommand, GetAccountSettingCommand,
  GetRegistryPolicyCommand, GetRegistryScanningConfigurationCommand, ListImagesCommand, PutAccountSettingCommand,
  PutImageScanningConfigurationCommand, PutRegistryPolicyCommand, PutRegistryScanningConfigurationCommand,
  SetRepositoryPolicyCommand, StartImageScanCommand, type ECRClient,
} from '@aws-sdk/client-ecr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, CONFIG_TYPE, DOCKER_MANIFEST, REGION, failure, sha256, startControlHarness, type ControlHarness } from './control-helpers.js';

let h: ControlHarness;
let visitor: ECRClient;
const VISITOR_KEY = 'AKIAVISITOREXAMPLE01';
const VISITOR_ARN = `arn:aws:iam::${ACCOUNT}:user/visitor`;
const LEARNER_ARN = `arn:aws:iam::${ACCOUNT}:user/learner`;
const REPOS = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/*`;
const INVALID_POLICY = "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid registry policy provided'";

const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const ctx = () => h.ecr.context;
const basic = (key: string) => `Basic ${ctx().tokens.issue(key, REGION, ACCOUNT, ctx().clock.now()).authorizationToken}`;
const registry = (path: string, init: RequestInit = {}, key = 'AKIAIOSFODNN7EXAMPLE') =>
  fetch(`http://${h.ecr.registryHost}${path}`, { ...init, headers: { authorization: basic(key), ...init.headers } });

/** Pushes an image the way docker does, so that scan on push applies; returns its digest. */
async function dockerPush(repo: string, tag: string, labels?: Record<string, string>): Promise<string> {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Labels: labels ?? null }, tag }));
  const layer = Buffer.from(`layer of ${repo}:${tag} `.repeat(20));
  for (const blob of [config, layer]) {
    const start = await registry(`/v2/${repo}/blobs/uploads/`, { method: 'POST' });
    const put = await registry(`${start.headers.get('location')}?digest=${encodeURIComponent(sha256(blob))}`, { method: 'PUT', body: new Uint8Array(blob) });
    expect(put.status).toBe(201);
  }
  const manifest = JSON.stringify({
    schemaVersion: 2, mediaType: DOCKER_MANIFEST,
    config: { mediaType: CONFIG_TYPE, size: config.length, digest: sha256(config) },
    layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: layer.length, digest: sha256(layer) }],
  });
  const put = await registry(`/v2/${repo}/manifests/${tag}`, { method: 'PUT', body: manifest, headers: { 'content-type': DOCKER_MANIFEST } });
  expect(put.status).toBe(201);
  return sha256(manifest);
}

beforeAll(async () => {
  h = await startControlHarness();
  // A user with no identity-based policy at all.
  await ctx().iam.update((s) => ({
    ...s,
    users: { ...s.users, visitor: { name: 'visitor', id: 'AIDAVISITOREXAMPLE01', path: '/', createdAt: 0, inline: {}, attached: [], tags: [] } },
    keys: { ...s.keys, [VISITOR_KEY]: { id: VISITOR_KEY, secret: 'visitor-secret', user: 'visitor', status: 'Active', createdAt: 0 } },
  }));
  visitor = h.ecrAs({ accessKeyId: VISITOR_KEY, secretAccessKey: 'visitor-secret' });
  for (const name of ['prod-api', 'dev-tools', 'legacy', 'shared']) await h.client.send(new CreateRepositoryCommand({ repositoryName: name }));
  await h.client.send(new PutImageScanningConfigurationCommand({ repositoryName: 'legacy', imageScanningConfiguration: { scanOnPush: true } }));
});
afterAll(async () => { await h.close(); });

describe('DescribeRegistry', () => {
  it('answers the registry id and an empty replication configuration', async () => {
    const out = await h.client.send(new DescribeRegistryCommand({}));
    expect({ registryId: out.registryId, replicationConfiguration: out.replicationConfiguration }).toEqual({ registryId: ACCOUNT, replicationConfiguration: { rules: [] } });
  });

  it('reads the replication configuration as it was put', async () => {
    const rules = [{ destinations: [{ region: 'eu-west-1', registryId: ACCOUNT }], repositoryFilters: [{ filter: 'prod', filterType: 'PREFIX_MATCH' }] }];
    await ctx().registry.update('replicationConfiguration', () => ({ rules }));
    expect((await h.client.send(new DescribeRegistryCommand({}))).replicationConfiguration).toEqual({ rules });
    await ctx().registry.update('replicationConfiguration', () => undefined);
  });
});

describe('registry policy', () => {
  const notFound = { name: 'RegistryPolicyNotFoundException', status: 400, message: `Registry policy does not exist in the registry with id '${ACCOUNT}'` };

  it('is missing at first', async () => {
    expect(await failure(h.client.send(new GetRegistryPolicyCommand({})))).toEqual(notFound);
    expect(await failure(h.client.send(new DeleteRegistryPolicyCommand({})))).toEqual(notFound);
  });

  it('is stored re-formatted, read back and deleted', async () => {
    const text = policy({ Sid: 'Replication', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: ['ecr:CreateRepository', 'ecr:ReplicateImage'], Resource: REPOS });
    const put = await h.client.send(new PutRegistryPolicyCommand({ policyText: text }));
    expect(put.registryId).toBe(ACCOUNT);
    expect(put.policyText).toContain('"Version" : "2012-10-17"');
    expect(JSON.parse(put.policyText ?? '')).toEqual(JSON.parse(text));
    expect((await h.client.send(new GetRegistryPolicyCommand({}))).policyText).toBe(put.policyText);
    const deleted = await h.client.send(new DeleteRegistryPolicyCommand({}));
    expect({ registryId: deleted.registryId, policyText: deleted.policyText }).toEqual({ registryId: ACCOUNT, policyText: put.policyText });
    expect(await failure(h.client.send(new GetRegistryPolicyCommand({})))).toEqual(notFound);
  });

  it.each([
    ['not JSON', 'not a policy'],
    ['no Principal', policy({ Effect: 'Allow', Action: 'ecr:ReplicateImage', Resource: REPOS })],
    ['no Action', policy({ Effect: 'Allow', Principal: '*', Resource: REPOS })],
    ['an action of another service', policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: REPOS })],
    ['an unknown Version', JSON.stringify({ Version: '2020-01-01', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ecr:*' }] })],
    ['no statements', JSON.stringify({ Version: '2012-10-17', Statement: [] })],
  ])('refuses a policy with %s', async (_what, text) => {
    expect(await failure(h.client.send(new PutRegistryPolicyCommand({ policyText: text })))).toEqual({ name: 'InvalidParameterException', status: 400, message: INVALID_POLICY });
  });

  it('refuses a missing or too long policy text', async () => {
    expect(await failure(h.client.send(new PutRegistryPolicyCommand({} as never)))).toEqual({
      name: 'InvalidParameterException', status: 400, message: "Invalid parameter at 'policyText' failed to satisfy constraint: 'Member must not be null'",
    });
    expect(await failure(h.client.send(new PutRegistryPolicyCommand({ policyText: ' '.repeat(10241) })))).toEqual({
      name: 'InvalidParameterException', status: 400, message: "Invalid parameter at 'policyText' failed to satisfy constraint: 'Member must have length less than or equal to 10240'",
    });
  });
});

describe('registry policy in authorisation', () => {
  let digest: string;
  const put = (...statements: object[]) => h.client.send(new PutRegistryPolicyCommand({ policyText: policy(...statements) }));
  beforeAll(async () => { digest = await h.pushImage('shared', 'v1', 'shared-image'); });
  afterAll(async () => { await ctx().registry.update('registryPolicy', () => undefined); });

  it('denies with an explicit deny that beats an identity allow, on the API and on the registry', async () => {
    await put({ Effect: 'Deny', Principal: { AWS: LEARNER_ARN }, Action: 'ecr:BatchGetImage', Resource: REPOS });
    const resource = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/shared`;
    const text = `User: ${LEARNER_ARN} is not authorized to perform: ecr:BatchGetImage on resource: ${resource} with an explicit deny in a resource-based policy`;
    expect(await failure(h.client.send(new BatchGetImageCommand({ repositoryName: 'shared', imageIds: [{ imageTag: 'v1' }] })))).toEqual({ name: 'AccessDeniedException', status: 400, message: text });
    const res = await registry(`/v2/shared/manifests/${digest}`, { headers: { accept: DOCKER_MANIFEST } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ errors: [{ code: 'DENIED', message: text }] });
    // Other actions and registry-level calls stay as the identity policy says.
    expect((await h.client.send(new ListImagesCommand({ repositoryName: 'shared' }))).imageIds).toHaveLength(1);
    expect((await h.client.send(new GetRegistryPolicyCommand({}))).policyText).toContain('Deny');
  });

  it('allows a principal that has no identity-based policy', async () => {
    const resource = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/shared`;
    expect(await failure(visitor.send(new DescribeImagesCommand({ repositoryName: 'shared' })))).toMatchObject({
      name: 'AccessDeniedException', message: `User: ${VISITOR_ARN} is not authorized to perform: ecr:DescribeImages on resource: ${resource} because no identity-based policy allows the ecr:DescribeImages action`,
    });
    await put({ Effect: 'Allow', Principal: { AWS: VISITOR_ARN }, Action: ['ecr:DescribeImages', 'ecr:BatchGetImage'], Resource: REPOS });
    expect((await visitor.send(new DescribeImagesCommand({ repositoryName: 'shared' }))).imageDetails?.[0]?.imageDigest).toBe(digest);
    const res = await registry(`/v2/shared/manifests/v1`, { headers: { accept: DOCKER_MANIFEST } }, VISITOR_KEY);
    expect(res.status).toBe(200);
    expect(await failure(visitor.send(new ListImagesCommand({ repositoryName: 'shared' })))).toMatchObject({ name: 'AccessDeniedException' });
  });

  it('combines with the repository policy: an allow in either, a deny in either', async () => {
    await h.client.send(new SetRepositoryPolicyCommand({ repositoryName: 'shared', policyText: policy(
      { Effect: 'Allow', Principal: { AWS: VISITOR_ARN }, Action: 'ecr:ListImages' },
      { Effect: 'Deny', Principal: { AWS: VISITOR_ARN }, Action: 'ecr:BatchGetImage' },
    ) }));
    expect((await visitor.send(new ListImagesCommand({ repositoryName: 'shared' }))).imageIds).toHaveLength(1);
    expect((await visitor.send(new DescribeImagesCommand({ repositoryName: 'shared' }))).imageDetails).toHaveLength(1);
    expect(await failure(visitor.send(new BatchGetImageCommand({ repositoryName: 'shared', imageIds: [{ imageTag: 'v1' }] })))).toMatchObject({
      name: 'AccessDeniedException', message: expect.stringMatching(/with an explicit deny in a resource-based policy$/) as unknown,
    });
  });

  it('governs only the three registry actions under the old V1 scope', async () => {
    await put({ Effect: 'Deny', Principal: { AWS: LEARNER_ARN }, Action: ['ecr:BatchGetImage', 'ecr:CreateRepository'], Resource: REPOS });
    await ctx().registry.update<Record<string, string>>('accountSettings', (c) => ({ ...c, REGISTRY_POLICY_SCOPE: 'V1' }));
    try {
      expect((await h.client.send(new BatchGetImageCommand({ repositoryName: 'shared', imageIds: [{ imageTag: 'v1' }] }))).images).toHaveLength(1);
      expect(await failure(h.client.send(new CreateRepositoryCommand({ repositoryName: 'blocked' })))).toMatchObject({ name: 'AccessDeniedException' });
    } finally {
      await ctx().registry.update<Record<string, string>>('accountSettings', (c) => ({ ...c, REGISTRY_POLICY_SCOPE: 'V2' }));
    }
  });
});

describe('registry scanning configuration', () => {
  const rule = (scanFrequency: string, ...filters: string[]) => ({ scanFrequency, repositoryFilters: filters.map((filter) => ({ filter, filterType: 'WILDCARD' })) });
  const putScanning = (scanType: string | undefined, rules: object[]) =>
    h.client.send(new PutRegistryScanningConfigurationCommand({ scanType, rules } as never));
  const batch = async (...repositoryNames: string[]) => h.client.send(new BatchGetRepositoryScanningConfigurationCommand({ repositoryNames }));
  const invalid = (member: string, constraint: string) => ({ name: 'InvalidParameterException', status: 400, message: `Invalid parameter at '${member}' failed to satisfy constraint: '${constraint}'` });

  it('is BASIC with no rules at first', async () => {
    const out = await h.client.send(new GetRegistryScanningConfigurationCommand({}));
    expect({ registryId: out.registryId, scanningConfiguration: out.scanningConfiguration }).toEqual({ registryId: ACCOUNT, scanningConfiguration: { scanType: 'BASIC', rules: [] } });
  });

  it('reports each repository before any rule: its own scanOnPush, else MANUAL', async () => {
    const out = await batch('dev-tools', 'legacy');
    expect(out.scanningConfigurations).toEqual([
      { repositoryArn: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/dev-tools`, repositoryName: 'dev-tools', scanOnPush: false, scanFrequency: 'MANUAL', appliedScanFilters: [] },
      { repositoryArn: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/legacy`, repositoryName: 'legacy', scanOnPush: true, scanFrequency: 'SCAN_ON_PUSH', appliedScanFilters: [] },
    ]);
    expect(out.failures).toEqual([]);
  });

  it('stores BASIC rules and applies their wildcard filters', async () => {
    const rules = [rule('SCAN_ON_PUSH', 'prod-*', 'nothing-here')];
    expect((await putScanning('BASIC', rules)).registryScanningConfiguration).toEqual({ scanType: 'BASIC', rules });
    expect((await h.client.send(new GetRegistryScanningConfigurationCommand({}))).scanningConfiguration).toEqual({ scanType: 'BASIC', rules });
    const out = await batch('prod-api', 'dev-tools', 'missing');
    expect(out.scanningConfigurations?.map((c) => [c.repositoryName, c.scanOnPush, c.scanFrequency, c.appliedScanFilters])).toEqual([
      ['prod-api', true, 'SCAN_ON_PUSH', [{ filter: 'prod-*', filterType: 'WILDCARD' }]],
      ['dev-tools', false, 'MANUAL', []],
    ]);
    expect(out.failures).toEqual([{ repositoryName: 'missing', failureCode: 'REPOSITORY_NOT_FOUND', failureReason: `The repository with name 'missing' does not exist in the registry with id '${ACCOUNT}'` }]);
  });

  it('scans a docker push where a rule or the repository asks for it, and only there', async () => {
    const prod = await dockerPush('prod-api', 'v1');
    const legacy = await dockerPush('legacy', 'v1');
    const dev = await dockerPush('dev-tools', 'v1');
    for (const [repositoryName, imageDigest] of [['prod-api', prod], ['legacy', legacy]]) {
      const out = await h.client.send(new DescribeImageScanFindingsCommand({ repositoryName, imageId: { imageDigest } }));
      expect(out.imageScanStatus?.status).toBe('COMPLETE');
    }
    expect(await failure(h.client.send(new DescribeImageScanFindingsCommand({ repositoryName: 'dev-tools', imageId: { imageDigest: dev } })))).toMatchObject({ name: 'ScanNotFoundException' });
  });

  it.each([
    ['an unknown scan type', () => putScanning('DEEP', []), invalid('scanType', 'Member must satisfy enum value set: [BASIC, ENHANCED]')],
    ['three rules', () => putScanning('ENHANCED', [rule('SCAN_ON_PUSH', 'a'), rule('CONTINUOUS_SCAN', 'b'), rule('SCAN_ON_PUSH', 'c')]), invalid('rules', 'Member must have length less than or equal to 2')],
    ['no scan frequency', () => putScanning('BASIC', [{ repositoryFilters: [] }]), invalid('rules.1.member.scanFrequency', 'Member must not be null')],
    ['no filters', () => putScanning('BASIC', [{ scanFrequency: 'SCAN_ON_PUSH' }]), invalid('rules.1.member.repositoryFilters', 'Member must not be null')],
    ['a filter type other than WILDCARD', () => putScanning('BASIC', [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: 'a', filterType: 'PREFIX_MATCH' }] }]), invalid('rules.1.member.repositoryFilters.1.member.filterType', 'Member must satisfy enum value set: [WILDCARD]')],
    ['a filter off the pattern', () => putScanning('BASIC', [rule('SCAN_ON_PUSH', 'Prod')]), invalid('rules.1.member.repositoryFilters.1.member.filter', "must satisfy regular expression '^[a-z0-9*](?:[._\\-/a-z0-9*]?[a-z0-9*]+)*$'")],
    ['a filter too long', () => putScanning('BASIC', [rule('SCAN_ON_PUSH', 'a'.repeat(256))]), invalid('rules.1.member.repositoryFilters.1.member.filter', 'Member must have length less than or equal to 255')],
    ['continuous scanning with BASIC', () => putScanning('BASIC', [rule('CONTINUOUS_SCAN', '*')]), invalid('rules.1.member.scanFrequency', 'Scan frequency CONTINUOUS_SCAN is not supported for scan type BASIC')],
    ['manual with ENHANCED', () => putScanning('ENHANCED', [rule('MANUAL', '*')]), invalid('rules.1.member.scanFrequency', 'Scan frequency MANUAL is not supported for scan type ENHANCED')],
  ])('refuses %s', async (_what, send, expected) => {
    expect(await failure(send())).toEqual(expected);
  });

  it('refuses a batch of no, too many or invalid repository names', async () => {
    expect(await failure(batch())).toEqual(invalid('repositoryNames', 'Member must have length greater than or equal to 1'));
    expect(await failure(batch(...Array.from({ length: 26 }, (_, i) => `r${i}x`)))).toEqual(invalid('repositoryNames', 'Member must have length less than or equal to 25'));
    expect(await failure(batch('Bad-Name'))).toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining("Invalid parameter at 'repositoryNames.1.member'") as unknown });
  });

  it('answers ENHANCED (Inspector) scanning as ECR does, with simulated findings', async () => {
    await putScanning('ENHANCED', [rule('CONTINUOUS_SCAN', 'prod')]);
    const out = await batch('prod-api', 'legacy');
    expect(out.scanningConfigurations?.map((c) => [c.repositoryName, c.scanOnPush, c.scanFrequency])).toEqual([['prod-api', true, 'CONTINUOUS_SCAN'], ['legacy', false, 'MANUAL']]);
    const digest = await dockerPush('prod-api', 'v2', { 'ecr-lab.scan': 'vulnerable' });
    const scan = await h.client.send(new DescribeImageScanFindingsCommand({ repositoryName: 'prod-api', imageId: { imageDigest: digest } }));
    expect(scan.imageScanStatus).toEqual({ status: 'ACTIVE', description: 'Continuous scan is selected for image.' });
    expect(scan.imageScanFindings?.findings).toBeUndefined();
    const described = await h.client.send(new DescribeImagesCommand({ repositoryName: 'prod-api', imageIds: [{ imageDigest: digest }] }));
    expect(described.imageDetails?.[0]?.imageScanStatus).toEqual(scan.imageScanStatus);
    const findings = scan.imageScanFindings?.enhancedFindings ?? [];
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.description).toMatch(/^SIMULATED by ecr-lab's local ECR/);
      expect(f).toMatchObject({ awsAccountId: ACCOUNT, status: 'ACTIVE', type: 'PACKAGE_VULNERABILITY' });
      expect(f.resources?.[0]?.details?.awsEcrContainerImage).toMatchObject({ repositoryName: 'prod-api', imageHash: digest, imageTags: ['v2'] });
    }
    expect(await failure(h.client.send(new StartImageScanCommand({ repositoryName: 'prod-api', imageId: { imageDigest: digest } })))).toEqual({ name: 'ValidationException', status: 400, message: 'This feature is disabled' });
    // Under ENHANCED the repository's own scanOnPush no longer scans.
    const legacy = await dockerPush('legacy', 'v2');
    expect(await failure(h.client.send(new DescribeImageScanFindingsCommand({ repositoryName: 'legacy', imageId: { imageDigest: legacy } })))).toMatchObject({ name: 'ScanNotFoundException' });
    await putScanning('BASIC', []);
  });
});

describe('account settings', () => {
  it.each([['BASIC_SCAN_TYPE_VERSION', 'AWS_NATIVE'], ['REGISTRY_POLICY_SCOPE', 'V2'], ['BLOB_MOUNTING', 'DISABLED']])('%s starts as %s', async (name, value) => {
    const out = await h.client.send(new GetAccountSettingCommand({ name }));
    expect({ name: out.name, value: out.value }).toEqual({ name, value });
  });

  it('turns blob mounting on and keeps it', async () => {
    const put = await h.client.send(new PutAccountSettingCommand({ name: 'BLOB_MOUNTING', value: 'ENABLED' }));
    expect({ name: put.name, value: put.value }).toEqual({ name: 'BLOB_MOUNTING', value: 'ENABLED' });
    expect((await h.client.send(new GetAccountSettingCommand({ name: 'BLOB_MOUNTING' }))).value).toBe('ENABLED');
    expect(ctx().registry.get('accountSettings')).toMatchObject({ BLOB_MOUNTING: 'ENABLED' });
    await h.client.send(new PutAccountSettingCommand({ name: 'BLOB_MOUNTING', value: 'DISABLED' }));
  });

  it('refuses an unknown name or a value the setting does not take', async () => {
    const names = "Invalid parameter at 'name' failed to satisfy constraint: 'Member must satisfy enum value set: [BASIC_SCAN_TYPE_VERSION, REGISTRY_POLICY_SCOPE, BLOB_MOUNTING]'";
    expect(await failure(h.client.send(new GetAccountSettingCommand({ name: 'DARK_MODE' })))).toEqual({ name: 'InvalidParameterException', status: 400, message: names });
    expect(await failure(h.client.send(new PutAccountSettingCommand({ name: 'DARK_MODE', value: 'ON' })))).toEqual({ name: 'InvalidParameterException', status: 400, message: names });
    for (const [name, value, allowed] of [['BASIC_SCAN_TYPE_VERSION', 'CLAIR', 'AWS_NATIVE'], ['REGISTRY_POLICY_SCOPE', 'V1', 'V2'], ['BLOB_MOUNTING', 'enabled', 'ENABLED, DISABLED']]) {
      expect(await failure(h.client.send(new PutAccountSettingCommand({ name, value })))).toEqual({
        name: 'InvalidParameterException', status: 400, message: `Invalid parameter at 'value' failed to satisfy constraint: 'Member must satisfy enum value set: [${allowed}]'`,
      });
    }
    expect(await failure(h.client.send(new GetAccountSettingCommand({ name: '' })))).toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining("'name'") as unknown });
    expect(await failure(h.client.send(new PutAccountSettingCommand({ name: 'BLOB_MOUNTING' } as never)))).toMatchObject({
      name: 'InvalidParameterException', message: "Invalid parameter at 'value' failed to satisfy constraint: 'Member must not be null'",
    });
  });
});

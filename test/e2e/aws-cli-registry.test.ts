// The real AWS CLI v2 (/usr/bin/aws 2.9.19) against the local ECR's registry-level commands:
// describe-registry, the registry policy, registry scanning. What it prints and its exit codes
// (254 for an error the service returned). The 2.9.19 model has no get/put-account-setting.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalEcr, type LocalEcr } from '../../src/local-ecr/server.js';
import { json, runAws, type Run } from './aws-cli-runner.js';

const ACCOUNT = '123456789012';
const POLICY = {
  Version: '2012-10-17',
  Statement: [{
    Sid: 'ReplicationAccessCrossAccount', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' },
    Action: ['ecr:CreateRepository', 'ecr:ReplicateImage'], Resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/*`,
  }],
};

let ecr: LocalEcr;
let dir: string;

const aws = (...args: string[]): Promise<Run> => runAws(ecr.endpoint, dir, ['ecr', ...args]);

/** A service error as the CLI prints it: one line on stderr, exit code 254. */
function serviceError(run: Run, code: string, operation: string, message: string): void {
  expect(run.stdout).toBe('');
  expect(run.stderr.trim()).toBe(`An error occurred (${code}) when calling the ${operation} operation: ${message}`);
  expect(run.exitCode).toBe(254);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-cli-registry-'));
  ecr = await startLocalEcr({ dataDir: join(dir, 'data'), account: ACCOUNT, region: 'us-east-1' });
  await writeFile(join(dir, 'policy.json'), JSON.stringify(POLICY));
});

afterAll(async () => {
  await ecr?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('aws ecr registry-level commands', () => {
  it('describe-registry prints the registry id and its replication configuration', async () => {
    expect(json(await aws('describe-registry'))).toEqual({ registryId: ACCOUNT, replicationConfiguration: { rules: [] } });
  });

  it('get-registry-policy and delete-registry-policy fail before a policy is put', async () => {
    const message = `Registry policy does not exist in the registry with id '${ACCOUNT}'`;
    serviceError(await aws('get-registry-policy'), 'RegistryPolicyNotFoundException', 'GetRegistryPolicy', message);
    serviceError(await aws('delete-registry-policy'), 'RegistryPolicyNotFoundException', 'DeleteRegistryPolicy', message);
  });

  it('put-registry-policy, get-registry-policy, delete-registry-policy', async () => {
    const put = json(await aws('put-registry-policy', '--policy-text', `file://${join(dir, 'policy.json')}`));
    expect(put.registryId).toBe(ACCOUNT);
    expect(JSON.parse(put.policyText as string)).toEqual(POLICY);
    expect(json(await aws('get-registry-policy'))).toEqual(put);
    expect(json(await aws('delete-registry-policy'))).toEqual(put);
    serviceError(await aws('get-registry-policy'), 'RegistryPolicyNotFoundException', 'GetRegistryPolicy', `Registry policy does not exist in the registry with id '${ACCOUNT}'`);
  });

  it('put-registry-policy refuses an invalid policy', async () => {
    const noPrincipal = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecr:ReplicateImage', Resource: '*' }] });
    serviceError(await aws('put-registry-policy', '--policy-text', noPrincipal), 'InvalidParameterException', 'PutRegistryPolicy',
      "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid registry policy provided'");
  });

  it('get-registry-scanning-configuration starts BASIC with no rules', async () => {
    expect(json(await aws('get-registry-scanning-configuration'))).toEqual({ registryId: ACCOUNT, scanningConfiguration: { scanType: 'BASIC', rules: [] } });
  });

  it('put-registry-scanning-configuration with JSON rules, then batch-get-repository-scanning-configuration', async () => {
    json(await aws('create-repository', '--repository-name', 'prod-api'));
    const rules = [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: 'prod*', filterType: 'WILDCARD' }] }];
    const put = json(await aws('put-registry-scanning-configuration', '--scan-type', 'BASIC', '--rules', JSON.stringify(rules)));
    expect(put).toEqual({ registryScanningConfiguration: { scanType: 'BASIC', rules } });
    expect(json(await aws('get-registry-scanning-configuration'))).toEqual({ registryId: ACCOUNT, scanningConfiguration: { scanType: 'BASIC', rules } });
    expect(json(await aws('batch-get-repository-scanning-configuration', '--repository-names', 'prod-api', 'missing'))).toEqual({
      scanningConfigurations: [{
        repositoryArn: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/prod-api`, repositoryName: 'prod-api',
        scanOnPush: true, scanFrequency: 'SCAN_ON_PUSH', appliedScanFilters: [{ filter: 'prod*', filterType: 'WILDCARD' }],
      }],
      failures: [{ repositoryName: 'missing', failureCode: 'REPOSITORY_NOT_FOUND', failureReason: `The repository with name 'missing' does not exist in the registry with id '${ACCOUNT}'` }],
    });
  });

  it('put-registry-scanning-configuration refuses what the service refuses', async () => {
    serviceError(await aws('put-registry-scanning-configuration', '--scan-type', 'DEEP'), 'InvalidParameterException', 'PutRegistryScanningConfiguration',
      "Invalid parameter at 'scanType' failed to satisfy constraint: 'Member must satisfy enum value set: [BASIC, ENHANCED]'");
    const badFilter = JSON.stringify([{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: 'Prod', filterType: 'WILDCARD' }] }]);
    serviceError(await aws('put-registry-scanning-configuration', '--scan-type', 'BASIC', '--rules', badFilter), 'InvalidParameterException', 'PutRegistryScanningConfiguration',
      "Invalid parameter at 'rules.1.member.repositoryFilters.1.member.filter' failed to satisfy constraint: 'must satisfy regular expression '^[a-z0-9*](?:[._\\-/a-z0-9*]?[a-z0-9*]+)*$''");
  });

  it('batch-get-repository-scanning-configuration without names is refused by the CLI itself', async () => {
    const run = await aws('batch-get-repository-scanning-configuration');
    expect(run.exitCode).toBe(252);
    expect(run.stderr).toContain('the following arguments are required: --repository-names');
  });
});

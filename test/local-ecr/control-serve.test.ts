// `runServe`: the lines it prints before and while serving, and that it never prints secrets.
import {
  CreateRepositoryCommand, DescribeImageScanFindingsCommand, DescribeRepositoriesCommand, ECRClient, GetAuthorizationTokenCommand, StartImageScanCommand,
} from '@aws-sdk/client-ecr';
import { expect, it } from 'vitest';
import { EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY } from '../../src/local-ecr/config.js';
import { formatLogEntry, runServe, SERVE_SCAN_MS } from '../../src/local-ecr/serve.js';
import { pushViaPutImage } from '../e2e/aws-cli-images.js';

async function waitFor(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !predicate(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(predicate()).toBe(true);
}

it('prints the endpoint, paste lines and one line per request', async () => {
  const lines: string[] = [];
  const server = await runServe({ port: 0, host: '127.0.0.1', region: 'eu-central-1', account: '210987654321', out: (l) => lines.push(l) });
  try {
    const endpoint = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(lines[0])?.[1] ?? '';
    const hostPort = endpoint.replace('http://', '');
    expect(lines).toContain(`registry host for docker: ${hostPort}`);
    expect(lines).toContain(`  export AWS_ACCESS_KEY_ID=${EXAMPLE_ACCESS_KEY_ID}`);
    expect(lines).toContain(`  export AWS_SECRET_ACCESS_KEY=${EXAMPLE_SECRET_ACCESS_KEY}`);
    expect(lines).toContain('  export AWS_DEFAULT_REGION=eu-central-1');
    expect(lines).toContain(`  aws --endpoint-url ${endpoint} ecr create-repository --repository-name ecr-lab/demo`);
    expect(lines).toContain(`  aws --endpoint-url ${endpoint} ecr get-login-password | docker login --username AWS --password-stdin ${hostPort}`);
    expect(lines.some((l) => l.startsWith('WARNING'))).toBe(false);
    const before = lines.length;
    const client = new ECRClient({ endpoint, region: 'eu-central-1', maxAttempts: 1, credentials: { accessKeyId: EXAMPLE_ACCESS_KEY_ID, secretAccessKey: EXAMPLE_SECRET_ACCESS_KEY } });
    const token = await client.send(new GetAuthorizationTokenCommand({}));
    await client.send(new DescribeRepositoriesCommand({ repositoryNames: ['nope'] })).catch(() => undefined);
    await waitFor(() => lines.length >= before + 2);
    const logged = lines.slice(before);
    expect(logged[0]).toMatch(/^\d{2}:\d{2}:\d{2} POST {3}\/ GetAuthorizationToken 200$/);
    expect(logged[1]).toMatch(/^\d{2}:\d{2}:\d{2} POST {3}\/ DescribeRepositories 400 RepositoryNotFoundException$/);
    expect(logged.join('\n')).not.toContain(token.authorizationData?.[0].authorizationToken?.slice(0, 20));
  } finally {
    await server.close();
  }
});

it('keeps a scan IN_PROGRESS for SERVE_SCAN_MS of its clock, long enough for a learner typing the aws CLI to see it', async () => {
  const server = await runServe({ port: 0, host: '127.0.0.1', region: 'us-east-1', account: '123456789012', out: () => undefined });
  try {
    const client = new ECRClient({ endpoint: server.endpoint, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: EXAMPLE_ACCESS_KEY_ID, secretAccessKey: EXAMPLE_SECRET_ACCESS_KEY } });
    await client.send(new CreateRepositoryCommand({ repositoryName: 'web' }));
    await pushViaPutImage(server.ecr, 'web', 'v1');
    const imageId = { imageTag: 'v1' };
    await client.send(new StartImageScanCommand({ repositoryName: 'web', imageId }));
    const status = async () => (await client.send(new DescribeImageScanFindingsCommand({ repositoryName: 'web', imageId }))).imageScanStatus?.status;
    // A second or two between two aws commands: still scanning.
    server.ecr.context.clock.advance(2000);
    expect(await status()).toBe('IN_PROGRESS');
    server.ecr.context.clock.advance(SERVE_SCAN_MS);
    expect(await status()).toBe('COMPLETE');
  } finally {
    await server.close();
  }
});

it('warns when listening beyond loopback', async () => {
  const lines: string[] = [];
  const server = await runServe({ port: 0, host: '0.0.0.0', region: 'us-east-1', account: '123456789012', out: (l) => lines.push(l) });
  await server.close();
  expect(lines.filter((l) => l.startsWith('WARNING'))).toHaveLength(2);
});

it('masks secrets that a path might carry', () => {
  expect(formatLogEntry({ seq: 1, time: 0, method: 'GET', path: '/v2/x?X-Amz-Signature=abc&a=b', status: 200, api: 'registry' }))
    .toBe('00:00:00 GET    /v2/x?X-Amz-Signature=****&a=b 200');
});

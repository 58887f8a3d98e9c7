// The registry host a live target uses (GetAuthorizationToken's proxyEndpoint, with its
// fallbacks), which hosts count as AWS's own, and the URL an SDK request is recorded under.
import { ECRClient, DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import { describe, expect, it } from 'vitest';
import { EndpointLog, isAwsHost, recordEndpoints, registryFromProxyEndpoint, requestOrigin } from '../../src/workflow/aws/endpoints.js';
import type { EcrApi } from '../../src/workflow/ports.js';

function ecrAnswering(getAuthorizationToken: EcrApi['getAuthorizationToken']): EcrApi {
  return { getAuthorizationToken } as EcrApi;
}

describe('registryFromProxyEndpoint', () => {
  it('takes the host GetAuthorizationToken names, without its scheme', async () => {
    const ecr = ecrAnswering(async () => ({ $metadata: {}, authorizationData: [{ proxyEndpoint: 'http://127.0.0.1:5000' }] }));
    expect(await registryFromProxyEndpoint(ecr, '123456789012', 'us-east-1', new EndpointLog())).toBe('127.0.0.1:5000');
    const aws = ecrAnswering(async () => ({ $metadata: {}, authorizationData: [{ proxyEndpoint: 'https://210987654321.dkr.ecr.eu-west-1.amazonaws.com' }] }));
    expect(await registryFromProxyEndpoint(aws, '210987654321', 'eu-west-1', new EndpointLog())).toBe('210987654321.dkr.ecr.eu-west-1.amazonaws.com');
  });

  it('when refused: the host AWS names on AWS, the endpoint host elsewhere', async () => {
    const refused = ecrAnswering(async () => { throw Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }); });
    const onAws = new EndpointLog();
    onAws.sink('ECR', 'https://api.ecr.eu-west-1.amazonaws.com');
    expect(await registryFromProxyEndpoint(refused, '123456789012', 'eu-west-1', onAws)).toBe('123456789012.dkr.ecr.eu-west-1.amazonaws.com');
    const local = new EndpointLog();
    local.sink('ECR', 'http://127.0.0.1:4100');
    expect(await registryFromProxyEndpoint(refused, '123456789012', 'us-east-1', local)).toBe('127.0.0.1:4100');
  });
});

describe('EndpointLog and isAwsHost', () => {
  it('knows AWS domains and nothing that only contains them', () => {
    expect(isAwsHost('api.ecr.us-east-1.amazonaws.com')).toBe(true);
    expect(isAwsHost('sts.cn-north-1.amazonaws.com.cn')).toBe(true);
    expect(isAwsHost('ecr.us-east-1.api.aws:443')).toBe(true);
    expect(isAwsHost('127.0.0.1:5000')).toBe(false);
    expect(isAwsHost('amazonaws.com.example.org')).toBe(false);
  });

  it('names the first non-AWS endpoint, ECR before STS', () => {
    const log = new EndpointLog();
    log.sink('STS', 'https://sts.us-east-1.amazonaws.com');
    expect(log.nonAws()).toBeUndefined();
    log.sink('ECR', 'http://localhost:4566');
    expect(log.nonAws()).toBe('http://localhost:4566');
  });
});

describe('recordEndpoints', () => {
  it('records where the SDK sent a request, from AWS_ENDPOINT_URL_ECR', async () => {
    const before = process.env.AWS_ENDPOINT_URL_ECR;
    process.env.AWS_ENDPOINT_URL_ECR = 'http://127.0.0.1:9';
    try {
      const client = new ECRClient({ region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' } });
      const seen: string[] = [];
      recordEndpoints(client, 'ECR', (service, url) => seen.push(`${service} ${url}`));
      await client.send(new DescribeRepositoriesCommand({})).catch(() => undefined);
      expect(seen).toEqual(['ECR http://127.0.0.1:9']);
    } finally {
      if (before === undefined) delete process.env.AWS_ENDPOINT_URL_ECR; else process.env.AWS_ENDPOINT_URL_ECR = before;
    }
  });

  it('formats scheme, host and port', () => {
    expect(requestOrigin({ protocol: 'https:', hostname: 'api.ecr.us-east-1.amazonaws.com' })).toBe('https://api.ecr.us-east-1.amazonaws.com');
    expect(requestOrigin({ protocol: 'http', hostname: '127.0.0.1', port: 5000 })).toBe('http://127.0.0.1:5000');
  });
});

// The SDK adapters behind EcrApi and Identity. The AWS SDK is loaded with dynamic import() on
// the first call, so starting ecr-lab (the TUI, `lessons`, `read`) never pays for it.
import { setTimeout as delay } from 'node:timers/promises';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { EcrApi, Identity } from '../ports.js';
import { recordEndpoints, type EndpointSink } from './endpoints.js';

/** How to reach ECR and STS: region, optional endpoint (the local ECR), credentials, retries. */
export interface AwsClientConfig {
  readonly region: string;
  /** http://127.0.0.1:PORT for the local ECR; absent for real AWS. */
  readonly endpoint?: string;
  /** Absent: the SDK's default credential chain (env, profile, SSO, instance role). */
  readonly credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  readonly profile?: string;
  /** 1 in tests and on the local ECR, so faults show at once instead of being retried away. */
  readonly maxAttempts: number;
  /** Give up on an answer after this long (the local ECR's network-blocked fault hangs). */
  readonly requestTimeoutMs?: number;
  /** Told the URL each request goes to, as the SDK resolved it (live: the standard endpoint settings). */
  readonly onEndpoint?: EndpointSink;
}

type EcrModule = typeof import('@aws-sdk/client-ecr');
type StsModule = typeof import('@aws-sdk/client-sts');

let ecrModule: Promise<EcrModule> | undefined;
let stsModule: Promise<StsModule> | undefined;

function clientConfig(config: AwsClientConfig): Record<string, unknown> {
  return {
    region: config.region,
    maxAttempts: config.maxAttempts,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    ...(config.profile ? { profile: config.profile } : {}),
    ...(config.requestTimeoutMs ? { requestHandler: { requestTimeout: config.requestTimeoutMs, connectionTimeout: config.requestTimeoutMs, throwOnRequestTimeout: true } } : {}),
  };
}

/** EcrApi over @aws-sdk/client-ecr, loaded on first use. */
export function createEcrApi(config: AwsClientConfig): EcrApi {
  let client: Promise<{ m: EcrModule; c: ECRClient }> | undefined;
  const ready = (): Promise<{ m: EcrModule; c: ECRClient }> => {
    client ??= (ecrModule ??= import('@aws-sdk/client-ecr')).then((m) => {
      const c = new m.ECRClient(clientConfig(config));
      if (config.onEndpoint) recordEndpoints(c, 'ECR', config.onEndpoint);
      return { m, c };
    });
    return client;
  };
  const send = async <O>(make: (m: EcrModule) => unknown, signal?: AbortSignal): Promise<O> => {
    const { m, c } = await ready();
    return c.send(make(m) as never, { abortSignal: signal }) as Promise<O>;
  };
  return {
    createRepository: (i, s) => send((m) => new m.CreateRepositoryCommand(i), s),
    describeRepositories: (i, s) => send((m) => new m.DescribeRepositoriesCommand(i), s),
    deleteRepository: (i, s) => send((m) => new m.DeleteRepositoryCommand(i), s),
    getAuthorizationToken: (i, s) => send((m) => new m.GetAuthorizationTokenCommand(i), s),
    describeImages: (i, s) => send((m) => new m.DescribeImagesCommand(i), s),
    putLifecyclePolicy: (i, s) => send((m) => new m.PutLifecyclePolicyCommand(i), s),
    startLifecyclePolicyPreview: (i, s) => send((m) => new m.StartLifecyclePolicyPreviewCommand(i), s),
    getLifecyclePolicy: (i, s) => send((m) => new m.GetLifecyclePolicyCommand(i), s),
    getLifecyclePolicyPreview: (i, s) => send((m) => new m.GetLifecyclePolicyPreviewCommand(i), s),
    startImageScan: (i, s) => send((m) => new m.StartImageScanCommand(i), s),
    describeImageScanFindings: (i, s) => send((m) => new m.DescribeImageScanFindingsCommand(i), s),
    putImageTagMutability: (i, s) => send((m) => new m.PutImageTagMutabilityCommand(i), s),
    createPullThroughCacheRule: (i, s) => send((m) => new m.CreatePullThroughCacheRuleCommand(i), s),
    deletePullThroughCacheRule: (i, s) => send((m) => new m.DeletePullThroughCacheRuleCommand(i), s),
    describePullThroughCacheRules: (i, s) => send((m) => new m.DescribePullThroughCacheRulesCommand(i), s),
    batchGetImage: (i, s) => send((m) => new m.BatchGetImageCommand(i), s),
    putImage: (i, s) => send((m) => new m.PutImageCommand(i), s),
    getDownloadUrlForLayer: (i, s) => send((m) => new m.GetDownloadUrlForLayerCommand(i), s),
  };
}

/** Identity over STS GetCallerIdentity, loaded on first use. */
export function createIdentity(config: AwsClientConfig): Identity {
  let client: Promise<{ m: StsModule; c: STSClient }> | undefined;
  return {
    async whoami(signal) {
      client ??= (stsModule ??= import('@aws-sdk/client-sts')).then((m) => {
        const c = new m.STSClient(clientConfig(config));
        if (config.onEndpoint) recordEndpoints(c, 'STS', config.onEndpoint);
        return { m, c };
      });
      const { m, c } = await client;
      const out = await c.send(new m.GetCallerIdentityCommand({}), { abortSignal: signal });
      return { arn: out.Arn ?? '', account: out.Account ?? '', userId: out.UserId ?? '' };
    },
  };
}

/** The region the SDK resolves from the environment and the profile, when none is given. */
export async function resolveRegion(profile?: string): Promise<string | undefined> {
  const m = await (stsModule ??= import('@aws-sdk/client-sts'));
  try {
    const c = new m.STSClient(profile ? { profile } : {});
    return await c.config.region();
  } catch {
    return undefined;
  }
}

/** The access key id the default chain finds, within `timeoutMs`; undefined when there is none. */
export async function findCredentials(profile: string | undefined, timeoutMs: number): Promise<{ accessKeyId: string } | undefined> {
  const m = await (stsModule ??= import('@aws-sdk/client-sts'));
  const c = new m.STSClient({ region: 'us-east-1', ...(profile ? { profile } : {}) });
  const timeout = delay(timeoutMs, undefined, { ref: false });
  try {
    const found = await Promise.race([c.config.credentials(), timeout]);
    return found?.accessKeyId ? { accessKeyId: found.accessKeyId } : undefined;
  } catch {
    return undefined;
  }
}

/** STS with short timeouts and no retries, for `ecr-lab doctor`. */
export function quickIdentity(region: string, profile: string | undefined, timeoutMs: number, onEndpoint?: EndpointSink): Identity {
  const identity = createIdentity({ region, profile, maxAttempts: 1, onEndpoint });
  return { whoami: (signal) => identity.whoami(signal ?? AbortSignal.timeout(timeoutMs)) };
}

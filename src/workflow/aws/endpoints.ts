// Where live AWS calls really go. The SDK resolves endpoints itself from its standard settings
// (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>, `endpoint_url` and `services` in the shared
// config file); this module only records the URL each request was sent to, so the status bar
// and `doctor` can say when a live target is not AWS, and finds the registry host the way
// docker's ECR credential helper does: from GetAuthorizationToken's proxyEndpoint.
import type { MiddlewareStack } from '@aws-sdk/types';
import { ecrRegistryHost } from '../../core/steps.js';
import type { EcrApi } from '../ports.js';

/** The services ecr-lab's live target calls. */
export type AwsService = 'ECR' | 'STS';

/** Called with the URL (scheme, host, port) of every request a client sends. */
export type EndpointSink = (service: AwsService, url: string) => void;

/** The part of an SDK client this module needs: its middleware stack. */
interface StackHolder {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the stack of any client, whatever its commands
  readonly middlewareStack: MiddlewareStack<any, any>;
}

interface HttpRequestLike { readonly protocol?: string; readonly hostname?: string; readonly port?: number }

/** The URL a request is sent to, without its path. */
export function requestOrigin(request: HttpRequestLike): string {
  const protocol = request.protocol?.replace(/:?$/, ':') ?? 'https:';
  return `${protocol}//${request.hostname ?? ''}${request.port ? `:${request.port}` : ''}`;
}

/** Makes `client` report where each of its requests goes (after endpoint resolution, before signing's send). */
export function recordEndpoints(client: StackHolder, service: AwsService, sink: EndpointSink): void {
  client.middlewareStack.add((next) => async (args) => {
    sink(service, requestOrigin(args.request as HttpRequestLike));
    return next(args);
  }, { step: 'finalizeRequest', name: `ecrLabEndpoint${service}`, override: true });
}

/** True for a host in one of AWS's own DNS domains (commercial, China, the dual-stack api.aws). */
export function isAwsHost(host: string): boolean {
  return /(^|\.)(amazonaws\.com|amazonaws\.com\.cn|api\.aws)$/i.test(host.replace(/:\d+$/, ''));
}

/** The host of a URL, or the text itself when it is not one. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
  }
}

/** The endpoints seen, per service; `nonAws` is the first one that is not AWS's. */
export class EndpointLog {
  private readonly seen = new Map<AwsService, string>();
  readonly sink: EndpointSink = (service, url) => { this.seen.set(service, url); };

  of(service: AwsService): string | undefined {
    return this.seen.get(service);
  }

  /** Each service's endpoint when it is not AWS's (for `aws --endpoint-url`). */
  nonAwsByService(): { ecr?: string; sts?: string } {
    const other = (url: string | undefined) => (url !== undefined && !isAwsHost(hostOf(url)) ? url : undefined);
    const ecr = other(this.of('ECR'));
    const sts = other(this.of('STS'));
    return { ...(ecr ? { ecr } : {}), ...(sts ? { sts } : {}) };
  }

  /** The first non-AWS endpoint a call went to (ECR before STS), if any. */
  nonAws(): string | undefined {
    return [this.of('ECR'), this.of('STS')].find((url) => url !== undefined && !isAwsHost(hostOf(url)));
  }
}

/**
 * The registry host for docker: GetAuthorizationToken's proxyEndpoint without its scheme (what
 * AWS's console commands and docker's ECR credential helper use). When that call is refused
 * (no ecr:GetAuthorizationToken: the login step will say so), the host AWS would name, or the
 * ECR endpoint's own host when that is not AWS (a registry that serves both, like `ecr-lab serve`).
 */
export async function registryFromProxyEndpoint(ecr: EcrApi, account: string, region: string, log: EndpointLog): Promise<string> {
  try {
    const out = await ecr.getAuthorizationToken({});
    const proxy = out.authorizationData?.[0]?.proxyEndpoint;
    if (proxy) return hostOf(proxy);
  } catch {
    // Falls through to the fallback below; the step that needs the token reports the error.
  }
  const endpoint = log.of('ECR');
  return endpoint && !isAwsHost(hostOf(endpoint)) ? hostOf(endpoint) : ecrRegistryHost(account, region);
}

// A small client for the registry HTTP API v2 (OCI distribution), enough to log in, push and
// pull one image the way docker does: ping `/v2/`, answer the Basic challenge with AWS:<token>,
// HEAD blobs, POST/PATCH/PUT uploads, PUT and GET manifests. Errors carry the registry's code
// and the text docker would print (`name unknown: …`).
import { StepFailure } from '../../errors.js';
import { httpFetch, type HttpResponse } from './http.js';

/** Username and password for Basic auth (AWS and the registry token's password). */
export interface BasicCredentials {
  readonly username: string;
  readonly password: string;
}

const ACCEPT = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

/** http for loopback hosts (as docker treats 127.0.0.0/8 as insecure), https elsewhere. */
export function registryBase(host: string): string {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const loopback = name === 'localhost' || name === '::1' || /^127\./.test(name);
  return `${loopback ? 'http' : 'https'}://${host}`;
}

/** The registry's error as docker prints it: `name unknown: The repository…`. */
async function registryError(res: HttpResponse): Promise<StepFailure> {
  let body: { errors?: { code?: string; message?: string }[] } | undefined;
  try {
    body = await res.json() as typeof body;
  } catch {
    body = undefined;
  }
  const first = body?.errors?.[0];
  if (first?.code) return new StepFailure(first.code, `${first.code.toLowerCase().replaceAll('_', ' ')}: ${first.message ?? ''}`);
  if (res.status === 401) return new StepFailure('UNAUTHORIZED', 'unauthorized: authentication required');
  return new StepFailure(`HTTP_${res.status}`, `unexpected status from the registry: ${res.status} ${res.statusText}`);
}

/** One conversation with one registry host. */
export class RegistryClient {
  readonly base: string;
  private authorization?: string;

  constructor(readonly host: string, private readonly credentials: BasicCredentials | undefined, private readonly signal?: AbortSignal) {
    this.base = registryBase(host);
  }

  private basic(): string {
    const c = this.credentials!;
    return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
  }

  /** GET /v2/ without credentials; a Basic challenge means credentials go on every request. */
  async ping(): Promise<void> {
    const res = await httpFetch(`${this.base}/v2/`, { signal: this.signal });
    await res.arrayBuffer();
    if (res.status !== 401) return;
    if (!/^Basic/i.test(res.headers.get('www-authenticate') ?? '')) throw await registryError(res);
    if (!this.credentials) throw new StepFailure('NoBasicAuthCredentials', 'no basic auth credentials');
    this.authorization = this.basic();
  }

  /** docker login: the ping, then GET /v2/ with the credentials must answer 200. */
  async login(): Promise<void> {
    await this.ping();
    const res = await httpFetch(`${this.base}/v2/`, { headers: { authorization: this.basic() }, signal: this.signal });
    await res.arrayBuffer();
    if (res.status !== 200) {
      throw new StepFailure(`HTTP_${res.status}`, `login attempt to ${this.base}/v2/ failed with status: ${res.status} ${res.statusText}`);
    }
  }

  /** A request relative to the registry (or an absolute Location), with auth and the signal. */
  async request(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<HttpResponse> {
    const url = new URL(path, this.base);
    const all = this.authorization ? { ...headers, authorization: this.authorization } : headers;
    return httpFetch(url, { method, headers: all, body: body && new Uint8Array(body), signal: this.signal });
  }

  async hasBlob(repository: string, digest: string): Promise<boolean> {
    const res = await this.request('HEAD', `/v2/${repository}/blobs/${digest}`);
    return res.status === 200;
  }

  /** POST uploads -> PATCH the bytes -> PUT ?digest=, as docker does for one blob. */
  async uploadBlob(repository: string, digest: string, bytes: Buffer): Promise<void> {
    const started = await this.request('POST', `/v2/${repository}/blobs/uploads/`, { 'content-length': '0' });
    if (started.status !== 202) throw await registryError(started);
    await started.arrayBuffer();
    const patched = await this.request('PATCH', started.headers.get('location') ?? '', { 'content-type': 'application/octet-stream' }, bytes);
    if (patched.status !== 202) throw await registryError(patched);
    await patched.arrayBuffer();
    const location = new URL(patched.headers.get('location') ?? '', this.base);
    location.searchParams.set('digest', digest);
    const done = await this.request('PUT', location.toString(), { 'content-length': '0' });
    if (done.status !== 201) throw await registryError(done);
    await done.arrayBuffer();
  }

  /** PUT a manifest under a tag; resolves with the digest the registry reports. */
  async putManifest(repository: string, tag: string, bytes: Buffer, mediaType: string): Promise<string> {
    const res = await this.request('PUT', `/v2/${repository}/manifests/${tag}`, { 'content-type': mediaType }, bytes);
    if (res.status !== 201) throw await registryError(res);
    await res.arrayBuffer();
    return res.headers.get('docker-content-digest') ?? '';
  }

  /** GET a manifest by tag or digest, with its bytes exactly as stored. */
  async getManifest(repository: string, reference: string): Promise<{ bytes: Buffer; mediaType: string; digest: string }> {
    const res = await this.request('GET', `/v2/${repository}/manifests/${reference}`, { accept: ACCEPT });
    if (res.status !== 200) throw await registryError(res);
    const bytes = Buffer.from(await res.arrayBuffer());
    return { bytes, mediaType: res.headers.get('content-type') ?? '', digest: res.headers.get('docker-content-digest') ?? '' };
  }

  async getBlob(repository: string, digest: string): Promise<Buffer> {
    const res = await this.request('GET', `/v2/${repository}/blobs/${digest}`);
    if (res.status !== 200) throw await registryError(res);
    return Buffer.from(await res.arrayBuffer());
  }
}

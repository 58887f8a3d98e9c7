// ecr-lab's own docker credential helper, `docker-credential-ecr-lab`, for the local ECR.
// Debian's amazon-ecr-credential-helper (0.6) cannot serve it: its Get matches the host
// against `<id>.dkr.ecr.<region>.amazonaws.com` (ecr-login/api/client.go, ExtractRegistry)
// and has no endpoint override, so for 127.0.0.1:PORT it answers "credentials not found".
// This helper does the same job for the registries ecr-lab configured: docker runs it with
// `get` and the registry host on stdin, and it answers with a fresh GetAuthorizationToken
// from that local ECR (through the AWS SDK, with the course's example key pair, which only
// the local ECR accepts). It stores nothing: `store` and `erase` succeed without keeping
// anything, as the real helper does with AWS_ECR_IGNORE_CREDS_STORAGE, because every `get`
// asks the registry anew. Which registries it serves, and where their ECR API is, is in
// `<docker config dir>/ecr-lab-registries.json` (no secrets in it).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY } from '../local-ecr/config.js';
import { saveJson } from '../state/json-file.js';
import { createEcrApi } from './aws/clients.js';
import { HELPER_BINARY } from './helper-path.js';
/** What docker's credential-helper protocol calls "not found" (docker then goes on without credentials). */
const NOT_FOUND = 'credentials not found in native keychain';

/** One registry the helper serves: where its ECR API answers, and in which region. */
export interface HelperRegistry {
  readonly endpoint: string;
  readonly region: string;
}

type Registries = Record<string, HelperRegistry>;

/** The file that lists the registries the helper serves, next to docker's config.json. */
export function registriesFile(dockerConfigDir: string): string {
  return join(dockerConfigDir, 'ecr-lab-registries.json');
}

async function readRegistries(file: string): Promise<Registries> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return data && typeof data === 'object' && !Array.isArray(data) ? data as Registries : {};
  } catch {
    return {};
  }
}

/** Adds (or updates) `host` in the helper's registries file, keeping the others. */
export async function addRegistry(dockerConfigDir: string, host: string, registry: HelperRegistry): Promise<void> {
  const file = registriesFile(dockerConfigDir);
  await saveJson(file, { ...await readRegistries(file), [host]: registry });
}

/** `127.0.0.1:5000` from what docker may send: a host, or a URL with scheme and path. */
function hostOf(serverUrl: string): string {
  return serverUrl.trim().replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
}

/** What one run of the helper answers: its stdout and exit code. */
export interface HelperAnswer {
  readonly stdout: string;
  readonly exitCode: number;
}

/** Runs one helper action (`get`, `list`, `store`, `erase`, `version`) with docker's stdin. */
export async function runHelperAction(action: string | undefined, stdin: string, dockerConfigDir: string): Promise<HelperAnswer> {
  const registries = await readRegistries(registriesFile(dockerConfigDir));
  switch (action) {
    case 'get': {
      const host = hostOf(stdin);
      const registry = registries[host];
      if (!registry) return { stdout: NOT_FOUND, exitCode: 1 };
      try {
        const ecr = createEcrApi({
          region: registry.region, endpoint: registry.endpoint, maxAttempts: 1, requestTimeoutMs: 10_000,
          credentials: { accessKeyId: EXAMPLE_ACCESS_KEY_ID, secretAccessKey: EXAMPLE_SECRET_ACCESS_KEY },
        });
        const token = (await ecr.getAuthorizationToken({})).authorizationData?.[0]?.authorizationToken ?? '';
        const decoded = Buffer.from(token, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon < 0) return { stdout: `GetAuthorizationToken at ${registry.endpoint} returned no usable token`, exitCode: 1 };
        return { stdout: JSON.stringify({ ServerURL: host, Username: decoded.slice(0, colon), Secret: decoded.slice(colon + 1) }), exitCode: 0 };
      } catch (err) {
        // One line, no stack: docker shows it as "error getting credentials - err: …, out: `…`".
        return { stdout: `GetAuthorizationToken at ${registry.endpoint} failed: ${(err as Error).message.split('\n')[0]}`, exitCode: 1 };
      }
    }
    case 'list':
      return { stdout: JSON.stringify(Object.fromEntries(Object.keys(registries).map((h) => [h, 'AWS']))), exitCode: 0 };
    case 'store':
    case 'erase':
      return { stdout: '', exitCode: 0 };
    case 'version':
      return { stdout: `${HELPER_BINARY} (ecr-lab)`, exitCode: 0 };
    default:
      return { stdout: `Usage: ${HELPER_BINARY} <store|get|erase|list|version>`, exitCode: 1 };
  }
}

// Starts the local ECR: one HTTP server on loopback that answers the ECR JSON API and STS on
// `POST /` and the registry API on `/v2/`, over one store on disk.
import { createServer, type Server } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createClock, type Clock } from './clock.js';
import { defaultIdentity, type LocalEcrConfig } from './config.js';
import type { EcrContext } from './context.js';
import { RequestLog } from './request-log.js';
import { TokenCodec } from './token.js';
import { openStore } from './store/index.js';
import { handleControl } from './control/index.js';
import { handleRegistry } from './registry/index.js';
import { DEFAULT_ACCOUNT, DEFAULT_REGION } from '../core/steps.js';

export interface LocalEcr {
  readonly context: EcrContext;
  readonly endpoint: string;
  readonly registryHost: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface LocalEcrOptions extends Partial<LocalEcrConfig> {
  readonly dataDir: string;
  readonly clock?: Clock;
}

/** The key that signs registry tokens, kept in the data dir so tokens survive a restart. */
async function tokenKey(dataDir: string): Promise<Buffer> {
  const file = join(dataDir, 'token.key');
  try {
    return await readFile(file);
  } catch {
    const key = randomBytes(32);
    await writeFile(file, key, { mode: 0o600 });
    return key;
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Starts a local ECR; `port: 0` (the default) picks a free port. */
export async function startLocalEcr(options: LocalEcrOptions): Promise<LocalEcr> {
  const account = options.account ?? DEFAULT_ACCOUNT;
  await mkdir(options.dataDir, { recursive: true });
  const store = await openStore(options.dataDir);
  const tokens = new TokenCodec(await tokenKey(options.dataDir));
  const server = createServer();
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, host);
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const config: LocalEcrConfig = {
    host, port, account,
    region: options.region ?? DEFAULT_REGION,
    dataDir: options.dataDir,
    identities: options.identities ?? [defaultIdentity(account)],
  };
  const context: EcrContext = {
    config, store, tokens,
    clock: options.clock ?? createClock(),
    log: new RequestLog(),
    identities: new Map(config.identities.map((i) => [i.accessKeyId, i])),
    endpoint: `http://${hostPart}:${port}`,
    registryHost: `${hostPart}:${port}`,
  };
  server.on('request', (req, res) => {
    const handler = req.url?.startsWith('/v2') ? handleRegistry : handleControl;
    handler(req, res, context).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ __type: 'ServerException', message: String((err as Error)?.message ?? err) }));
      } else {
        res.destroy();
      }
    });
  });
  return {
    context, port,
    endpoint: context.endpoint,
    registryHost: context.registryHost,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // Requests a client abandoned may still have a catalog write under way.
      await store.flush();
    },
  };
}

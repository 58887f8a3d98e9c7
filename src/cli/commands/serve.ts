// `ecr-lab serve`: the local ECR in the foreground until Ctrl+C, for the real aws and docker.
import { randomBytes } from 'node:crypto';
import { removeAdminFile, writeAdminFile } from '../../state/admin-file.js';
import { ensureStateDir, stateDir } from '../../state/paths.js';
import { asFileError } from '../../state/file-error.js';
import { fileErrorLine, UsageError, UserError, type FilePlace } from '../errors.js';

type Opts = Record<string, unknown>;

function checkOptions(opts: Opts): { port: number; host: string; region: string; account: string; data?: string } {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${String(opts.port)} is not a port number (0-65535)`);
  const region = String(opts.region);
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new UsageError(`--region ${region} is not a region name like us-east-1`);
  const account = String(opts.account);
  if (!/^\d{12}$/.test(account)) throw new UsageError(`--account ${account} must be 12 digits`);
  return { port, host: String(opts.host), region, account, data: opts.data as string | undefined };
}

/** The --data directory, for the line that says why it cannot be used. */
function dataPlace(dir: string): FilePlace {
  return { dir, label: `--data ${dir}`, choose: 'give --data a directory you can write (serve creates it if missing)' };
}

/** Where `ecr-lab fault` reaches this serve: loopback, on the address family it listens on. */
function adminEndpoint(host: string, port: number): string {
  if (host === '::1' || host === '::') return `http://[::1]:${port}`;
  return `http://127.0.0.1:${port}`;
}

/**
 * Client-side faults changed this machine's docker (its logins, its tags): they are put back
 * before serve ends. Without --data the world goes with the temp dir, so every fault is undone.
 */
async function undoOnExit(server: import('../../local-ecr/serve.js').Serving, isKept: boolean): Promise<void> {
  const { findFault } = await import('../../core/faults.js');
  for (const fault of [...server.ecr.context.faults.list()].reverse()) {
    if (!isKept || findFault(fault.name)?.side === 'client') {
      await server.ecr.faults.off(fault.name).catch(() => undefined);
      process.stdout.write(`fault off: ${fault.name} (serve is stopping)\n`);
    }
  }
}

export async function serve(opts: Opts): Promise<number> {
  const o = checkOptions(opts);
  // The admin file goes there once serve listens: a state dir that cannot take it is said first.
  await ensureStateDir();
  // Listened for from the start: a Ctrl+C while serve is still starting must stop it cleanly
  // (the temporary data dir removed), not end the process on Node's default action.
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  const { runServe } = await import('../../local-ecr/serve.js');
  let server: import('../../local-ecr/serve.js').Serving;
  const adminSecret = randomBytes(24).toString('base64url');
  try {
    server = await runServe({ ...o, dataDir: o.data, adminSecret, out: (line: string) => process.stdout.write(`${line}\n`) });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') throw new UserError(`port ${o.port} on ${o.host} is already in use; pick another with --port`);
    if (e.code === 'EADDRNOTAVAIL') throw new UserError(`cannot listen on ${o.host}: no such address on this machine; try --host 127.0.0.1`);
    if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') throw new UserError(`cannot listen on ${o.host}: no host of that name is known here; give this machine's address, such as --host 127.0.0.1`);
    const file = asFileError(err);
    if (file && o.data !== undefined) throw new UserError(await fileErrorLine(file, dataPlace(o.data)));
    throw err;
  }
  const state = stateDir();
  // Client-side faults reach the docker of whoever runs serve: its config.json and local tags.
  const [{ createClientFaults }, { createDockerEngine }] = await Promise.all([import('../../workflow/client-faults.js'), import('../../workflow/engines/docker.js')]);
  const { tokens, config, clock } = server.ecr.context;
  server.ecr.faults.useClient(createClientFaults({
    engine: createDockerEngine(), registry: server.ecr.registryHost, isOwnClient: false,
    foreignPassword: () => tokens.issue('AKIAIOSFODNN7EXAMPLE', config.region === 'eu-west-1' ? 'us-west-2' : 'eu-west-1', config.account, clock.now()).password,
  }));
  try {
    await writeAdminFile(state, { port: server.port, endpoint: adminEndpoint(o.host, server.port), secret: adminSecret, pid: process.pid, owner: 'serve' });
    await stopped;
    await removeAdminFile(state, server.port);
  } finally {
    // Also when the state dir cannot take the admin file: the listener must not outlive the error.
    await undoOnExit(server, o.data !== undefined);
    await server.close();
  }
  process.stdout.write('local ECR stopped\n');
  return 0;
}

// Talks to the admin endpoint of a running local ECR (started by `ecr-lab serve` or the TUI):
// finds it through its admin file in the state dir, and presents the secret it holds.
import { request } from 'node:http';
import { runningLocalEcrs, type AdminFile } from '../state/admin-file.js';
import { stateDir } from '../state/paths.js';
import { UsageError, UserError } from './errors.js';

/** The running local ECR on `port`, or the only one running when no port is given. */
export async function findLocalEcr(port?: number): Promise<AdminFile> {
  const running = await runningLocalEcrs(stateDir());
  if (port !== undefined) {
    const found = running.find((r) => r.port === port);
    if (!found) throw new UserError(`no local ECR of yours runs on port ${port}; start one with ecr-lab serve --port ${port}`);
    return found;
  }
  if (running.length === 0) throw new UserError('no local ECR is running; start one with ecr-lab serve (or open the course with ecr-lab)');
  if (running.length > 1) throw new UsageError(`${running.length} local ECRs are running (ports ${running.map((r) => r.port).join(', ')}); choose one with --port`);
  return running[0]!;
}

/** Calls `method path` on the admin endpoint and returns its JSON; a refusal is one line. */
export function adminCall<T>(target: AdminFile, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const payload = body === undefined ? '' : JSON.stringify(body);
  let url: URL;
  try {
    url = new URL(`/ecr-lab/admin/${path}`, target.endpoint);
  } catch {
    return Promise.reject(new UserError(`the admin file of the local ECR on port ${target.port} names no usable address (${target.endpoint}); restart ecr-lab serve`));
  }
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method, headers: { authorization: `Bearer ${target.secret}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      timeout: 5000,
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { text += c; });
      res.on('end', () => {
        let data: { error?: string } & Record<string, unknown>;
        try {
          data = JSON.parse(text) as typeof data;
        } catch {
          reject(new UserError(`the local ECR on port ${target.port} answered ${res.statusCode} without JSON`));
          return;
        }
        if ((res.statusCode ?? 500) >= 300) reject(new UserError(data.error ?? `the local ECR answered ${res.statusCode}`));
        else resolve(data as T);
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => reject(new UserError(`cannot reach the local ECR on port ${target.port} (${(err as Error).message}); is it still running?`)));
    req.end(payload);
  });
}

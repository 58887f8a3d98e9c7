// The admin file of a running local ECR: `<state>/local-ecr-admin-<port>.json`, mode 0600,
// holding the endpoint and the per-run secret that `ecr-lab fault` and `ecr-lab clock` must
// present. Only the user who started the local ECR can read it; it is removed on exit.
import { readdir, readFile, unlink } from 'node:fs/promises';
import { makeDir } from './make-dir.js';
import { join } from 'node:path';
import { saveJson } from './json-file.js';
import { isProcessAlive } from './process-alive.js';

export interface AdminFile {
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly endpoint: string;
  readonly secret: string;
  readonly pid: number;
  /** `serve` or `tui`: who started it. */
  readonly owner: string;
}

const NAME = /^local-ecr-admin-(\d+)\.json$/;

export function adminFilePath(stateDir: string, port: number): string {
  return join(stateDir, `local-ecr-admin-${port}.json`);
}

export async function writeAdminFile(stateDir: string, file: AdminFile): Promise<string> {
  const path = adminFilePath(stateDir, file.port);
  await makeDir(stateDir);
  await saveJson(path, file, 0o600);
  return path;
}

export async function removeAdminFile(stateDir: string, port: number): Promise<void> {
  await unlink(adminFilePath(stateDir, port)).catch(() => undefined);
}

async function read(path: string): Promise<AdminFile | undefined> {
  try {
    const data = JSON.parse(await readFile(path, 'utf8')) as AdminFile;
    return typeof data.secret === 'string' && typeof data.port === 'number' ? data : undefined;
  } catch {
    return undefined;
  }
}

/** The admin files of local ECRs whose process still runs, newest port order. */
export async function runningLocalEcrs(stateDir: string): Promise<AdminFile[]> {
  let names: string[];
  try {
    names = (await readdir(stateDir)).filter((n) => NAME.test(n));
  } catch {
    return [];
  }
  const files = await Promise.all(names.map((n) => read(join(stateDir, n))));
  return files.filter((f): f is AdminFile => f !== undefined && isProcessAlive(f.pid)).sort((a, b) => a.port - b.port);
}

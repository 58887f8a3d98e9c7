// `mkdir -p` that always ends. Node's own recursive mkdir spins forever at full CPU on a path
// whose parent exists but cannot hold it: /proc answers ENOENT for /proc/anything, as a dangling
// symbolic link does, and Node takes ENOENT for "parent missing", makes the parent (EEXIST) and
// tries again (`serve --data /proc/x` hung, deaf to SIGTERM, for 11 minutes). Here each level is
// tried once more after its parent is there; a second ENOENT is the answer.
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Like mkdir -p: a folder already there is fine; a file there is the error; a link to nowhere cannot hold it. */
async function existing(path: string, err: unknown): Promise<void> {
  const found = await stat(path).catch(() => undefined);
  if (found?.isDirectory()) return;
  if (!found) throw Object.assign(new Error(`ENOENT: no such file or directory, mkdir '${path}'`), { code: 'ENOENT', syscall: 'mkdir', path });
  throw err;
}

async function once(path: string, mode: number | undefined): Promise<'made' | 'missing-parent'> {
  try {
    await mkdir(path, mode === undefined ? undefined : { mode });
    return 'made';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing-parent';
    if (code !== 'EEXIST') throw err;
    await existing(path, err);
    return 'made';
  }
}

/** Makes `path` and any missing parents (with `mode`, as mkdir's recursive option gives it to each). */
export async function makeDir(path: string, mode?: number): Promise<void> {
  if ((await once(path, mode)) === 'made') return;
  const parent = dirname(path);
  if (parent !== path) await makeDir(parent, mode);
  try {
    await mkdir(path, mode === undefined ? undefined : { mode });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    await existing(path, err);
  }
}

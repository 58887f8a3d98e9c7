// `mkdir -p` that always ends. Node's own recursive mkdir spins forever at full CPU on a path
// whose parent exists but cannot hold it: /proc answers ENOENT for /proc/anything, as a dangling
// symbolic link does, and Node takes ENOENT for "parent missing", makes the parent (EEXIST) and
// tries again (`serve --data /proc/x` hung, deaf to SIGTERM, for 11 minutes). Here each level is
// tried once more after its parent is there; a second ENOENT is the answer.
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The error of a level that stays missing once its parent is there: mkdir's own ENOENT. */
function cannotHold(path: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, mkdir '${path}'`), { code: 'ENOENT', syscall: 'mkdir', path });
}

/** One mkdir; like mkdir -p, a folder already there is fine, a file there is the error. */
async function once(path: string, mode: number | undefined): Promise<'made' | 'missing-parent'> {
  try {
    await mkdir(path, mode === undefined ? undefined : { mode });
    return 'made';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing-parent';
    if (code !== 'EEXIST') throw err;
    const found = await stat(path).catch(() => undefined);
    if (found?.isDirectory()) return 'made';
    // A symbolic link to nowhere is there (EEXIST) and cannot hold anything.
    throw found ? err : cannotHold(path);
  }
}

/** Makes `path` and any missing parents (with `mode`, as mkdir's recursive option gives it to each). */
export async function makeDir(path: string, mode?: number): Promise<void> {
  if ((await once(path, mode)) === 'made') return;
  const parent = dirname(path);
  if (parent !== path) await makeDir(parent, mode);
  if ((await once(path, mode)) === 'missing-parent') throw cannotHold(path);
}

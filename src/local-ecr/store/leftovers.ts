// What a killed serve leaves in its data directory: temp files of atomic writes that never got
// renamed (`catalog.json.<n>`, write-file-atomic's `registry.json.<n>` and the like). Removed at
// start, under the data directory's lock, so no other writer can own them.
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** `<name>.json.<decimal>`: the temp names of persister.ts and of write-file-atomic. */
const TEMP = /^[\w.-]+\.json\.\d+$/;

/** Removes leftover temp files at the top of `dataDir`; returns the names removed. */
export async function sweepTempFiles(dataDir: string): Promise<string[]> {
  const names = (await readdir(dataDir)).filter((n) => TEMP.test(n));
  await Promise.all(names.map((n) => unlink(join(dataDir, n)).catch(() => undefined)));
  return names;
}

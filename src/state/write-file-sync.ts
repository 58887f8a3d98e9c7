// A small cache file replaced whole and synchronously, for writes that cannot wait for an await:
// the IAM simulator's answer as it is given, V8's code cache as a run ends. A temp file beside it
// (created, never reused), then a rename over it: a killed process leaves the old file or the
// new one, never a part (not flushed: a cache lost to a crash of the machine is only rebuilt).
import { randomInt } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';

/** Writes `data` to `file` atomically; false, leaving no temp file, when it could not. */
export function writeCacheFileSync(file: string, data: string | Uint8Array, mode = 0o600): boolean {
  const temp = `${file}.${randomInt(2 ** 32)}`;
  try {
    writeFileSync(temp, data, { mode, flag: 'wx' });
    renameSync(temp, file);
    return true;
  } catch {
    try { rmSync(temp, { force: true }); } catch { /* no directory to have made it in */ }
    return false;
  }
}

// JSON files that must never be lost: written atomically (temp file, every byte, fsync, rename,
// directory fsync); a file that cannot be read back is moved aside, never silently reset.
import { readFile, rename } from 'node:fs/promises';
import { asFileError } from './file-error.js';

export interface Loaded<T> {
  readonly value: T;
  /** One line for the learner when the file was corrupt and moved aside. */
  readonly warning?: string;
}

/**
 * Reads `file` as JSON checked by `problem`. Missing file: `fallback`. Corrupt file: moved to
 * `<file>.corrupt-<time>` and `fallback` returned with a warning saying where it went.
 */
export async function loadJson<T>(
  file: string, fallback: T, problem: (data: unknown) => string | undefined, now = Date.now(),
): Promise<Loaded<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { value: fallback };
    // A directory in the file's place fails without a path from Node: say which file it was.
    throw asFileError(err, file, 'read') ?? err;
  }
  let reason: string | undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
    reason = problem(data);
  } catch (err) {
    reason = (err as Error).message;
  }
  if (reason === undefined) return { value: data as T };
  const aside = `${file}.corrupt-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, aside).catch((err: unknown) => { throw asFileError(err, file, 'move') ?? err; });
  return { value: fallback, warning: `warning: ${file} was unreadable (${reason}); kept it as ${aside} and started afresh` };
}

/**
 * Writes JSON atomically: a reader sees the old file or the new one, never half of one, and a
 * kill at any moment leaves one of them. `isDurable` (the default) also flushes the file and
 * the rename, so that a crash of the machine keeps it too: progress, scores and the ledger.
 */
export async function saveJson(file: string, value: unknown, mode = 0o600, isDurable = true): Promise<void> {
  // Loaded on first save: reading progress at start-up should not pay for it. The store's
  // writers, not write-file-atomic: that one ignores a short write on a nearly full disk and
  // renames a truncated file over the good one.
  const { writeFileAtomic, writeFileDurably } = await import('../local-ecr/store/persister.js');
  try {
    await (isDurable ? writeFileDurably : writeFileAtomic)(file, `${JSON.stringify(value, null, 2)}\n`, mode);
  } catch (err) {
    throw asFileError(err, file, 'write') ?? err;
  }
}

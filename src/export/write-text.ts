// Writes an exported file as a shell's `>` would put it, but atomically where a file is replaced
// (a reader or a crash sees the old file or the new one), readable by others like any document.
// A symbolic link is followed to the file it names; a device or a pipe (/dev/stdout, a FIFO) is
// written through, never replaced by a file; a file that may not be written (read-only, or one
// of the files being exported) is refused. A failure becomes one line saying what to change.
import { constants } from 'node:fs';
import { access, lstat, readlink, realpath, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { writeFileDurably } from '../local-ecr/store/persister.js';

/** Why a file could not be written, in words a learner can act on. */
export class ExportWriteError extends Error {
  constructor(readonly file: string, reason: string, fix = 'choose a file in a folder that exists and that you can write to') {
    super(`cannot write ${file}: ${reason}; ${fix}`);
    this.name = 'ExportWriteError';
  }
}

/** A file the export may not overwrite (one of its sources), or a folder whose files it may not. */
export interface Kept {
  readonly path: string;
  readonly isFolder?: boolean;
  /** Says which, for the message: "it is the deck being exported". */
  readonly why: string;
}

const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'it is a folder', EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full', ENOTDIR: 'part of the path is not a folder', ELOOP: 'its symbolic links go round in a loop',
};

/** The path a write to `file` lands on: a symbolic link's target (which need not exist yet). */
async function landing(file: string): Promise<string> {
  const absolute = resolve(file);
  const link = await lstat(absolute).catch(() => undefined);
  if (!link?.isSymbolicLink()) return absolute;
  return realpath(absolute).catch(async () => resolve(dirname(absolute), await readlink(absolute)));
}

/** The same path with every link in it resolved (the file itself need not exist). */
async function canonical(path: string): Promise<string> {
  return realpath(path).catch(async () => join(await realpath(dirname(path)).catch(() => dirname(path)), basename(path)));
}

async function reasonFor(err: NodeJS.ErrnoException, target: string): Promise<string> {
  if (err.code === 'ENOENT') {
    // /proc exists and refuses new files with ENOENT too.
    const folder = await stat(dirname(target)).catch(() => undefined);
    return folder?.isDirectory() ? 'its folder does not take new files' : 'its folder does not exist';
  }
  return REASONS[err.code ?? ''] ?? err.message;
}

/** What was written: its size, and whether it went through a device or pipe rather than into a file. */
export interface Written {
  readonly bytes: number;
  readonly isStream: boolean;
}

/** Writes `text` where `file` leads. */
export async function writeExport(file: string, text: string, kept: readonly Kept[] = []): Promise<Written> {
  let target = resolve(file);
  let isStream = false;
  try {
    target = await landing(file);
    const at = await canonical(target);
    for (const k of kept) {
      const path = await canonical(resolve(k.path));
      if (k.isFolder ? at.startsWith(`${path}/`) : at === path) throw new ExportWriteError(file, k.why, 'choose another file for the export');
    }
    const existing = await stat(target).catch(() => undefined);
    if (existing && !existing.isFile() && !existing.isDirectory()) {
      // A terminal, /dev/stdout, a FIFO: what `>` would do, in place.
      isStream = true;
      await writeFile(target, text);
    } else {
      // The rename below would replace a read-only file that `>` refuses.
      if (existing?.isFile()) await access(target, constants.W_OK);
      await writeFileDurably(target, text, 0o644);
    }
  } catch (err) {
    if (err instanceof ExportWriteError) throw err;
    const cause = (err as { cause?: NodeJS.ErrnoException }).cause ?? (err as NodeJS.ErrnoException);
    throw new ExportWriteError(file, await reasonFor(cause, target));
  }
  return { bytes: Buffer.byteLength(text), isStream };
}

/** `12.3 kB`, `812 bytes`: a size for the line that names the file. */
export function formatSize(bytes: number): string {
  return bytes < 1000 ? `${bytes} bytes` : `${(bytes / 1000).toFixed(1)} kB`;
}

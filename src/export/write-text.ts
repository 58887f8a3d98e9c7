// Writes an exported file atomically (a reader or a crash sees the old file or the new one),
// readable by others like any document; a failure becomes one line saying what to change.
import { writeFileDurably } from '../local-ecr/store/persister.js';

/** Why a file could not be written, in words a learner can act on. */
export class ExportWriteError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`cannot write ${file}: ${reason}; choose a file in a folder that exists and that you can write to`);
    this.name = 'ExportWriteError';
  }
}

/** Writes `text` to `file` atomically; resolves to its size in bytes. */
export async function writeExport(file: string, text: string): Promise<number> {
  try {
    await writeFileDurably(file, text, 0o644);
  } catch (err) {
    const cause = (err as { cause?: NodeJS.ErrnoException }).cause ?? (err as NodeJS.ErrnoException);
    const reasons: Record<string, string> = { ENOENT: 'its folder does not exist', EACCES: 'permission denied', EISDIR: 'it is a folder', EROFS: 'the file system is read-only', ENOSPC: 'the disk is full', ENOTDIR: 'part of the path is not a folder' };
    throw new ExportWriteError(file, reasons[cause.code ?? ''] ?? cause.message);
  }
  return Buffer.byteLength(text);
}

/** `12.3 kB`, `812 bytes`: a size for the line that names the file. */
export function formatSize(bytes: number): string {
  return bytes < 1000 ? `${bytes} bytes` : `${(bytes / 1000).toFixed(1)} kB`;
}

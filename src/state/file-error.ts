// A file ecr-lab could not read or write, said as what, where and why: node:fs's errno turned
// into words, with the path (which Node leaves off some errors) and the ancestor in the way.
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/** What ecr-lab was doing with the file. */
export type FileAction = 'read' | 'write' | 'open' | 'create' | 'remove' | 'move' | 'use';

const REASONS: Readonly<Record<string, string>> = {
  EISDIR: 'it is a directory, where a file belongs',
  ENOTDIR: 'part of its path is a file, not a directory',
  EEXIST: 'it is a file, where a directory belongs',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'too many symbolic links along the path',
};

// ENOENT means "not found" to most calls; to mkdir, once its parent is there (src/state/make-dir.ts), it
// means the parent takes no new directories: /proc, or a symbolic link that leads nowhere.
const MKDIR_ENOENT = 'it cannot be made there (under /proc, or where a symbolic link leads nowhere)';

function reasonOf(code: string, syscall: string | undefined): string | undefined {
  return code === 'ENOENT' && syscall === 'mkdir' ? MKDIR_ENOENT : REASONS[code];
}

const ACTIONS: Readonly<Record<string, FileAction>> = { open: 'open', mkdir: 'create', unlink: 'remove', rmdir: 'remove', rm: 'remove', rename: 'move', read: 'read', write: 'write' };

/** A file-system failure on one path, in words. */
export class FileAccessError extends Error {
  override readonly name = 'FileAccessError';
  readonly reason: string;

  constructor(readonly code: string, readonly path: string, readonly action: FileAction, syscall?: string) {
    const reason = reasonOf(code, syscall) ?? code;
    super(`cannot ${action} ${path}: ${reason}`);
    this.reason = reason;
  }
}

/**
 * The file-system failure in `err` (a node:fs errno error, or one that wraps it in `cause`),
 * or undefined when it is something else. `path` and `action` fill in what Node left off.
 */
export function asFileError(err: unknown, path?: string, action?: FileAction): FileAccessError | undefined {
  if (err instanceof FileAccessError) return err;
  const e = err as (NodeJS.ErrnoException & { file?: string; cause?: NodeJS.ErrnoException }) | undefined;
  const inner = e?.cause && typeof e.cause.code === 'string' ? e.cause : e;
  // fs.rm reports a directory in a file's place with its own code.
  const code = inner?.code === 'ERR_FS_EISDIR' ? 'EISDIR' : inner?.code;
  if (typeof code !== 'string' || reasonOf(code, inner?.syscall) === undefined) return undefined;
  if (code === 'EEXIST' && inner?.syscall !== 'mkdir') return undefined;
  const where = inner?.path ?? e?.file ?? path;
  if (!where) return undefined;
  const done = action ?? (e?.file ? 'write' : ACTIONS[inner?.syscall ?? ''] ?? 'use');
  return new FileAccessError(code, where, done, inner?.syscall);
}

/** The first ancestor of `path` that exists and is not a directory (why ENOTDIR happened). */
export async function fileInTheWay(path: string): Promise<string | undefined> {
  for (let at = path; ; at = dirname(at)) {
    const found = await stat(at).catch(() => undefined);
    if (found) return found.isDirectory() ? undefined : at;
    if (dirname(at) === at) return undefined;
  }
}

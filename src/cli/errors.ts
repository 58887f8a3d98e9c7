// Failures meant for the user: one line, a non-zero exit code, never a stack trace.
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative } from 'node:path';
import { fileInTheWay, type FileAccessError } from '../state/file-error.js';
import { stateDir } from '../state/paths.js';

/** An error whose message is the whole line the user sees. */
export class UserError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'UserError';
  }
}

/** Bad arguments: exit code 2, like every other usage error. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}

/** What a usage error ends with: the help of `command`, or the program's list of commands. */
export function helpPointer(command?: string): string {
  return command ? `(ecr-lab ${command} --help shows its usage)` : '(ecr-lab --help lists the commands)';
}

/** A directory ecr-lab keeps files in, as the user named it and how they choose another. */
export interface FilePlace {
  readonly dir: string;
  /** How the message names it: `ECR_LAB_STATE_DIR (/tmp/x)`, `--data d`. */
  readonly label: string;
  /** The other way out: `set ECR_LAB_STATE_DIR to a directory you can write`. */
  readonly choose: string;
}

/** The state dir (progress, ledger, the local ECR of the TUI and run). */
export function statePlace(env: NodeJS.ProcessEnv = process.env): FilePlace {
  const dir = stateDir(env);
  return {
    dir,
    label: env.ECR_LAB_STATE_DIR ? `ECR_LAB_STATE_DIR (${dir})` : `ecr-lab's state directory ${dir}`,
    choose: 'set ECR_LAB_STATE_DIR to a directory you can write (ecr-lab creates it if missing)',
  };
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Which permission to change: the file's own, or its directory's when it is still to be made. */
async function accessFix(f: FileAccessError): Promise<string> {
  const found = await stat(f.path).catch(() => undefined);
  // Creating, removing or moving an entry is a change to its directory.
  if (!found || f.action === 'remove' || f.action === 'create' || f.action === 'move') return `make ${dirname(f.path)} writable for you`;
  if (found.isDirectory()) return `make ${f.path} writable for you`;
  return `make ${f.path} ${f.action === 'read' ? 'readable' : 'readable and writable'} for you`;
}

/**
 * One line for a file ecr-lab could not use: what, where, and the fix. `place` is the directory
 * the user chose for it; without one, the state dir when the file is in it.
 */
export async function fileErrorLine(f: FileAccessError, place?: FilePlace): Promise<string> {
  const at = place ?? [statePlace()].find((p) => isInside(p.dir, f.path));
  const orChoose = at ? `, or ${at.choose}` : '';
  const head = `cannot ${f.action} ${f.path}`;
  if (f.code === 'ENOTDIR' || f.code === 'EEXIST') {
    const blocker = f.code === 'EEXIST' ? f.path : await fileInTheWay(f.path);
    if (at && blocker && isInside(blocker, at.dir)) return `${at.label} cannot be used: ${blocker} is a file, not a directory; ${at.choose}`;
    return `${head}: ${blocker ? `${blocker} is a file, not a directory` : f.reason}; move that file away${orChoose}`;
  }
  if (f.code === 'EISDIR') return `${head}: ${f.reason}; move that directory away${orChoose}`;
  if (f.code === 'EACCES' || f.code === 'EPERM') return `${head}: ${f.reason}; ${await accessFix(f)}${orChoose}`;
  if (f.code === 'EROFS') return `${head}: ${f.reason}; ${at?.choose ?? 'use a directory on a writable disk'}`;
  if (f.code === 'ENOSPC' || f.code === 'EDQUOT') return `${head}: ${f.reason}; nothing was changed: free some space${orChoose}`;
  return `${head}: ${f.reason}${at ? `; ${at.choose}` : ''}`;
}

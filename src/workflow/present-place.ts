// Where the presenter's notes socket lives and how followers find it: a private (0700) directory
// `<state>/present/` (or one under $XDG_RUNTIME_DIR or the temp dir when that path is too long
// for a Unix socket), and `<state>/present.json` naming the socket and the presenter's pid.
import { createHash } from 'node:crypto';
import { chmod, lstat, readFile } from 'node:fs/promises';
import { makeDir } from '../state/make-dir.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What `<state>/present.json` holds while a presenter runs. */
export interface PresentInfo {
  readonly pid: number;
  /** The Unix socket followers connect to. */
  readonly socket: string;
  readonly deckId: string;
  /** ISO time the presenter opened the channel. */
  readonly startedAt: string;
}

/** A socket directory and the socket inside it. */
export interface SocketPlace {
  readonly dir: string;
  readonly socket: string;
}

// sun_path holds 108 bytes on Linux and 104 on macOS, the terminating NUL included.
const MAX_SOCKET_BYTES = 100;

/** `<state>/present.json`. */
export function presentInfoPath(stateDir: string): string {
  return join(stateDir, 'present.json');
}

/**
 * The socket for `stateDir`: `<state>/present/notes.sock` when that is short enough, else a
 * directory named after the user and the state dir under $XDG_RUNTIME_DIR or the temp dir, so
 * that the same state dir always gets the same socket (its bind is what keeps presenters apart).
 */
export function socketPlace(stateDir: string, env: NodeJS.ProcessEnv = process.env): SocketPlace {
  const dir = join(stateDir, 'present');
  const socket = join(dir, 'notes.sock');
  if (Buffer.byteLength(socket) <= MAX_SOCKET_BYTES) return { dir, socket };
  const base = env.XDG_RUNTIME_DIR || tmpdir();
  const tag = createHash('sha256').update(stateDir).digest('hex').slice(0, 12);
  const short = join(base, `ecr-lab-${process.getuid?.() ?? 'user'}-${tag}`);
  const shortSocket = join(short, 'notes.sock');
  if (Buffer.byteLength(shortSocket) > MAX_SOCKET_BYTES) {
    throw new Error(`no socket path short enough for ${stateDir} (tried ${shortSocket}); set TMPDIR or XDG_RUNTIME_DIR to a shorter directory`);
  }
  return { dir: short, socket: shortSocket };
}

/**
 * Makes `dir` a directory only this user can enter (0700). One that exists must be a real
 * directory of this user: anything else (a symlink, another user's directory) could hand the
 * speaker notes to someone else, so it is refused rather than used.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await makeDir(dir, 0o700);
  const stat = await lstat(dir);
  const uid = process.getuid?.();
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid)) {
    throw new Error(`${dir} is not a directory of this user; remove it so ecr-lab can make a private one`);
  }
  if ((stat.mode & 0o777) !== 0o700) await chmod(dir, 0o700);
}

/** Reads present.json; undefined when it is missing, unreadable or not one. */
export async function readPresentInfo(stateDir: string): Promise<PresentInfo | undefined> {
  try {
    const data = JSON.parse(await readFile(presentInfoPath(stateDir), 'utf8')) as Partial<PresentInfo>;
    if (typeof data.pid !== 'number' || typeof data.socket !== 'string') return undefined;
    return data as PresentInfo;
  } catch {
    return undefined;
  }
}

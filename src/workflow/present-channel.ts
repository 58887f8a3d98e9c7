// The presenter's side of the notes channel: a Unix socket in a private directory that sends
// every snapshot, as one line of JSON, to each `ecr-lab notes` attached. Publishing never
// waits: a follower that does not keep up is dropped (it reconnects and gets the latest).
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { chmod, unlink } from 'node:fs/promises';
import { makeDir } from '../state/make-dir.js';
import type { PresenterSnapshot } from '../core/presenter-snapshot.js';
import { saveJson } from '../state/json-file.js';
import { isProcessAlive } from '../state/process-alive.js';
import {
  ensurePrivateDir, presentInfoPath, readPresentInfo, socketPlace, type PresentInfo,
} from './present-place.js';

/** Another presenter is alive on this state dir. */
export class PresenterRunningError extends Error {
  readonly code = 'ECRLAB_PRESENT_RUNNING';
  constructor(readonly pid: number | undefined) {
    super(`ecr-lab present is already running (pid ${pid ?? 'unknown'}); quit it first`);
  }
}

export interface PresenterChannelOptions {
  /** Written to present.json so followers can tell which talk they follow. */
  readonly deckId?: string;
  /** Bytes queued for one follower beyond which it is dropped (64 KiB unless told). */
  readonly maxBuffered?: number;
  readonly now?: () => number;
}

/** The open channel: publish snapshots, count followers, close. */
export interface PresenterChannel {
  /** The socket followers connect to. */
  readonly path: string;
  /** Sends `snapshot` to every follower now; synchronous, never throws for a follower's sake. */
  publish(snapshot: PresenterSnapshot): void;
  /** How many followers are attached. */
  followers(): number;
  /** Disconnects the followers and removes the socket and present.json (if still ours). */
  close(): Promise<void>;
}

const DEFAULT_MAX_BUFFERED = 64 * 1024;

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** True when something accepts connections on `path` (a presenter that is alive). */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createConnection(path);
    probe.once('connect', () => { probe.destroy(); resolve(true); });
    probe.once('error', () => resolve(false));
  });
}

/**
 * Binds the socket; the bind itself is the lock between presenters. A socket nobody answers
 * on was left by a presenter that was killed: it is removed and the bind tried again.
 */
async function bindExclusive(server: Server, path: string, stateDir: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await listen(server, path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      if (attempt > 0 || await answers(path)) {
        const pid = (await readPresentInfo(stateDir))?.pid;
        throw new PresenterRunningError(pid !== undefined && isProcessAlive(pid) ? pid : undefined);
      }
      await unlink(path).catch(() => undefined);
    }
  }
}

/** Opens the channel for a talk on `stateDir`; throws PresenterRunningError when one runs. */
export async function openPresenterChannel(
  stateDir: string, opts: PresenterChannelOptions = {},
): Promise<PresenterChannel> {
  const maxBuffered = opts.maxBuffered ?? DEFAULT_MAX_BUFFERED;
  await makeDir(stateDir);
  const place = socketPlace(stateDir);
  await ensurePrivateDir(place.dir);
  const sockets = new Set<Socket>();
  let latest: string | undefined;
  const drop = (socket: Socket): void => {
    sockets.delete(socket);
    socket.destroy();
  };
  const send = (socket: Socket, line: string): void => {
    if (socket.writableLength > maxBuffered) return drop(socket);
    socket.write(line);
  };
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => drop(socket));
    socket.on('close', () => sockets.delete(socket));
    // Followers send nothing; reading lets a follower's hang-up be noticed at once.
    socket.resume();
    if (latest !== undefined) send(socket, latest);
  });
  await bindExclusive(server, place.socket, stateDir);
  const info: PresentInfo = {
    pid: process.pid, socket: place.socket, deckId: opts.deckId ?? '', startedAt: new Date((opts.now ?? Date.now)()).toISOString(),
  };
  try {
    await chmod(place.socket, 0o600);
    await saveJson(presentInfoPath(stateDir), info);
  } catch (err) {
    server.close();
    throw err;
  }
  let closing: Promise<void> | undefined;
  return {
    path: place.socket,
    publish(snapshot) {
      latest = `${JSON.stringify(snapshot)}\n`;
      for (const socket of sockets) send(socket, latest);
    },
    followers: () => sockets.size,
    close: () => (closing ??= closeChannel(server, sockets, stateDir, info)),
  };
}

async function closeChannel(server: Server, sockets: Set<Socket>, stateDir: string, info: PresentInfo): Promise<void> {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  // Closing the server unlinks the socket file (libuv does it for a bound pipe).
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const now = await readPresentInfo(stateDir);
  // A presenter that took over after ours lost its socket owns present.json now: leave it.
  if (now && now.pid === info.pid && now.startedAt === info.startedAt) {
    await unlink(presentInfoPath(stateDir)).catch(() => undefined);
  }
}

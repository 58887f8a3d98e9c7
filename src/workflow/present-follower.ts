// The follower's side of the notes channel: finds the presenter through present.json, reads
// its snapshots line by line, and while no presenter runs (or after it quits) keeps trying,
// so `ecr-lab notes` may start before `ecr-lab present` and outlive a restart of it.
import { createConnection, type Socket } from 'node:net';
import { parseSnapshot, type PresenterSnapshot } from '../core/presenter-snapshot.js';
import { readPresentInfo } from './present-place.js';

/** `waiting`: no presenter answers; `connected`: snapshots arrive. */
export type FollowStatus = 'waiting' | 'connected';

export interface FollowOptions {
  readonly onSnapshot: (snapshot: PresenterSnapshot) => void;
  readonly onStatus?: (status: FollowStatus) => void;
  /** How long to wait between attempts to find a presenter (500 ms unless told). */
  readonly retryMs?: number;
}

/** A running follower. */
export interface Follower {
  close(): void;
}

// A snapshot is a few KiB; a line far past this is not one, and is not kept in memory.
const MAX_LINE = 1024 * 1024;

/** Follows the presenter of `stateDir` until closed; reports `waiting` first unless connected at once. */
export function followPresenter(stateDir: string, opts: FollowOptions): Follower {
  const retryMs = opts.retryMs ?? 500;
  let status: FollowStatus | undefined;
  let socket: Socket | undefined;
  let timer: NodeJS.Timeout | undefined;
  let isClosed = false;
  const report = (next: FollowStatus): void => {
    if (next === status || isClosed) return;
    status = next;
    opts.onStatus?.(next);
  };
  const retry = (): void => {
    socket = undefined;
    if (isClosed) return;
    report('waiting');
    timer = setTimeout(attempt, retryMs);
  };
  const attempt = (): void => {
    timer = undefined;
    void readPresentInfo(stateDir).then((info) => {
      if (isClosed) return;
      if (!info) return retry();
      socket = connect(info.socket, {
        onConnect: () => report('connected'),
        onSnapshot: (snapshot) => { if (!isClosed) opts.onSnapshot(snapshot); },
        onGone: retry,
      });
    });
  };
  attempt();
  return {
    close() {
      isClosed = true;
      if (timer) clearTimeout(timer);
      socket?.destroy();
    },
  };
}

interface ConnectionEvents {
  readonly onConnect: () => void;
  readonly onSnapshot: (s: PresenterSnapshot) => void;
  /** Called once, when the connection ends or fails. */
  readonly onGone: () => void;
}

/** Connects to `path` and calls `onSnapshot` per line of JSON that is a snapshot. */
function connect(path: string, { onConnect, onSnapshot, onGone }: ConnectionEvents): Socket {
  const socket = createConnection(path);
  socket.once('connect', onConnect);
  let buffered = '';
  let isGone = false;
  const gone = (): void => {
    if (isGone) return;
    isGone = true;
    socket.destroy();
    onGone();
  };
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    let end = buffered.indexOf('\n');
    while (end >= 0) {
      const snapshot = parseSnapshot(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      // A line this version does not know is skipped: the next snapshot is whole again.
      if (snapshot) onSnapshot(snapshot);
      end = buffered.indexOf('\n');
    }
    if (buffered.length > MAX_LINE) gone();
  });
  socket.on('error', gone);
  socket.on('close', gone);
  return socket;
}

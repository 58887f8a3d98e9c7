// The notes channel end to end over real Unix sockets: fan-out, late join, stuck and dead
// followers, one presenter per state dir, private directories and cleaning up.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openPresenterChannel, type PresenterChannel } from '../../src/workflow/present-channel.js';
import { followPresenter, type Follower, type FollowStatus } from '../../src/workflow/present-follower.js';
import { presentInfoPath } from '../../src/workflow/present-place.js';
import { snapshot } from './present-fixture.js';

async function until(predicate: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

interface Seen {
  readonly slides: number[];
  readonly statuses: FollowStatus[];
  readonly follower: Follower;
}

let dir: string;
const open: { channels: PresenterChannel[]; followers: Follower[]; sockets: Socket[] } = { channels: [], followers: [], sockets: [] };

function follow(stateDir = dir): Seen {
  const slides: number[] = [];
  const statuses: FollowStatus[] = [];
  const follower = followPresenter(stateDir, { onSnapshot: (s) => slides.push(s.slide), onStatus: (s) => statuses.push(s), retryMs: 20 });
  open.followers.push(follower);
  return { slides, statuses, follower };
}

async function channel(stateDir = dir): Promise<PresenterChannel> {
  const c = await openPresenterChannel(stateDir, { deckId: 'seminar' });
  open.channels.push(c);
  return c;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-lab-present-'));
});

afterEach(async () => {
  for (const f of open.followers.splice(0)) f.close();
  for (const s of open.sockets.splice(0)) s.destroy();
  for (const c of open.channels.splice(0)) await c.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the presenter channel', () => {
  it('sends every change to every follower, in order', async () => {
    const c = await channel();
    const a = follow();
    const b = follow();
    await until(() => c.followers() === 2, 'two followers');
    for (const n of [0, 1, 2]) c.publish(snapshot(n));
    await until(() => a.slides.length === 3 && b.slides.length === 3, 'three slides each');
    expect(a.slides).toEqual([0, 1, 2]);
    expect(b.slides).toEqual([0, 1, 2]);
    expect(a.statuses).toEqual(['connected']);
  });

  it('gives a follower that joins late the current slide at once', async () => {
    const c = await channel();
    c.publish(snapshot(4));
    c.publish(snapshot(5));
    const late = follow();
    await until(() => late.slides.length > 0, 'the late follower to catch up');
    expect(late.slides).toEqual([5]);
  });

  it('drops a follower that never reads, without slowing publish', async () => {
    const notes = 'x'.repeat(2048);
    const c = await channel();
    const healthy = follow();
    await until(() => c.followers() === 1, 'the healthy follower');
    // Publishing in small bursts leaves the healthy follower (in this process) time to read.
    const burst = async (count: number): Promise<number> => {
      let spent = 0;
      for (let i = 0; i < count; i++) {
        const start = performance.now();
        const result: unknown = c.publish(snapshot(i % 12, { notes }));
        spent += performance.now() - start;
        expect(result).toBeUndefined();
        if (i % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
      }
      return spent;
    };
    const alone = await burst(1000);
    const stuck = createConnection(c.path);
    open.sockets.push(stuck);
    let isStuckClosed = false;
    stuck.on('close', () => { isStuckClosed = true; });
    stuck.on('error', () => undefined);
    stuck.pause();
    await until(() => c.followers() === 2, 'the stuck follower to attach');
    const withStuck = await burst(1000);
    // Past the 64 KiB bound (after the kernel's own buffer) the stuck follower is let go.
    expect(c.followers()).toBe(1);
    // Reading again, it finds the presenter hung up on it after what was queued.
    stuck.resume();
    await until(() => isStuckClosed, 'the stuck follower to be disconnected');
    expect(withStuck).toBeLessThan(alone * 5 + 50);
    const before = healthy.slides.length;
    c.publish(snapshot(11));
    await until(() => healthy.slides.length > before && healthy.slides.at(-1) === 11, 'the healthy follower to keep up');
  });

  it('carries on when a follower dies, for the others and for the presenter', async () => {
    const c = await channel();
    const alive = follow();
    const doomed = spawn(process.execPath, ['-e',
      `require('net').createConnection(${JSON.stringify(c.path)}, () => console.log('attached')); setInterval(() => {}, 1000)`]);
    await new Promise((resolve) => doomed.stdout.once('data', resolve));
    await until(() => c.followers() === 2, 'two followers');
    doomed.kill('SIGKILL');
    c.publish(snapshot(1));
    c.publish(snapshot(2));
    await until(() => c.followers() === 1, 'the dead follower to be forgotten');
    await until(() => alive.slides.at(-1) === 2, 'the live follower to see slide 3');
  });

  it('refuses a second presenter on the same state dir in one line', async () => {
    await channel();
    await expect(openPresenterChannel(dir)).rejects.toThrow(
      `ecr-lab present is already running (pid ${process.pid}); quit it first`);
  });

  it('takes over the socket and present.json of a presenter that was killed', async () => {
    await mkdir(join(dir, 'present'), { recursive: true, mode: 0o700 });
    const socket = join(dir, 'present', 'notes.sock');
    const killed = spawnSync(process.execPath, ['-e',
      `require('net').createServer().listen(${JSON.stringify(socket)}, () => { console.log(process.pid); process.kill(process.pid, 'SIGKILL'); })`]);
    const deadPid = Number(String(killed.stdout).trim());
    await writeFile(presentInfoPath(dir), JSON.stringify({ pid: deadPid, socket, deckId: 'old', startedAt: '2026-01-01T00:00:00Z' }));
    expect((await lstat(socket)).isSocket()).toBe(true);
    const c = await channel();
    const info = JSON.parse(await readFile(presentInfoPath(dir), 'utf8')) as { pid: number; socket: string; deckId: string };
    expect(info).toMatchObject({ pid: process.pid, socket: c.path, deckId: 'seminar' });
    const f = follow();
    c.publish(snapshot(3));
    await until(() => f.slides.includes(3), 'a follower of the new presenter');
  });

  it('keeps the socket in a 0700 directory, and the socket 0600', async () => {
    await mkdir(join(dir, 'present'), { mode: 0o755 });
    const c = await channel();
    expect(dirname(c.path)).toBe(join(dir, 'present'));
    expect((await stat(dirname(c.path))).mode & 0o777).toBe(0o700);
    expect((await stat(c.path)).mode & 0o777).toBe(0o600);
  });

  it('refuses a socket directory that is a symlink, which could lead elsewhere', async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'ecr-lab-elsewhere-'));
    try {
      await symlink(elsewhere, join(dir, 'present'));
      await expect(openPresenterChannel(dir)).rejects.toThrow(
        `${join(dir, 'present')} is not a directory of this user; remove it so ecr-lab can make a private one`);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it('puts the socket under XDG_RUNTIME_DIR when the state dir is too long for one', async () => {
    const runtime = join(dir, 'run');
    await mkdir(runtime, { mode: 0o700 });
    vi.stubEnv('XDG_RUNTIME_DIR', runtime);
    try {
      const deep = join(dir, 'a-long-directory-name-for-the-state'.repeat(3));
      const c = await channel(deep);
      expect(dirname(dirname(c.path))).toBe(runtime);
      expect((await stat(dirname(c.path))).mode & 0o777).toBe(0o700);
      const info = JSON.parse(await readFile(presentInfoPath(deep), 'utf8')) as { socket: string };
      expect(info.socket).toBe(c.path);
      const f = follow(deep);
      c.publish(snapshot(7));
      await until(() => f.slides.includes(7), 'a follower through present.json');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('removes the socket and present.json on close, and followers wait again', async () => {
    const c = await channel();
    const f = follow();
    await until(() => f.statuses.includes('connected'), 'the follower to connect');
    await c.close();
    await c.close();
    expect(existsSync(c.path)).toBe(false);
    expect(existsSync(presentInfoPath(dir))).toBe(false);
    await until(() => f.statuses.at(-1) === 'waiting', 'the follower to wait');
  });

  it('leaves present.json alone on close when another presenter wrote it since', async () => {
    const c = await channel();
    const other = JSON.stringify({ pid: 1, socket: '/elsewhere', deckId: 'other', startedAt: '2026-01-01T00:00:00Z' });
    await writeFile(presentInfoPath(dir), other);
    await c.close();
    expect(await readFile(presentInfoPath(dir), 'utf8')).toBe(other);
  });
});

describe('following the presenter', () => {
  it('waits for a presenter, follows it, and follows the next one after a restart', async () => {
    const f = follow();
    await until(() => f.statuses.includes('waiting'), 'the waiting status');
    const first = await channel();
    first.publish(snapshot(0));
    await until(() => f.slides.includes(0), 'the first presenter');
    await first.close();
    await until(() => f.statuses.at(-1) === 'waiting', 'waiting after the presenter quit');
    const second = await channel();
    second.publish(snapshot(9));
    await until(() => f.slides.includes(9), 'the restarted presenter');
    expect(f.statuses).toEqual(['waiting', 'connected', 'waiting', 'connected']);
  });

  it('skips a line that is not a snapshot and keeps reading', async () => {
    const socket = join(dir, 'fake.sock');
    const server = createServer((s) => {
      s.write('not json\n{"version":2}\n');
      s.write(`${JSON.stringify(snapshot(6)).slice(0, 20)}`);
      s.write(`${JSON.stringify(snapshot(6)).slice(20)}\n`);
    });
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      await writeFile(presentInfoPath(dir), JSON.stringify({ pid: process.pid, socket, deckId: 'x', startedAt: 'now' }));
      const f = follow();
      await until(() => f.slides.length > 0, 'the one real snapshot');
      expect(f.slides).toEqual([6]);
    } finally {
      server.close();
    }
  });
});

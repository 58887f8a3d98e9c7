// The kept first frame in a real pseudo-terminal, with the built CLI: a session that quits keeps
// the frame the next start draws, the next start draws it at once and Ink then writes
// nothing over it, bin/ecr-lab.js draws it before the ES module build has loaded, and a kept
// frame that no longer fits is erased and replaced by Ink's.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PTY_START } from './pty-start.js';
import { eraseFrame } from '../../src/cli/first-frame.js';

const CLI = join(import.meta.dirname, '../../bin/ecr-lab.js');

// Starts the CLI in an 80x24 pty, waits for the local ECR, sends `keys` one by one (each after `after`), then
// waits for the exit. Prints the output (base64) and the exit status.
const DRIVER = String.raw`${PTY_START}
import base64, re, select, time
def pump(until, timeout=30):
    global buf
    deadline = time.time() + timeout
    while not re.search(until.encode(), buf):
        if time.time() > deadline:
            raise SystemExit('timed out waiting for ' + until + ': ' + repr(buf[-300:]))
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return
            buf += chunk
pump('local ECR 127')
for key, after in spec['keys']:
    os.write(fd, key.encode())
    if after:
        pump(after)
status = None
deadline = time.time() + 15
while status is None and time.time() < deadline:
    done, st = os.waitpid(pid, os.WNOHANG)
    if done:
        status = os.waitstatus_to_exitcode(st)
    else:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                buf += os.read(fd, 65536)
            except OSError:
                pass
print(json.dumps({'out': base64.b64encode(buf).decode(), 'status': status}))
`;

interface Session {
  readonly out: string;
  readonly status: number | null;
}

function session(env: Record<string, string>, keys: [string, string | null][]): Session {
  const r = spawnSync('python3', ['-c', DRIVER, JSON.stringify({ argv: [process.execPath, CLI, '--engine', 'builtin'], env: { TERM: 'xterm-256color', ...env }, keys })], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`pty driver: ${r.stderr || r.stdout}`);
  const parsed = JSON.parse(r.stdout.trim().split('\n').pop()!) as { out: string; status: number | null };
  // The terminal turns each \n into \r\n (onlcr): back to what the program wrote.
  return { ...parsed, out: Buffer.from(parsed.out, 'base64').toString('utf8').replaceAll('\r\n', '\n') };
}

/** A kept frame's file: the key on the first line, then the bytes drawn. */
function keptBytes(file: string): string {
  const text = readFileSync(file, 'utf8');
  return text.slice(text.indexOf('\n') + 1);
}

function dirs() {
  const base = mkdtempSync(join(tmpdir(), 'ecr-lab-frame-'));
  return { state: join(base, 'state'), cache: join(base, 'cache'), frames: join(base, 'cache', 'ecr-lab', 'frames') };
}

it('a session that quits in a lesson keeps the frame the next start draws first, and Ink writes nothing over it', () => {
  const d = dirs();
  const env = { ECR_LAB_STATE_DIR: d.state, XDG_CACHE_HOME: d.cache, DOCKER_CONFIG: join(d.state, 'docker') };
  // Open lesson 2 and turn a page: the next start resumes there.
  const first = session(env, [['\u001b[B', '❯ +2\\.'], ['\r', 'page 1/'], ['\u001b[C', 'page 2/'], ['q', null]]);
  expect(first.status).toBe(0);
  const kept = readdirSync(d.frames);
  // This start's own first frame (the list) and the next start's (lesson 2, page 2).
  expect(kept).toHaveLength(2);

  const second = session(env, [['q', null]]);
  expect(second.status).toBe(0);
  const frames = kept.map((k) => keptBytes(join(d.frames, k)));
  const drawn = frames.find((f) => second.out.startsWith(f));
  expect(drawn, 'the start drew a kept frame first').toBeDefined();
  expect(drawn).toContain('page 2/');
  expect(drawn).toContain('local ECR (starting…)');
  // Raw mode comes a moment after the frame (making process.stdin costs it ms): the last test.
  // Ink's first frame was the same bytes: written once, never erased.
  expect(second.out.indexOf(drawn!, 1)).toBe(-1);
  expect(second.out).not.toContain(eraseFrame(drawn!));
  // The frame then moves on as usual (the local ECR came up).
  expect(second.out).toContain('local ECR 127.0.0.1');
});

it('a kept frame that no longer fits is erased, Ink draws its own, and that one is kept', () => {
  const d = dirs();
  const env = { ECR_LAB_STATE_DIR: d.state, XDG_CACHE_HOME: d.cache, DOCKER_CONFIG: join(d.state, 'docker') };
  expect(session(env, [['q', null]]).status).toBe(0);
  const [name] = readdirSync(d.frames);
  const file = join(d.frames, name!);
  const kept = readFileSync(file, 'utf8');
  const good = keptBytes(file);
  const stale = good.replace('Lessons', 'Stale!!');
  writeFileSync(file, kept.replace(good, stale));

  const again = session(env, [['q', null]]);
  expect(again.status).toBe(0);
  expect(again.out.startsWith(stale)).toBe(true);
  expect(again.out.slice(stale.length).startsWith(`${eraseFrame(stale)}${good}`)).toBe(true);
  expect(readFileSync(file, 'utf8')).toBe(kept);
});

it('ECR_LAB_FRAME_CACHE=0 keeps nothing and draws through Ink alone', () => {
  const d = dirs();
  const env = { ECR_LAB_STATE_DIR: d.state, XDG_CACHE_HOME: d.cache, DOCKER_CONFIG: join(d.state, 'docker'), ECR_LAB_FRAME_CACHE: '0' };
  expect(session(env, [['q', null]]).status).toBe(0);
  expect(() => readdirSync(d.frames)).toThrow();
});

// Starts spec.argv in a pty, reads until spec.until appears (or the time is up) and then for
// half a second more, notes whether the terminal is in raw mode, kills the program and prints
// the output (base64).
const UNTIL = String.raw`${PTY_START}
import base64, re, select, signal, time
def read_for(seconds, until=None):
    global buf
    deadline = time.time() + seconds
    while time.time() < deadline and not (until and re.search(until.encode(), buf)):
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                buf += os.read(fd, 65536)
            except OSError:
                return
read_for(spec['seconds'], spec['until'])
read_for(0.5)
raw = not (termios.tcgetattr(fd)[3] & termios.ICANON)
os.kill(pid, signal.SIGKILL)
print(json.dumps({'out': base64.b64encode(buf).decode(), 'raw': raw}))
`;

it('bin/ecr-lab.js draws the kept frame, in raw mode, before the ES module build loads', () => {
  const d = dirs();
  const env = { ECR_LAB_STATE_DIR: d.state, XDG_CACHE_HOME: d.cache, DOCKER_CONFIG: join(d.state, 'docker') };
  expect(session(env, [['q', null]]).status).toBe(0);
  const [name] = readdirSync(d.frames);
  const good = keptBytes(join(d.frames, name!));

  // The same package, but its ES module build never finishes loading: only bin/ecr-lab.js and
  // dist/early-frame.cjs can draw anything. The lessons are the same files (their mtimes count).
  const root = join(import.meta.dirname, '../..');
  const copy = mkdtempSync(join(tmpdir(), 'ecr-lab-early-'));
  for (const part of ['package.json', 'bin/package.json', 'bin/ecr-lab.js', 'dist/early-frame.cjs']) {
    mkdirSync(join(copy, part, '..'), { recursive: true });
    copyFileSync(join(root, part), join(copy, part));
  }
  symlinkSync(join(root, 'lessons'), join(copy, 'lessons'));
  writeFileSync(join(copy, 'dist/main.js'), 'setInterval(() => {}, 1000);\n');

  const spec = { argv: [process.execPath, join(copy, 'bin/ecr-lab.js'), '--engine', 'builtin'], env: { TERM: 'xterm-256color', ...env }, until: 'Lessons', seconds: 20 };
  const r = spawnSync('python3', ['-c', UNTIL, JSON.stringify(spec)], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`pty driver: ${r.stderr || r.stdout}`);
  const { out, raw } = JSON.parse(r.stdout.trim().split('\n').pop()!) as { out: string; raw: boolean };
  expect(Buffer.from(out, 'base64').toString('utf8').replaceAll('\r\n', '\n')).toBe(good);
  // Keys typed while it waits for Ink do not echo into it.
  expect(raw).toBe(true);
});

// Ctrl-C at any moment of the lesson TUI's start, in a real pseudo-terminal: before Ink reads keys
// the terminal turns it into SIGINT for the process group, afterwards it arrives as a key. Each
// moment must quit as Ctrl-C in the running TUI does (status 0), promptly, with the local ECR
// closed: no process left in the group, nothing listening on its port, no admin file left.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PTY_START } from './pty-start.js';

const CLI = join(import.meta.dirname, '../../bin/ecr-lab.js');

// A preload that only observes: it writes `marker` once the first SIGINT listener is added,
// which is ecr-lab's own when the screen command starts, before Ink is even loaded. Written
// after the listener is on: Node takes SIGINT over from the kernel's default only then, and a
// marker written before let a loaded machine deliver the test's SIGINT in between.
const OBSERVER = String.raw`
import { writeFileSync } from 'node:fs';
const on = process.on;
let told = false;
process.on = function (event, ...rest) {
  const added = on.call(this, event, ...rest);
  if (event === 'SIGINT' && !told) { told = true; writeFileSync(process.env.SIGINT_MARKER, 'listening'); }
  return added;
};
`;

// Starts the CLI in a pty, waits for `wait` (a marker file, or a pattern in the output), then
// sends Ctrl-C either as the terminal does (SIGINT to the group: `signal`) or as a key (`key`),
// and reports how the process ended, how long it took, and what is left behind.
const DRIVER = String.raw`${PTY_START}
import re, select, signal, socket, time
def pump(timeout):
    global buf
    r, _, _ = select.select([fd], [], [], timeout)
    if r:
        try:
            buf += os.read(fd, 65536)
        except OSError:
            time.sleep(timeout)
deadline = time.time() + 30
while True:
    if spec['wait'].get('file') and os.path.exists(spec['wait']['file']):
        break
    raw = not (termios.tcgetattr(fd)[3] & termios.ISIG)
    if spec['wait'].get('output') and re.search(spec['wait']['output'].encode(), buf) and (raw or not spec['wait'].get('raw')):
        break
    if time.time() > deadline:
        os.killpg(pid, signal.SIGKILL)
        raise SystemExit('timed out waiting for ' + json.dumps(spec['wait']) + '; output: ' + repr(buf[-300:]))
    pump(0.005)
drawn = b'Lessons' in buf
if spec['send'] == 'signal':
    os.killpg(pid, signal.SIGINT)
else:
    os.write(fd, b'\x03')
sent = time.time()
status = None
while time.time() - sent < 15:
    done, st = os.waitpid(pid, os.WNOHANG)
    if done:
        status = st
        break
    pump(0.02)
result = {'drawnBefore': drawn, 'seconds': time.time() - sent}
if status is None:
    result['stuck'] = repr(buf[-300:])
    os.killpg(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
else:
    result['code'] = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
    result['signal'] = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    try:
        os.killpg(pid, 0)
        result['groupLeft'] = True
    except ProcessLookupError:
        result['groupLeft'] = False
    lflag = termios.tcgetattr(fd)[3]
    result['terminalRestored'] = bool(lflag & termios.ICANON) and bool(lflag & termios.ECHO) and bool(lflag & termios.ISIG)
try:
    port = json.load(open(os.path.join(spec['state'], 'local-ecr-port.json')))['port']
    s = socket.socket()
    try:
        s.connect(('127.0.0.1', port))
        result['portOpen'] = True
    except OSError:
        result['portOpen'] = False
    finally:
        s.close()
except FileNotFoundError:
    result['portOpen'] = False
print(json.dumps(result))
`;

interface Ending {
  readonly drawnBefore: boolean;
  readonly seconds: number;
  readonly stuck?: string;
  readonly code?: number | null;
  readonly signal?: number | null;
  readonly groupLeft?: boolean;
  readonly terminalRestored?: boolean;
  readonly portOpen: boolean;
}

/** The marker file (our SIGINT listener is on), or a pattern in the output (and Ink in raw mode). */
type Wait = { readonly file: true } | { readonly output: string; readonly raw?: boolean };

/** `cache`: the XDG cache dir, where a frame kept by an earlier start is drawn early; a new empty one otherwise. */
function interrupt(wait: Wait, send: 'signal' | 'key', cache?: string): { ending: Ending; state: string } {
  const state = mkdtempSync(join(tmpdir(), 'ecr-lab-sigint-'));
  const observer = join(state, 'observer.mjs');
  writeFileSync(observer, OBSERVER);
  const marker = join(state, 'sigint-listener');
  const env = {
    ECR_LAB_STATE_DIR: state, DOCKER_CONFIG: join(state, 'docker'), TERM: 'xterm-256color', FORCE_COLOR: '0',
    SIGINT_MARKER: marker, NODE_OPTIONS: `--import=${observer}`, XDG_CACHE_HOME: cache ?? join(state, 'cache'),
  };
  const spec = {
    argv: [process.execPath, CLI, '--engine', 'builtin'], env, state, send,
    wait: 'file' in wait ? { file: marker } : wait,
  };
  const r = spawnSync('python3', ['-c', DRIVER, JSON.stringify(spec)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pty driver failed: ${r.stderr || r.stdout}`);
  return { ending: JSON.parse(r.stdout.trim().split('\n').pop()!) as Ending, state };
}

function expectCleanQuit({ ending, state }: { ending: Ending; state: string }): void {
  expect(ending.stuck).toBeUndefined();
  expect({ code: ending.code, signal: ending.signal }).toEqual({ code: 0, signal: null });
  expect(ending.seconds).toBeLessThan(10);
  expect(ending.groupLeft).toBe(false);
  expect(ending.terminalRestored).toBe(true);
  expect(ending.portOpen).toBe(false);
  expect(readdirSync(state).filter((f) => f.startsWith('local-ecr-admin-'))).toEqual([]);
}

it('SIGINT before the first frame (while Ink loads) quits without drawing', () => {
  const run = interrupt({ file: true }, 'signal');
  expect(run.ending.drawnBefore).toBe(false);
  expectCleanQuit(run);
});

it('SIGINT right after the first frame, while the local ECR starts, quits with it closed', () => {
  expectCleanQuit(interrupt({ output: 'Lessons' }, 'signal'));
});

it('Ctrl-C typed right after the first frame quits, whether it comes as a key or as SIGINT', () => {
  expectCleanQuit(interrupt({ output: 'Lessons' }, 'key'));
});

it('Ctrl-C as a key (Ink in raw mode) while the local ECR starts quits, and later frames mount nothing again', () => {
  expectCleanQuit(interrupt({ output: String.raw`local ECR \(starting`, raw: true }, 'key'));
});

it('Ctrl-C, as a key or as SIGINT, right after a kept first frame that bin/ecr-lab.js drew (cooked mode, Ink not loaded) quits', () => {
  const cache = mkdtempSync(join(tmpdir(), 'ecr-lab-sigint-cache-'));
  // A start that gets as far as the local ECR keeps its first frame for the next.
  expectCleanQuit(interrupt({ output: String.raw`local ECR 127\.0\.0\.1:\d+` }, 'signal', cache));
  for (const send of ['key', 'signal'] as const) {
    const run = interrupt({ output: 'Lessons' }, send, cache);
    expect(run.ending.drawnBefore).toBe(true);
    expectCleanQuit(run);
  }
});

it('SIGINT once the local ECR is up quits with it closed', () => {
  expectCleanQuit(interrupt({ output: String.raw`local ECR 127\.0\.0\.1:\d+` }, 'signal'));
});

// The benches' pseudo-terminal: a small Python pty driver that starts a program in a pty of a
// given size, times its first frame (until a pattern appears) and each key press (until the
// pattern for the next frame appears), then quits it with q (or, given `kill`, ends its process group at once). Python's pty module because Node
// has none (node-pty is a native build).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const DRIVER = String.raw`
import fcntl, json, os, pty, re, select, signal, struct, sys, termios, time
spec = json.loads(sys.argv[1])
start = time.perf_counter()
pid, fd = pty.fork()
if pid == 0:
    os.execvpe(spec['argv'][0], spec['argv'], {**os.environ, **spec['env']})
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', spec['rows'], spec['columns'], 0, 0))
buf = b''
def wait_for(pattern, since, timeout=20.0):
    global buf
    rx = re.compile(pattern.encode())
    deadline = time.perf_counter() + timeout
    while True:
        m = rx.search(buf, since)
        if m:
            return time.perf_counter(), m.end()
        left = deadline - time.perf_counter()
        if left <= 0:
            raise SystemExit('timed out waiting for ' + pattern + '; last output: ' + repr(buf[-400:]))
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                buf += os.read(fd, 65536)
            except OSError:
                raise SystemExit('the program ended while waiting for ' + pattern)
t, pos = wait_for(spec['first'], 0)
result = {'first': (t - start) * 1000, 'keys': []}
def idle(seconds):
    # Reads what the program writes meanwhile, so that it never blocks on a full pty.
    global buf
    end = time.perf_counter() + seconds
    while True:
        left = end - time.perf_counter()
        if left <= 0:
            return
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                buf += os.read(fd, 65536)
            except OSError:
                return
for step in spec['steps']:
    if step.get('settle'):
        t, pos = wait_for(step['settle'], pos)
    if step.get('pause'):
        idle(step['pause'])
    sent = time.perf_counter()
    mark = len(buf)
    os.write(fd, step['key'].encode())
    t, pos = wait_for(step['expect'], mark)
    if step.get('measure', True):
        result['keys'].append((t - sent) * 1000)
if spec.get('kill'):
    # Only the first frame was wanted: end the whole process group (npm, its shell, the CLI).
    os.killpg(pid, signal.SIGKILL)
else:
    os.write(fd, b'q')
deadline = time.time() + 5
while time.time() < deadline:
    done, _ = os.waitpid(pid, os.WNOHANG)
    if done:
        break
    try:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            os.read(fd, 65536)
    except OSError:
        pass
else:
    os.killpg(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
print(json.dumps(result))
`;

/**
 * Runs `spec.argv` in a pty (`spec.columns` x `spec.rows`, 80x24 unless given) with the state
 * dir `state`; `spec.cwd` is its working directory; returns { first, keys } in milliseconds.
 */
export function drivePty(spec, state) {
  const env = { ECR_LAB_STATE_DIR: state, DOCKER_CONFIG: join(state, 'docker'), TERM: 'xterm-256color' };
  const r = spawnSync('python3', ['-c', DRIVER, JSON.stringify({ columns: 80, rows: 24, ...spec, env: { ...env, ...spec.env } })], { encoding: 'utf8', cwd: spec.cwd });
  if (r.status !== 0) throw new Error(`pty driver failed: ${r.stderr || r.stdout}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}


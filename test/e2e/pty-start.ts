// The start every Python pty driver of the e2e tests shares: reads the JSON spec from argv,
// forks the program (spec.argv, with spec.env over this environment) in a pty of spec.rows x
// spec.columns (80x24 unless given), and
// leaves `pid`, `fd` and an empty output buffer `buf`. Each driver then imports what it needs
// besides and goes on from here.
export const PTY_START = String.raw`
import fcntl, json, os, pty, struct, sys, termios
spec = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execvpe(spec['argv'][0], spec['argv'], {**os.environ, **spec['env']})
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', spec.get('rows', 24), spec.get('columns', 80), 0, 0))
buf = b''
`;

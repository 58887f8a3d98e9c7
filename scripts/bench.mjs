// `npm run bench`: start-up costs of the built CLI as ratios to `node -e 0`, measured in one
// run so that the machine's noise hits both sides alike. Prints medians of N runs.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const cli = new URL('../bin/ecr-lab.js', import.meta.url).pathname;
const env = { ...process.env, ECR_LAB_STATE_DIR: mkdtempSync(join(tmpdir(), 'ecr-lab-bench-')), NO_COLOR: '1' };

function wholeProcess(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Time until the TUI has drawn its first frame, read from a pseudo-terminal (script(1)).
 * The whole process group is killed and waited for, so nothing it started (the local ECR,
 * a `docker version` probe) keeps running into the next measurement.
 */
function firstFrame(command = `${process.execPath} ${cli}`) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      env: { ...env, COLUMNS: '80', LINES: '24', TERM: 'xterm-256color' }, stdio: ['pipe', 'pipe', 'inherit'], detached: true,
    });
    let seen = '';
    let ms;
    child.stdout.on('data', (chunk) => {
      seen += chunk.toString();
      if (ms === undefined && seen.includes('Lessons')) {
        ms = Number(process.hrtime.bigint() - start) / 1e6;
        process.kill(-child.pid, 'SIGKILL');
      }
    });
    child.on('exit', () => (ms === undefined ? reject(new Error(`no first frame; saw: ${seen.slice(0, 300)}`)) : resolve(ms)));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const subjects = [
  ['node -e 0', () => wholeProcess(['-e', '0'])],
  ['ecr-lab lessons', () => wholeProcess([cli, 'lessons'])],
  ['node printing one line in the same pty', () => firstFrame(`${process.execPath} -e "console.log('Lessons')"`)],
  ['ecr-lab first frame (TUI, 80x24)', () => firstFrame()],
  ['ecr-lab run all --engine builtin', () => wholeProcess([cli, 'run', 'all', '--engine', 'builtin'])],
];
const targets = { 'ecr-lab lessons': 1.5, 'ecr-lab first frame (TUI, 80x24)': 2, 'ecr-lab run all --engine builtin': 4 };

// Round-robin: every round runs each subject once, so load on the machine hits all alike.
const times = new Map(subjects.map(([label]) => [label, []]));
for (let i = 0; i < RUNS; i++) {
  for (const [label, fn] of subjects) times.get(label).push(await fn());
}
const base = median(times.get('node -e 0'));
console.log(`median of ${RUNS} rounds; each round runs every subject once; baseline node -e 0 = ${base.toFixed(1)} ms`);
const ptyBase = median(times.get('node printing one line in the same pty'));
for (const [label] of subjects) {
  const ms = median(times.get(label));
  const target = targets[label] ? `  (target <= ${targets[label]}x)` : '';
  const pty = label.includes('first frame') ? `, ${(ms / ptyBase).toFixed(2)}x the pty baseline` : '';
  console.log(`${label.padEnd(40)} ${ms.toFixed(1).padStart(8)} ms  ${(ms / base).toFixed(2)}x${pty}${target}`);
}

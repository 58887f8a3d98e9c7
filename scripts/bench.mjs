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

/** Time until the TUI has drawn its first frame, read from a pseudo-terminal (script(1)). */
function firstFrame() {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn('script', ['-qfec', `${process.execPath} ${cli}`, '/dev/null'], {
      env: { ...env, COLUMNS: '80', LINES: '24', TERM: 'xterm-256color' }, stdio: ['pipe', 'pipe', 'inherit'],
    });
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk.toString();
      if (seen.includes('Lessons')) {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        child.kill('SIGKILL');
        resolve(ms);
      }
    });
    child.on('exit', () => setTimeout(() => reject(new Error(`no first frame; saw: ${seen.slice(0, 300)}`)), 50));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(label, fn) {
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(await fn());
  return { label, ms: median(times) };
}

const rows = [];
// Interleave baseline and subject so drift affects both.
const baseline = await measure('node -e 0', () => wholeProcess(['-e', '0']));
rows.push(baseline);
rows.push(await measure('ecr-lab lessons', () => wholeProcess([cli, 'lessons'])));
rows.push(await measure('ecr-lab first frame', () => firstFrame()));
const again = await measure('node -e 0 (again)', () => wholeProcess(['-e', '0']));
rows.push(again);
const base = (baseline.ms + again.ms) / 2;
const extra = process.argv.includes('--run-all');
if (extra) rows.push(await measure('ecr-lab run all --engine builtin', () => wholeProcess([cli, 'run', 'all', '--engine', 'builtin'])));

console.log(`median of ${RUNS} runs each; baseline node -e 0 = ${base.toFixed(1)} ms`);
for (const r of rows) console.log(`${r.label.padEnd(36)} ${r.ms.toFixed(1).padStart(8)} ms  ${(r.ms / base).toFixed(2)}x`);

// `npm run bench`: the figures of the speed issue for the Node that runs it, each as a ratio to
// a baseline measured in the same rounds (`node -e 0`; for `npm start`, `npm run` of an empty
// script), so that the machine's noise hits both sides alike. Prints medians (and p95 for keys)
// of BENCH_RUNS rounds with each target, marking each missed one (then bench-faults.mjs runs).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drivePty } from './pty-driver.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const KEYS = Number(process.env.BENCH_KEYS ?? 10);
const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'bin/ecr-lab.js');
const major = Number(process.versions.node.split('.')[0]);
const work = mkdtempSync(join(tmpdir(), 'ecr-lab-bench-'));
const state = () => mkdtempSync(join(work, 'state-'));
// The caches ecr-lab keeps (V8's compiled code on Node 22+, the TUI's first frames) start empty
// in the bench's own directory: the first round fills them, as a learner's first start does.
process.env.XDG_CACHE_HOME = join(work, 'cache');
const env = { ...process.env, NO_COLOR: '1' };

function wholeProcess(command, args, options = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { env: { ...env, ECR_LAB_STATE_DIR: state() }, stdio: ['ignore', 'ignore', 'pipe'], ...options });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// npm's own cost: `npm run` of a script that does nothing, in a package of its own.
const emptyPackage = join(work, 'empty');
mkdirSync(emptyPackage);
writeFileSync(join(emptyPackage, 'package.json'), JSON.stringify({ name: 'empty', version: '1.0.0', scripts: { empty: ':' } }));

// The package as a user installs it: `npm pack`, then `npm install` of the tarball in a prefix.
console.error('bench: packing and installing the tarball in a temporary prefix...');
const installed = join(work, 'prefix');
const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' });
const tarball = join(work, pack.stdout.trim().split('\n').pop());
const install = spawnSync('npm', ['install', '--prefix', installed, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--silent', tarball], { encoding: 'utf8' });
if (pack.status !== 0 || install.status !== 0) throw new Error(`bench: npm pack/install failed: ${pack.stderr}${install.stderr}`);
const installedCli = join(installed, 'node_modules/ecr-lab/bin/ecr-lab.js');

// The longest lesson page (by its parsed text), reached from the list: Down to the lesson,
// Enter, Right to the page; the keys then alternate between it and the page before it.
const course = JSON.parse(readFileSync(join(root, 'dist/course.json'), 'utf8'));
const longest = course.lessons.flatMap((l, li) => l.pages.map((p, pi) => ({ li, pi, size: JSON.stringify(p).length, name: `${l.id} #${pi + 1}` })))
  .filter((p) => p.pi > 0).sort((a, b) => b.size - a.size)[0];
const READY = 'local ECR 127\\.0\\.0\\.1:\\d+';
// A learner reads a page before turning it: each measured key comes this long (seconds) after
// the frame before it, as a page turn does, not as a held key does. The TUI uses such a pause to
// render the pages a key can open next (use-page-layout.ts).
const READING = 0.3;
function keysOnLongestPage() {
  const steps = [];
  for (let i = 0; i < longest.li; i++) steps.push({ key: '\u001b[B', expect: `❯ +${i + 2}\\.`, measure: false, settle: i === 0 ? READY : undefined });
  steps.push({ key: '\r', expect: 'page 1/', measure: false });
  for (let i = 1; i < longest.pi; i++) steps.push({ key: '\u001b[C', expect: `page ${i + 1}/`, measure: false });
  for (let i = 0; i < KEYS; i++) {
    const forward = i % 2 === 0;
    steps.push({ key: forward ? '\u001b[C' : '\u001b[D', expect: `page ${forward ? longest.pi + 1 : longest.pi}/`, pause: READING });
  }
  return drivePty({ argv: [process.execPath, cli, '--engine', 'builtin'], first: 'Lessons', steps }, state()).keys;
}

// A step card with its output on screen: the first page whose first step is whoami, the step
// run with Tab Enter against the local ECR; the keys then scroll the page down and up a line,
// so every frame carries the card and its output.
const cardPage = course.lessons.flatMap((l, li) => l.pages.map((p, pi) => ({ li, pi, p, name: `${l.id} #${pi + 1}` })))
  .find(({ p }) => p.blocks.find((b) => b.kind === 'step')?.stepId === 'whoami');
function keysOnStepCard() {
  const steps = [];
  for (let i = 0; i < cardPage.li; i++) steps.push({ key: '\u001b[B', expect: `❯ +${i + 2}\\.`, measure: false, settle: i === 0 ? READY : undefined });
  steps.push({ key: '\r', expect: 'page 1/', measure: false });
  for (let i = 0; i < cardPage.pi; i++) steps.push({ key: '\u001b[C', expect: `page ${i + 2}/`, measure: false });
  steps.push({ key: '\t\r', expect: 'succeeded in', measure: false });
  for (let i = 0; i < KEYS; i++) steps.push({ key: i % 2 === 0 ? 'j' : 'k', expect: `page ${cardPage.pi + 1}/` });
  return drivePty({ argv: [process.execPath, cli, '--engine', 'builtin'], first: 'Lessons', steps }, state()).keys;
}

const firstFrame = (argv, options = {}) => drivePty({ argv, first: 'Lessons', steps: [], kill: true, ...options }, state()).first;
const ptyNode = [process.execPath, '-e', "console.log('Lessons')"];

// [label, measure, baseline label, target ratio]
const subjects = [
  ['node -e 0', () => wholeProcess(process.execPath, ['-e', '0'])],
  ['npm run (an empty script)', () => wholeProcess('npm', ['run', '--silent', 'empty'], { cwd: emptyPackage })],
  ['node printing one line in a pty', () => firstFrame(ptyNode)],
  ['ecr-lab lessons', () => wholeProcess(process.execPath, [cli, 'lessons']), 'node -e 0', 1.5],
  ['ecr-lab lessons, installed tarball', () => wholeProcess(process.execPath, [installedCli, 'lessons']), 'node -e 0', 1.5],
  ['TUI first frame, 80x24 pty', () => firstFrame([process.execPath, cli, '--engine', 'builtin']), 'node -e 0', major >= 22 ? 3 : 2],
  // A start with no frame kept for it: the first after a build, a resize or an edited lesson.
  ['  the same, nothing kept (Ink draws it)', () => firstFrame([process.execPath, cli, '--engine', 'builtin'], { env: { ECR_LAB_FRAME_CACHE: '0' } }), 'node -e 0'],
  ['npm start to first frame (unchanged)', () => firstFrame(['npm', 'start', '--', '--engine', 'builtin'], { cwd: root }), 'npm run (an empty script)', 1.5],
  ['run all --engine builtin (15 steps)', () => wholeProcess(process.execPath, [cli, 'run', 'all', '--engine', 'builtin']), 'node -e 0', major >= 22 ? 8 : 4],
];

// Round-robin: every round runs each subject once (and one keys session), so load hits all alike.
const times = new Map(subjects.map(([label]) => [label, []]));
const keys = [];
const cardKeys = [];
try {
  for (let i = 0; i < RUNS; i++) {
    for (const [label, fn] of subjects) times.get(label).push(await fn());
    keys.push(...keysOnLongestPage());
    cardKeys.push(...keysOnStepCard());
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]; };
const median = (xs) => quantile(xs, 0.5);
console.log(`Node ${process.versions.node}: medians of ${RUNS} rounds; each round runs every subject once`);
for (const [label, , baseline, target] of subjects) {
  const ms = median(times.get(label));
  let note = '';
  if (baseline) {
    const ratio = ms / median(times.get(baseline));
    const verdict = target === undefined ? 'no target' : `target <= ${target}x: ${ratio <= target ? 'met' : 'MISSED'}`;
    note = `${ratio.toFixed(2)}x ${baseline}  (${verdict})`;
  }
  console.log(`${label.padEnd(38)} ${ms.toFixed(1).padStart(8)} ms  ${note}`);
}
for (const [label, xs] of [[`key -> frame, longest page (${longest.name})`, keys], [`key -> frame, step card (${cardPage.name})`, cardKeys]]) {
  const [k50, k95] = [median(xs), quantile(xs, 0.95)];
  const ok = k50 <= 30 && k95 <= 50;
  console.log(`${label.padEnd(38)} ${k50.toFixed(1).padStart(8)} ms  p95 ${k95.toFixed(1)} ms, n=${xs.length}  (target median <= 30, p95 <= 50: ${ok ? 'met' : 'MISSED'})`);
}
console.log('key -> frame on a 60-slide deck: npm run bench:present');

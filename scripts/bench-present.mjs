#!/usr/bin/env node
// Measures `ecr-lab present` through a real pty, as a person at a terminal sees it: the time
// from a key press to the next slide's frame on a generated 60-slide deck, and the time to the
// first frame; beside them, in the same rounds, the lesson TUI's first frame and page turn as
// the baseline. Prints medians, p95, the ratios to the baseline and the targets.
// Usage: node scripts/bench-present.mjs [--rounds N] [--keys N] [--size 80x24]   (after npm run build)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { drivePty } from './pty-driver.mjs';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, keys: { type: 'string', default: '20' }, size: { type: 'string', default: '80x24' } } });
const rounds = Number(values.rounds);
const presses = Number(values.keys);
const [columns, rows] = values.size.split('x').map(Number);
const CLI = join(import.meta.dirname, '..', 'bin', 'ecr-lab.js');
const KEY_TARGET_MS = 30;

const RIGHT = '\u001b[C';
const READY = 'local ECR 127\\.0\\.0\\.1:\\d+';
const SETTLED = `${READY}[\\s\\S]*?0:0[1-9] elapsed`;
const LEFT = '\u001b[D';

function deckText(n) {
  const slides = Array.from({ length: n }, (_, i) => `# Slide ${i + 1}\n\nThe body of slide ${i + 1}: a registry per account and region.\n\n\`\`\`notes\nNotes ${i + 1}.\n\`\`\`\n`);
  return `---\nid: bench\ntitle: Bench deck\nminutes: 60\n---\n\n${slides.join('\n---\n\n')}`;
}

function drive(spec, state) {
  return drivePty({ ...spec, columns, rows }, state);
}

/** Right through slides 1..presses+1 of the deck: each press expects the next `n/60 ·`. */
function presentRun(deck, state) {
  // Keys sent before Ink listens are lost, and the first second starts the local ECR beside the
  // first frame: the first key waits until the timer shows a second gone, as a speaker would.
  const steps = Array.from({ length: presses }, (_, i) => ({ key: RIGHT, expect: `${i + 2}/60 \u00b7`, settle: i === 0 ? SETTLED : undefined }));
  return drive({ argv: [process.execPath, CLI, 'present', deck, '--engine', 'builtin'], first: '1/60 \u00b7', steps }, state);
}

/** `present seminar`: the packaged deck, read from the build's cache as an instructor starts it. */
function seminarRun(state) {
  const steps = [{ key: RIGHT, expect: '2/\\d+ \u00b7', measure: false, settle: SETTLED }];
  return drive({ argv: [process.execPath, CLI, 'present', 'seminar', '--engine', 'builtin'], first: '1/\\d+ \u00b7', steps }, state);
}

/** The lesson TUI: first frame (the list), open the first lesson, then page right and left. */
function tuiRun(state) {
  const steps = [{ key: '\r', expect: 'page 1/(\\d+)', measure: false, settle: READY }];
  for (let i = 0; i < presses; i++) {
    const forward = i % 2 === 0;
    steps.push({ key: forward ? RIGHT : LEFT, expect: `page ${forward ? 2 : 1}/` });
  }
  return drive({ argv: [process.execPath, CLI, '--engine', 'builtin'], first: 'Lessons', steps }, state);
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const quantile = (xs, q) => { const s = sorted(xs); return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]; };
const ms = (x) => `${x.toFixed(1)} ms`;

const dir = mkdtempSync(join(tmpdir(), 'ecr-lab-bench-'));
const deck = join(dir, 'bench.md');
writeFileSync(deck, deckText(60));
const data = { presentFirst: [], presentKeys: [], seminarFirst: [], tuiFirst: [], tuiKeys: [] };
try {
  for (let round = 0; round < rounds; round++) {
    // Alternated in each round so that both meet the machine in the same state.
    const state = mkdtempSync(join(dir, 'state-'));
    const t = tuiRun(state);
    const p = presentRun(deck, state);
    data.seminarFirst.push(seminarRun(mkdtempSync(join(dir, 'state-'))).first);
    data.tuiFirst.push(t.first);
    data.tuiKeys.push(...t.keys);
    data.presentFirst.push(p.first);
    data.presentKeys.push(...p.keys);
    if (process.env.BENCH_DEBUG) console.error(p.keys.map((k) => k.toFixed(0)).join(" "));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const row = (name, xs) => `${name.padEnd(34)} median ${ms(quantile(xs, 0.5)).padStart(9)}   p95 ${ms(quantile(xs, 0.95)).padStart(9)}   (n=${xs.length})`;
const keyP95 = quantile(data.presentKeys, 0.95);
// The target is judged on what an instructor starts: a packaged deck, parsed at build time as the
// lessons are. A deck given by path is parsed on every start (the YAML parser: ~60 ms more).
const firstRatio = quantile(data.seminarFirst, 0.5) / quantile(data.tuiFirst, 0.5);
const keyRatio = quantile(data.presentKeys, 0.5) / quantile(data.tuiKeys, 0.5);
console.log(`ecr-lab present bench: ${rounds} rounds, ${presses} keys each, ${columns}x${rows} pty, 60-slide deck`);
console.log(row('present: key -> next slide frame', data.presentKeys));
console.log(row('lesson TUI: key -> next page frame', data.tuiKeys));
console.log(row('present: first frame (60-slide file)', data.presentFirst));
console.log(row('present seminar: first frame', data.seminarFirst));
console.log(row('lesson TUI: first frame', data.tuiFirst));
console.log(`ratio to the baseline (medians): key ${keyRatio.toFixed(2)}x, present seminar's first frame ${firstRatio.toFixed(2)}x`);
const keyOk = keyP95 <= KEY_TARGET_MS;
const firstOk = quantile(data.seminarFirst, 0.5) <= quantile(data.tuiFirst, 0.95);
console.log(`target: key -> frame p95 <= ${KEY_TARGET_MS} ms: ${keyOk ? 'met' : 'MISSED'} (${ms(keyP95)})`);
console.log(`target: present seminar's first frame within the lesson TUI's (median <= its p95): ${firstOk ? 'met' : 'MISSED'}`);
process.exitCode = keyOk && firstOk ? 0 : 1;

// The built TUI in a real terminal (tmux) at 80x24, driven by keys like a person: open the
// drills screen, play token-expired against the local ECR (built-in engine) to its score, quit,
// and find the score in the progress and no fault left on.
import stringWidth from 'string-width';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '../../bin/ecr-lab.js');
const DRILLS = join(import.meta.dirname, '../../drills');
let socket = '';
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-t', 'app', '-p');
const keys = (...k: string[]) => tmux('send-keys', '-t', 'app', ...k);

afterEach(() => {
  try { tmux('kill-server'); } catch { /* already gone */ }
});

function start(): string {
  socket = `ecr-lab-drill-${process.pid}-${Date.now()}`;
  const state = mkdtempSync(join(tmpdir(), 'ecr-lab-tmux-drill-'));
  tmux('new-session', '-d', '-s', 'app', '-x', '80', '-y', '24',
    `env ECR_LAB_STATE_DIR=${state} DOCKER_CONFIG=${state}/docker ${process.execPath} ${CLI} --engine builtin`);
  return state;
}

/** The status bar: the last row the app draws (Ink keeps the terminal's last row for its cursor). */
const statusBar = (text: string): string => text.split('\n')[22] ?? '';

/** Every line of the screen fits 80 columns, the frame is closed and the status bar is whole. */
function expectWhole(text: string): void {
  const rows = text.replace(/\n$/, '').split('\n');
  expect(rows).toHaveLength(24);
  expect(Math.max(...rows.map((r) => stringWidth(r)))).toBeLessThanOrEqual(80);
  expect(rows[0]).toMatch(/^╭─+╮$/);
  expect(rows[21]).toMatch(/^╰─+╯$/);
  expect(statusBar(text)).toMatch(/\? help$/);
}

it('plays a drill from the drills screen to its score and keeps it', async () => {
  const state = start();
  await expect.poll(screen, { timeout: 10_000 }).toMatch(/local ECR 127\.0\.0\.1:\d+/);
  await expect.poll(screen, { timeout: 10_000 }).toMatch(/drills: 0\/\d+ done, best total 0/);
  keys('d');
  await expect.poll(screen).toMatch(/Drills · (\d+-\d+ of \d+ · )?0\/\d+ done/);
  const index = readdirSync(DRILLS).filter((n) => n.endsWith('.md')).sort().indexOf('token-expired.md');
  for (let i = 0; i < index; i += 1) keys('Down');
  await expect.poll(screen).toMatch(/❯ The nightly push that fails after dinner +6 min/);
  keys('Enter');
  await expect.poll(screen).toMatch(/Enter set the scene/);
  expect(screen()).toMatch(/The build agent in the office/);
  keys('Enter');
  await expect.poll(screen, { timeout: 30_000 }).toMatch(/h hint · Esc leave/);
  const failing = screen();
  expect(failing).toMatch(/denied: Your authorization token has expired/);
  expect(failing).toMatch(/1 fault on/);
  expectWhole(failing);

  keys('1');
  await expect.poll(screen).toMatch(/c check/);
  expect(screen()).toMatch(/▶ Step: Log Docker in/);
  keys('Enter');
  await expect.poll(screen, { timeout: 15_000 }).toMatch(/✔ succeeded in/);
  keys('c');
  await expect.poll(screen, { timeout: 15_000 }).toMatch(/Score: 100\/100/);
  const done = screen();
  expect(done).toMatch(/✔ Fixed: the state says so\./);
  // The drill switched its fault off, so the status bar names none once it has read the state again.
  await expect.poll(() => statusBar(screen()), { timeout: 10_000 }).not.toMatch(/fault/);
  expectWhole(done);

  keys('Escape');
  await expect.poll(screen).toMatch(/❯ The nightly push that fails after dinner +6 min +100\/100/);
  keys('q');
  await expect.poll(() => { try { return screen(); } catch { return 'exited'; } }, { timeout: 10_000 }).toBe('exited');
  const progress = JSON.parse(readFileSync(join(state, 'progress.json'), 'utf8'));
  expect(progress.drills['token-expired']).toMatchObject({ best: 100, runs: [{ points: 100, isFirstTry: true, hintsUsed: 0 }] });
  const faults = JSON.parse(readFileSync(join(state, 'local-ecr', 'faults.json'), 'utf8'));
  expect(faults.active).toEqual([]);
});

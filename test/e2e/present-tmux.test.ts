// The built `ecr-lab present` in a real terminal (tmux) at 80x24 and 200x60, driven by keys:
// page through a deck, run whoami on the local ECR, switch a fault on with `f`, rehearse, follow
// it with `ecr-lab notes` in a second window, and the --live fallback: live AWS really fails
// with getaddrinfo ENOTFOUND (STS is pointed at a .invalid host, so a machine with a network
// fails the same way) and `L` reruns the step locally.
import stringWidth from 'string-width';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '../../bin/ecr-lab.js');
const DECK = join(import.meta.dirname, '../fixtures/present/e2e.md');
let socket = '';
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = (pane = 'app') => tmux('capture-pane', '-t', pane, '-p');
const keys = (...k: string[]) => tmux('send-keys', '-t', 'app', ...k);
/** The words of the screen with frames and line breaks taken out, to find text that wrapped. */
const flat = () => screen().replace(/[\s│]+/g, ' ');
/** `exit 0` once the presenter's process has ended (the pane stays, remain-on-exit, to read its last words). */
const exitLine = () => /^exit \d+$/m.exec(screen())?.[0] ?? 'running';

afterEach(() => {
  try { tmux('kill-server'); } catch { /* already gone */ }
});

/** Starts `ecr-lab <args>` in a tmux window `columns` x `rows`; returns its state dir. */
function start(args: string, columns = 80, rows = 24, env = ''): string {
  socket = `ecr-lab-present-${process.pid}-${Date.now()}`;
  const state = mkdtempSync(join(tmpdir(), 'ecr-lab-present-'));
  // The rehearsal table is read from the pane after exit: remain-on-exit keeps it.
  tmux('new-session', '-d', '-s', 'app', '-x', String(columns), '-y', String(rows),
    `env ${env} ECR_LAB_STATE_DIR=${state} DOCKER_CONFIG=${state}/docker ${process.execPath} ${CLI} ${args}; echo "exit $?"`);
  tmux('set-option', '-t', 'app', 'remain-on-exit', 'on');
  return state;
}

const widest = (text: string): number => Math.max(...text.split('\n').map((l) => stringWidth(l)));

it('at 80x24: pages through the deck, runs whoami, switches a fault on, jumps, and rehearses', async () => {
  const state = start(`present ${DECK} --engine builtin --rehearse`);
  await expect.poll(screen, { timeout: 10_000 }).toMatch(/1\/3 · 0:0\d elapsed · 4:5\d left · local ECR 127\.0\.0\.1:\d+/);
  expect(screen()).toMatch(/The first slide of the end-to-end deck\./);
  keys('Right');
  await expect.poll(screen).toMatch(/2\/3 ·/);
  keys('Tab', 'Enter');
  await expect.poll(screen, { timeout: 15_000 }).toMatch(/✔ identity: arn:aws:iam::123456789012:user\/learner/);
  expect(screen()).toMatch(/✔ succeeded/);
  keys('f');
  await expect.poll(screen).toMatch(/faults · f or Esc to close/);
  keys('Enter');
  await expect.poll(screen).toMatch(/❯ on +repository-missing/);
  keys('Escape');
  // Esc is taken as Alt with the next key when they arrive together: wait for the panel to close.
  await expect.poll(screen).not.toMatch(/faults · f or Esc to close/);
  expect(screen()).toMatch(/2\/3 · .*faults: repository-missing/);
  keys('g', '3', 'Enter');
  await expect.poll(screen).toMatch(/3\/3 ·/);
  expect(screen()).toMatch(/The last slide of the end-to-end deck\./);
  expect(widest(screen())).toBeLessThanOrEqual(80);
  keys('?');
  await expect.poll(screen).toMatch(/On a slide/);
  keys('q');
  await expect.poll(exitLine, { timeout: 10_000 }).toBe('exit 0');
  await expect.poll(screen).toMatch(/rehearsal of present-e2e/);
  const table = screen();
  expect(table).toMatch(/ 2  Who am I +1:00 +0:\d\d +-[01]:\d\d/);
  expect(table).toMatch(/total +5:00/);
  const [file] = readdirSync(join(state, 'rehearsals'));
  const saved = JSON.parse(readFileSync(join(state, 'rehearsals', file!), 'utf8'));
  expect(saved).toMatchObject({ version: 1, deckId: 'present-e2e', plannedSeconds: 300 });
  expect(saved.slides.map((s: { plannedSeconds: number }) => s.plannedSeconds)).toEqual([30, 60, 210]);
  expect(table).toMatch(/saved .*rehearsals\/present-e2e-/);
});

it('at 200x60 with `ecr-lab notes` following in a second window', async () => {
  const state = start(`present ${DECK} --engine builtin`, 200, 60);
  await expect.poll(screen, { timeout: 10_000 }).toMatch(/1\/3 · .*local ECR 127\.0\.0\.1:\d+/);
  tmux('new-window', '-d', '-t', 'app', '-n', 'notes',
    `env ECR_LAB_STATE_DIR=${state} ${process.execPath} ${CLI} notes`);
  await expect.poll(() => screen('app:notes'), { timeout: 10_000 }).toMatch(/Notes of the opening slide\./);
  keys('Right');
  await expect.poll(screen).toMatch(/2\/3 ·/);
  await expect.poll(() => screen('app:notes'), { timeout: 5_000 }).toMatch(/Run whoami on the target\./);
  keys('End');
  await expect.poll(() => screen('app:notes'), { timeout: 5_000 }).toMatch(/Thank the room\./);
  expect(widest(screen())).toBeLessThanOrEqual(200);
  keys('b');
  await expect.poll(() => screen().trim()).toBe('');
  keys('b');
  await expect.poll(screen).toMatch(/3\/3 ·/);
  keys('q');
  await expect.poll(exitLine, { timeout: 10_000 }).toBe('exit 0');
});

it('--live with AWS out of reach opens anyway, and L reruns the step on the local ECR', async () => {
  start(`present ${DECK} --engine builtin --live --region us-east-1`, 80, 24,
    'AWS_ACCESS_KEY_ID=AKIAEXAMPLEEXAMPLE12 AWS_SECRET_ACCESS_KEY=x AWS_EC2_METADATA_DISABLED=true AWS_ENDPOINT_URL_STS=https://sts.us-east-1.ecr-lab.invalid');
  await expect.poll(screen, { timeout: 30_000 }).toMatch(/1\/3 · .*live AWS unreachable \(dns-failure\)/);
  keys('Right');
  await expect.poll(screen).toMatch(/2\/3 ·/);
  keys('Tab', 'Enter');
  await expect.poll(screen, { timeout: 15_000 }).toMatch(/getaddrinfo ENOTFOUND sts\.us-east-1\.ecr-lab\.invalid/);
  await expect.poll(flat).toMatch(/Press L to run it on the local ECR \(live AWS failed with dns-failure, outside the lesson\)/);
  keys('L');
  await expect.poll(screen, { timeout: 20_000 }).toMatch(/ran on the local ECR: live AWS failed with dns-failure/);
  await expect.poll(screen, { timeout: 20_000 }).toMatch(/✔ identity: arn:aws:iam::123456789012:user\/learner/);
  expect(screen()).toMatch(/last step on local ECR/);
  keys('q');
  await expect.poll(exitLine, { timeout: 10_000 }).toBe('exit 0');
});

it('without a terminal, and for an unknown deck, says so in one line and exits 2', () => {
  const state = mkdtempSync(join(tmpdir(), 'ecr-lab-present-'));
  const env = { ...process.env, ECR_LAB_STATE_DIR: state };
  const plain = spawnSync(process.execPath, [CLI, 'present', DECK], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  expect(plain.status).toBe(2);
  expect(plain.stderr.split('\n')[0]).toBe('ecr-lab: ecr-lab present needs a terminal (stdin and stdout a TTY); ecr-lab export <deck> --md FILE writes the deck as text');
  const unknown = spawnSync(process.execPath, [CLI, 'present', 'no-such-deck'], { env, encoding: 'utf8' });
  expect(unknown.status).toBe(2);
  expect(unknown.stderr.split('\n')[0]).toMatch(/^ecr-lab: no deck 'no-such-deck'; the decks are: .*seminar.* \(ecr-lab present --list\)$/);
  const list = spawnSync(process.execPath, [CLI, 'present', '--list'], { env, encoding: 'utf8' });
  expect(list.status).toBe(0);
  expect(list.stdout).toMatch(/seminar +45 min/);
});

it('--live with no credentials stays one line before any screen, and exits 1', async () => {
  const home = mkdtempSync(join(tmpdir(), 'ecr-lab-nohome-'));
  start(`present ${DECK} --live --region us-east-1`, 80, 24,
    `-u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_SESSION_TOKEN -u AWS_PROFILE HOME=${home} AWS_EC2_METADATA_DISABLED=true`);
  await expect.poll(exitLine, { timeout: 30_000 }).toBe('exit 1');
  // One line of output, wrapped by the 80-column pane, then the shell's exit line: no frame drawn.
  // From the start of the pane's history: tmux's own "Pane is dead" line can scroll the first row away.
  const text = tmux('capture-pane', '-t', 'app', '-p', '-S', '-').replace(/\nPane is dead.*\n?$/, '');
  const [said, exit] = text.trim().split(/\n(?=exit \d+$)/);
  expect(said?.replace(/\n/g, '')).toMatch(/^ecr-lab: live AWS: Could not load credentials from any providers\. Fix: [^\n│╭]*$/);
  expect(exit).toBe('exit 1');
});

it('a second presenter on the same state dir stops with one line, before starting a local ECR', async () => {
  const state = start(`present ${DECK} --engine builtin`);
  await expect.poll(screen, { timeout: 10_000 }).toMatch(/1\/3 · .*local ECR 127\.0\.0\.1:\d+/);
  tmux('new-window', '-d', '-t', 'app', '-n', 'two',
    `env ECR_LAB_STATE_DIR=${state} ${process.execPath} ${CLI} present ${DECK} --engine builtin; echo "exit $?"; sleep 30`);
  await expect.poll(() => screen('app:two'), { timeout: 10_000 }).toMatch(/^exit 1$/m);
  expect(screen('app:two')).toMatch(/^ecr-lab: ecr-lab present is already running \(pid \d+\); quit it first$/m);
  expect(screen('app:two')).not.toMatch(/local ECR 127\.0\.0\.1/);
  keys('q');
  await expect.poll(exitLine, { timeout: 10_000 }).toBe('exit 0');
});

// The built TUI in a real terminal (tmux), driven by keys like a person: open the auth-flow
// lesson, run the whoami step against the local ECR, quit, and find the progress saved.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '../../bin/ecr-lab.js');
let socket = '';
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = (color = false) => tmux('capture-pane', '-t', 'app', '-p', ...(color ? ['-e'] : []));
const keys = (...k: string[]) => tmux('send-keys', '-t', 'app', ...k);

afterEach(() => {
  try { tmux('kill-server'); } catch { /* already gone */ }
});

function start(env: string, columns = 80, rows = 24): string {
  socket = `ecr-lab-test-${process.pid}-${Date.now()}`;
  const state = mkdtempSync(join(tmpdir(), 'ecr-lab-tmux-'));
  tmux('new-session', '-d', '-s', 'app', '-x', String(columns), '-y', String(rows),
    `env ECR_LAB_STATE_DIR=${state} DOCKER_CONFIG=${state}/docker ${env} ${process.execPath} ${CLI} --engine builtin`);
  return state;
}

it('opens a lesson, runs a step with Enter and keeps the progress', async () => {
  const state = start('');
  await expect.poll(screen, { timeout: 10_000 }).toMatch(/Lessons/);
  await expect.poll(screen, { timeout: 10_000 }).toMatch(/local ECR 127\.0\.0\.1:\d+/);
  keys('Down', 'Down', 'Down', 'Down');
  await expect.poll(screen).toMatch(/❯ +5\. The authentication flow/);
  keys('Enter');
  await expect.poll(screen).toMatch(/Two different credentials/);
  keys('Right');
  await expect.poll(screen).toMatch(/page 2\/7/);
  keys('Tab', 'Enter'); // one chunk, as from a quick typist
  await expect.poll(screen, { timeout: 15_000 }).toMatch(/arn:aws:iam::123456789012:user\/learner/);
  await expect.poll(screen, { timeout: 15_000 }).toMatch(/✔ succeeded/);
  keys('q');
  await expect.poll(() => { try { return screen(); } catch { return 'exited'; } }, { timeout: 10_000 }).toBe('exited');
  const progress = JSON.parse(readFileSync(join(state, 'progress.json'), 'utf8'));
  expect(progress.last).toEqual({ lessonId: 'auth-flow', page: 1 });
  expect(progress.lessons['auth-flow'].pagesSeen).toEqual([0, 1]);
});

it('honours NO_COLOR', async () => {
  start('NO_COLOR=1');
  await expect.poll(screen, { timeout: 10_000 }).toMatch(/Lessons/);
  expect(screen(true)).not.toMatch(/\u001b\[3\dm/);
});

it("from lesson 3's last page, Right opens lesson 4 and Left comes back to a page that still scrolls (80x24)", async () => {
  start('');
  await expect.poll(screen, { timeout: 10_000 }).toMatch(/Lessons/);
  keys('Down', 'Down', 'Enter');
  await expect.poll(screen).toMatch(/page 1\/6/);
  for (const page of [2, 3, 4, 5, 6]) {
    keys('l');
    await expect.poll(screen).toMatch(new RegExp(`page ${page}/6`));
  }
  for (let i = 0; i < 6; i += 1) keys('Space');
  await expect.poll(screen).toMatch(/→ l: next lesson, 4\. Creating a repository/);
  keys('Right');
  await expect.poll(screen).toMatch(/Creating a repository +page 1\/\d+/);
  keys('Left');
  await expect.poll(screen).toMatch(/page 6\/6 ↓/);
  keys('j', 'Space', 'Space', 'Space', 'Space');
  await expect.poll(screen).toMatch(/page 6\/6 ↑/);
});

it("scrolls lesson 7's push diagram sideways at 60x20 to its ECR-checks column", async () => {
  start('', 60, 20);
  await expect.poll(screen, { timeout: 10_000 }).toMatch(/Lessons/);
  for (let i = 0; i < 6; i += 1) keys('Down');
  keys('Enter');
  await expect.poll(screen).toMatch(/docker push, request by request/);
  await expect.poll(screen).not.toMatch(/BatchCheckLayerAvailability/);
  keys('>', '>', '>');
  await expect.poll(screen).toMatch(/BatchCheckLayerAvailability/);
  expect(screen().split('\n').every((l) => [...l].length <= 60)).toBe(true);
});

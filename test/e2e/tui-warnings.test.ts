// A Node warning raised while the TUI is on screen is not printed into its frame: it waits
// until the app has exited. The built TUI in tmux, with a warning emitted by a preloaded
// module once the first frame is up.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '../../bin/ecr-lab.js');
const socket = `ecr-lab-warn-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-t', 'app', '-p', '-J');

afterEach(() => {
  try { tmux('kill-server'); } catch { /* already gone */ }
});

it('holds a warning until the app exits, then prints it on one line', async () => {
  const state = mkdtempSync(join(tmpdir(), 'ecr-lab-warn-'));
  const warn = "data:text/javascript,setTimeout(()=>process.emitWarning('a test warning','ExperimentalWarning'),1500).unref()";
  tmux('new-session', '-d', '-s', 'app', '-x', '80', '-y', '24',
    `env ECR_LAB_STATE_DIR=${state} ${process.execPath} --import "${warn}" ${CLI} --engine builtin; echo EXITED; sleep 20`);
  await expect.poll(screen, { timeout: 10_000 }).toMatch(/local ECR 127\.0\.0\.1:\d+/);
  await new Promise((r) => setTimeout(r, 2500));
  expect(screen()).toMatch(/Lessons/);
  expect(screen()).not.toMatch(/a test warning/);
  tmux('send-keys', '-t', 'app', 'q');
  await expect.poll(screen, { timeout: 10_000 }).toMatch(/EXITED/);
  expect(screen()).toMatch(/ecr-lab: Node warned while the screen was open: ExperimentalWarning: a test warning\n/);
}, 30_000);

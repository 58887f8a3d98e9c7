// The built `ecr-lab notes` with no terminal: it follows a presenter channel this test opens
// (the same module `ecr-lab present` uses), printing one block per slide change, waiting again
// when the presenter quits, and stopping cleanly on Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPresenterChannel, type PresenterChannel } from '../../src/workflow/present-channel.js';
import { snapshot } from '../workflow/present-fixture.js';

interface Notes {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
}

function startNotes(stateDir: string): Notes {
  const child = spawn(process.execPath, ['bin/ecr-lab.js', 'notes'], {
    env: { ...process.env, ECR_LAB_STATE_DIR: stateDir, FORCE_COLOR: '0', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { err += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function until(what: () => string, predicate: (text: string) => boolean, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = what();
    if (predicate(text)) return text;
    if (Date.now() > deadline) throw new Error(`never matched; output so far:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const count = (text: string, part: string): number => text.split(part).length - 1;

let dir: string;
let notes: Notes | undefined;
let channel: PresenterChannel | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-lab-notes-e2e-'));
});

afterEach(async () => {
  notes?.child.kill('SIGKILL');
  await channel?.close();
  notes = undefined;
  channel = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('ecr-lab notes without a terminal', () => {
  it('waits, follows slide changes, waits again when the presenter quits, and stops on Ctrl-C', async () => {
    notes = startNotes(dir);
    await until(notes.stdout, (t) => t.includes(`waiting for \`ecr-lab present\` in this state dir (${dir})`));
    channel = await openPresenterChannel(dir, { deckId: 'seminar' });
    channel.publish(snapshot(0, { title: 'What ECR is', notes: 'Start with **one** question.', nextTitle: 'Linux users vs IAM' }));
    let out = await until(notes.stdout, (t) => t.includes('== 1/12  What ECR is'));
    // A snapshot that only moves the clocks is not printed again; the next slide is.
    channel.publish(snapshot(0, { title: 'What ECR is', notes: 'Start with **one** question.', nextTitle: 'Linux users vs IAM', elapsedMs: 5_000 }));
    channel.publish(snapshot(1, {
      title: 'Linux users vs IAM', notes: 'Two kinds of identity.',
      lastStep: { stepId: 'create-repository', status: 'succeeded', target: 'local', summary: 'repository hello created' },
    }));
    out = await until(notes.stdout, (t) => t.includes('== 2/12  Linux users vs IAM'));
    expect(count(out, '== 1/12')).toBe(1);
    expect(out).toContain('Start with one question.');
    expect(out).toContain('Next: Linux users vs IAM');
    expect(out).toContain('Last step: create-repository succeeded on local ECR · repository hello created');
    await channel.close();
    channel = undefined;
    await until(notes.stdout, (t) => count(t, 'waiting for `ecr-lab present`') === 2);
    notes.child.kill('SIGINT');
    expect(await notes.exited).toBe(0);
    expect(notes.stderr()).toBe('');
  });

  it('started after the presenter, prints the current slide at once', async () => {
    channel = await openPresenterChannel(dir, { deckId: 'lightning' });
    channel.publish(snapshot(7, { title: 'Push, live', slideCount: 9 }));
    notes = startNotes(dir);
    const out = await until(notes.stdout, (t) => t.includes('== 8/9  Push, live'));
    expect(out).not.toContain('waiting for');
    await until(() => String(channel?.followers()), (n) => n === '1');
    notes.child.kill('SIGTERM');
    expect(await notes.exited).toBe(0);
  });
});

// The troubleshooting commands of the built CLI: a drill played through piped input to its
// score (kept in progress), `explain`, and bad input to fault, clock and drill (one line each).
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../bin/ecr-lab.js');
let stateDir: string;
const env = () => ({ ...process.env, ECR_LAB_STATE_DIR: stateDir, NO_COLOR: '1' });

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [CLI, ...args], { env: env() });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Runs the CLI with `input` on stdin (a pipe, as a script would). */
function withInput(input: string, ...args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: env(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout }));
    child.stdin.end(input);
  });
}

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'ecr-lab-trouble-cli-'));
});

describe('ecr-lab drill', () => {
  it('lists the drills', async () => {
    const r = await cli('drill', '--list');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^token-expired\s+6 min\s+The nightly push/m);
  });

  it('plays token-expired through piped input: a wrong answer, a hint, the fix, the score in progress', async () => {
    const r = await withInput('2\nh\n1\ncheck\nrun login\ncheck\n', 'drill', 'token-expired', '--engine', 'builtin');
    expect(r.stdout).toContain('denied: Your authorization token has expired. Reauthenticate and try again.');
    expect(r.stdout).toContain('Not that one.');
    expect(r.stdout).toContain('hint 1/3:');
    expect(r.stdout).toContain('not fixed yet: the login docker holds for');
    expect(r.stdout).toMatch(/score: 65\/100 \(diagnosis 25, fix 20, time 30 in \d+ s, hints -10\)/);
    expect(r.code).toBe(0);
    const progress = JSON.parse(await readFile(join(stateDir, 'progress.json'), 'utf8')) as { drills: Record<string, { best: number }> };
    expect(progress.drills['token-expired']?.best).toBe(65);
    expect((await cli('progress')).stdout).toContain('token-expired: best 65/100');
  }, 60_000);

  it('stops without a score when input ends, with its faults off', async () => {
    const r = await withInput('', 'drill', 'not-logged-in', '--engine', 'builtin');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('drill stopped; its faults are off again and nothing was scored');
  }, 60_000);

  it('refuses an unknown drill and --live with one line, exit 2', async () => {
    expect(await cli('drill', 'nosuch')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^ecr-lab: no drill 'nosuch'; ecr-lab drill --list shows them\n/) });
    expect((await cli('drill', 'token-expired', '--live')).stderr).toMatch(/^ecr-lab: drills run on the local ECR only/);
  });
});

describe('ecr-lab explain, fault and clock', () => {
  it('explains a pasted error with its fault and drill', async () => {
    const r = await cli('explain', 'denied: Your authorization token has expired. Reauthenticate and try again.');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('fault that reproduces it: token-expired');
    expect(r.stdout).toContain('practise it: ecr-lab drill token-expired');
    expect(await cli('explain', 'all is well')).toMatchObject({ code: 1, stderr: expect.stringMatching(/does not recognise this error/) });
  });

  it.each([
    [['fault', 'frobnicate'], 2, /^ecr-lab: unknown fault action 'frobnicate'/],
    [['fault', 'on', 'nope'], 2, /^ecr-lab: no fault 'nope'; faults are: repository-missing, /],
    [['fault', 'on'], 2, /^ecr-lab: name a fault/],
    [['fault', 'list', 'extra'], 2, /^ecr-lab: fault list takes no name; drop 'extra'/],
    [['fault', 'reset', 'token-expired'], 2, /^ecr-lab: fault reset takes no name; drop 'token-expired'/],
    [['clock', 'soon'], 2, /^ecr-lab: 'soon' is not a time change/],
    [['fault', 'list', '--port', 'abc'], 2, /argument 'abc' is invalid/],
    [['fault', 'list'], 1, /^ecr-lab: no local ECR is running; start one with ecr-lab serve/],
    [['clock', '+1h', '--port', '5999'], 1, /^ecr-lab: no local ECR of yours runs on port 5999/],
  ])('%j exits %i with one line', async (args, code, pattern) => {
    const r = await cli(...args);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/unexpected error|at .*\.js:\d+/);
  });
});

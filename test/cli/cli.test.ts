// The built CLI end to end, without a TTY (stdin and stdout are pipes here).
import stringWidth from 'string-width';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../bin/ecr-lab.js');
let stateDir: string;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [CLI, ...args], { env: { ...process.env, ECR_LAB_STATE_DIR: stateDir, NO_COLOR: '1' } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'ecr-lab-cli-'));
});

describe('ecr-lab without a TTY', () => {
  it('lists the 12 lessons, one per line, starting with the id', async () => {
    const r = await cli('lessons');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(12);
    expect(lines[0]).toMatch(/^what-is-ecr\s+\S.*\d+ min$/);
    expect(lines[4]).toMatch(/^auth-flow\s/);
  });

  it('falls back to the plain listing instead of failing on raw mode', async () => {
    const r = await cli();
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/Raw mode/);
    expect(r.stdout).toMatch(/not a terminal/);
    expect(r.stdout).toMatch(/^auth-flow\s/m);
  });

  it('reads a whole lesson as text, with its diagram and step commands', async () => {
    const r = await cli('read', 'auth-flow', '--width', '80');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Page 1\//);
    expect(r.stdout).toMatch(/╭─ From IAM credentials to docker push ─+╮/);
    expect(r.stdout).toMatch(/\$ aws ecr get-login-password --region us-east-1 \|/);
    expect(r.stdout).toMatch(/docker login --username AWS --password-stdin/);
    expect(r.stdout).toMatch(/✔ Right\./);
    expect(r.stdout).not.toMatch(/\u001b\[/);
    const widest = Math.max(...r.stdout.split('\n').map((l) => stringWidth(l)));
    expect(widest).toBeLessThanOrEqual(80);
  });

  it('draws markdown tables from the bundle', async () => {
    const r = await cli('read', 'tags-and-ci', '--width', '80');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/│ `?3f9c2ab`? +│ never +│ tracing an image to its commit +│/);
  });

  it('validates the content', async () => {
    const r = await cli('check-content');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^ok: 12 lessons, \d+ pages, \d+ drills, 2 decks \(\d+ slides\), no problems$/m);
    expect(r.code).toBe(0);
  });

  // One line, naming the help of the command whose usage was wrong (it used to be two: the
  // reason, then the program's usage line whatever the command).
  it.each([
    [['frobnicate'], /^ecr-lab: unknown command 'frobnicate' \(ecr-lab --help lists the commands\)$/],
    [['lessons', '--frob'], /^ecr-lab: unknown option '--frob' \(ecr-lab lessons --help shows its usage\)$/],
    [['read'], /^ecr-lab: missing required argument 'lesson' \(ecr-lab read --help shows its usage\)$/],
    [['read', 'auth-flow', '--width', 'wide'], /argument 'wide' is invalid\. Must be a whole number from 40 to 1000\. \(ecr-lab read --help shows its usage\)$/],
    [['serve', '--port', '99999'], /argument '99999' is invalid\. Must be a whole number from 0 to 65535\. \(ecr-lab serve --help shows its usage\)$/],
    [['present', '--list', 'extra'], /^ecr-lab: present --list takes no deck; drop 'extra' \(ecr-lab present --help shows its usage\)$/],
    [['run', ''], /^ecr-lab: unknown step ''; steps are: whoami, /],
    [['drill', '--list', 'token-expired'], /^ecr-lab: drill --list takes no drill; drop 'token-expired' \(ecr-lab drill --help shows its usage\)$/],
    [['run', 'whoami', '--repo', ''], /^ecr-lab: --repo needs a value, not an empty one \(ecr-lab run --help shows its usage\)$/],
    [['policy', '--account', ''], /^ecr-lab: --account needs a value, not an empty one \(ecr-lab policy --help shows its usage\)$/],
    [['export', 'all'], /^ecr-lab: say where to write: --html FILE \(one self-contained page\) or --md FILE \(markdown\)$/],
  ])('bad usage %j: one line naming the help, exit 2', async (args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(message);
  });

  it('an unknown lesson is one line and exit 2', async () => {
    const r = await cli('read', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ecr-lab: no lesson 'nope'; ecr-lab lessons lists them/);
  });

  it('prints its version and help', async () => {
    expect((await cli('--version')).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = await cli('--help');
    expect(help.code).toBe(0);
    for (const cmd of ['lessons', 'read', 'check-content', 'progress', 'serve']) expect(help.stdout).toContain(cmd);
    expect((await cli('serve', '--help')).stdout).toMatch(/--data <dir>/);
  });

  it('keeps a corrupt progress file aside and says so in one line', async () => {
    await writeFile(join(stateDir, 'progress.json'), '{"version":1,"lessons":');
    const r = await cli('lessons');
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^warning: .*progress\.json was unreadable/);
    expect((await readdir(stateDir)).some((f) => f.startsWith('progress.json.corrupt-'))).toBe(true);
  });

  it('progress shows a quiz score per lesson and for the course, from a file written before retries', async () => {
    // what-is-ecr#2's answer is the first choice (right), #3's the second (wrong): one right of four.
    await writeFile(join(stateDir, 'progress.json'),
      '{"version":1,"lessons":{"what-is-ecr":{"pagesSeen":[0,1,2,3,4],"answers":{"what-is-ecr#2":0,"what-is-ecr#3":1}}}}');
    const r = await cli('progress');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^what-is-ecr +What Amazon ECR is +\d+ min +quiz 1\/4$/m);
    expect(r.stdout).toMatch(/^identities +.+ min$/m);
    expect(r.stdout).toMatch(/^quiz: 1\/\d+ right at first answer, \d+ to go$/m);
  });

  it('resets progress, and says so when there was none', async () => {
    await writeFile(join(stateDir, 'progress.json'), '{"version":1,"lessons":{}}');
    const r = await cli('progress', '--reset');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`progress reset (${join(stateDir, 'progress.json')} removed)\n`);
    const again = await cli('progress', '--reset');
    expect(again.stdout).toBe(`nothing to reset: ${join(stateDir, 'progress.json')} does not exist\n`);
  });
});

// `ecr-lab run` from the built CLI without a TTY: the seminar's steps against the local ECR
// with the built-in engine, JSON lines, and the failures a user meets first.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RUN_ALL_IDS } from '../../src/core/steps.js';

const CLI = join(import.meta.dirname, '../../bin/ecr-lab.js');

async function cli(env: Record<string, string>, ...args: string[]) {
  try {
    const r = await promisify(execFile)(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1', ...env } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const fresh = async () => ({ ECR_LAB_STATE_DIR: await mkdtemp(join(tmpdir(), 'ecr-lab-run-')) });

describe('ecr-lab run', () => {
  it('runs the whole seminar with --json: one succeeded outcome per step, real digests', async () => {
    const r = await cli(await fresh(), 'run', 'all', '--engine', 'builtin', '--json');
    // The one question: credential-helper asks before it edits docker's config.json. Without a
    // terminal or --yes nothing is asked (stderr stays empty) and the answer is no: the step
    // then says, once, what it did not write.
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const outcomes = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { stepId: string; status: string; verified: { label: string; value: string }[]; output: string[] });
    expect(outcomes.map((o) => o.stepId)).toEqual(RUN_ALL_IDS);
    for (const o of outcomes) expect(o.status, o.stepId).toBe('succeeded');
    const push = outcomes.find((o) => o.stepId === 'push-image')!;
    expect(push.output.join('\n')).toMatch(/v1: digest: sha256:[0-9a-f]{64} size: \d+/);
    expect(outcomes.find((o) => o.stepId === 'credential-helper')!.output.join('\n')).toMatch(/not written \(no consent given\)/);
    const login = outcomes.find((o) => o.stepId === 'login')!;
    expect(JSON.stringify(login)).not.toMatch(/eyJwYXlsb2Fk/);
  });

  it('credential-helper without a terminal or --yes says once what it did not write', async () => {
    const r = await cli(await fresh(), 'run', 'credential-helper', '--engine', 'builtin');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(`${r.stdout}${r.stderr}`.match(/Set "credHelpers"/g)).toHaveLength(1);
    expect(r.stdout).toMatch(/not written \(no consent given\)\. To do it by hand: Set "credHelpers"/);
  });

  it('a name ECR refuses stops with the error explained, exit 1', async () => {
    const r = await cli(await fresh(), 'run', 'create-repository', '--repo', 'Bad_Name', '--engine', 'builtin');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ create-repository failed .*InvalidParameterException: Invalid parameter at 'repositoryName'/);
    expect(r.stdout).toMatch(/fix: /);
  });

  it('an unknown step is one line plus usage, exit 2', async () => {
    const r = await cli(await fresh(), 'run', 'pushh');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ecr-lab: unknown step 'pushh'; steps are: whoami, .*login.* \(or all, for \d+ of them in order: not pull-through-cache, image-index, skopeo-inspect, which go beyond the seminar's workflow\)\n/);
  });

  it.each([['all', 'whoami'], ['whoami', 'all']])('all mixed with steps (%s %s) is one line that lists steps, not all, exit 2', async (...steps) => {
    const r = await cli(await fresh(), 'run', ...steps);
    expect(r.code).toBe(2);
    const line = r.stderr.split('\n')[0]!;
    expect(line).toMatch(/^ecr-lab: 'all' runs the seminar's steps in order and cannot be mixed with step names: give either all or steps \(whoami, /);
    expect(line.slice(line.indexOf('('))).not.toMatch(/\ball\b/);
  });

  it('a read-only step on --live without a terminal asks for no --yes', async () => {
    const env = {
      ...(await fresh()), HOME: await mkdtemp(join(tmpdir(), 'ecr-lab-home-')), AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '', AWS_EC2_METADATA_DISABLED: 'true',
    };
    const readOnly = await cli(env, 'run', 'whoami', 'describe-images', '--live');
    expect(readOnly.stderr).not.toMatch(/--yes/);
    expect(readOnly.stderr).toMatch(/^ecr-lab: live AWS: .*credentials/i);
    const changing = await cli(env, 'run', 'whoami', 'create-repository', '--live');
    expect(changing.code).toBe(2);
    expect(changing.stderr).toMatch(/^ecr-lab: --live without a terminal cannot ask before changing your account; add --yes to allow it\n/);
  });

  it('--live with no credentials is one line, exit 1, nothing created', async () => {
    const env = {
      ...(await fresh()), HOME: await mkdtemp(join(tmpdir(), 'ecr-lab-home-')), AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '', AWS_EC2_METADATA_DISABLED: 'true',
    };
    const r = await cli(env, 'run', 'whoami', '--live', '--yes');
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^ecr-lab: live AWS: .*credentials/i);
  });

  it('Ctrl+C during a push cancels the step: one line, exit 130, nothing half-done', async () => {
    const child = spawn(process.execPath, [CLI, 'run', 'all', '--engine', 'builtin'], { env: { ...process.env, ...(await fresh()) } });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await expect.poll(() => out, { timeout: 15_000, interval: 5 }).toMatch(/▶ push-image/);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(out).toMatch(/^- [\w-]+ cancelled after \d+ ms: /m);
    expect(err).toBe('ecr-lab: interrupted; the step in progress was cancelled, and anything it may have created is in the ledger for ecr-lab cleanup\n');
  });
});

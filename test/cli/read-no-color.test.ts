// `ecr-lab read` through the built CLI with colour off: inline code keeps its backticks, so
// a command stays visible inside the sentence around it.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../bin/ecr-lab.js');
let stateDir: string;

async function read(env: Record<string, string>): Promise<string> {
  const r = await run(process.execPath, [CLI, 'read', 'auth-flow'], {
    env: { ...process.env, ECR_LAB_STATE_DIR: stateDir, FORCE_COLOR: '', ...env },
  });
  return r.stdout;
}

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'ecr-lab-read-'));
});

describe('ecr-lab read with colour off', () => {
  it.each([
    ['NO_COLOR=1', { NO_COLOR: '1' }],
    ['stdout a pipe', { NO_COLOR: '' }],
  ])('marks inline code with backticks (%s)', async (_name, env) => {
    const out = await read(env);
    expect(out).not.toContain('\u001B[');
    const text = out.split('\n').map((l) => l.trim()).join(' ');
    expect(text).toContain('`aws ecr get-login-password`');
    expect(text).toContain('`--password-stdin`');
  });
});

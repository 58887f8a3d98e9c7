// `ecr-lab doctor` on a machine made for the local ECR: no AWS credentials, no region. Each
// check says which target it matters for; the exit is 0 because the local ECR can run, and 1
// only when live AWS is what was asked about (`--live doctor`).
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '../../bin/ecr-lab.js');

async function doctor(...global: string[]): Promise<{ code: number; stdout: string }> {
  const home = await mkdtemp(join(tmpdir(), 'ecr-lab-doctor-'));
  const env = {
    ...process.env, NO_COLOR: '1', HOME: home, DOCKER_CONFIG: join(home, 'docker'), AWS_EC2_METADATA_DISABLED: 'true',
    AWS_REGION: '', AWS_DEFAULT_REGION: '', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: '', AWS_PROFILE: '',
    AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
  };
  try {
    const r = await promisify(execFile)(process.execPath, [CLI, ...global, 'doctor'], { env, timeout: 60_000 });
    return { code: 0, stdout: r.stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

it('no credentials and no region: said as live-only problems, and exit 0 since the local ECR can run', { timeout: 60_000 }, async () => {
  const r = await doctor();
  const checks = r.stdout.split('\n').filter((l) => /^[✓✗!] /.test(l));
  for (const line of checks) expect(line).toMatch(/^[✓✗!] [\w .-]+ \((local and live|live AWS only)\): /);
  expect(r.stdout).toMatch(/^✗ AWS credentials \(live AWS only\): none found/m);
  expect(r.stdout).toMatch(/^✗ AWS region \(live AWS only\): none configured$/m);
  expect(r.stdout).toMatch(/^✓ Node\.js \(local and live\): v\d+/m);
  expect(r.stdout).toMatch(/^local ECR: ready /m);
  expect(r.stdout).toMatch(/^live AWS: 2 problems to fix before ecr-lab --live \(AWS credentials, AWS region\)$/m);
  expect(r.code).toBe(0);
});

it('--live doctor on the same machine: exit 1', { timeout: 60_000 }, async () => {
  const r = await doctor('--live');
  expect(r.stdout).toMatch(/^live AWS: 2 problems/m);
  expect(r.code).toBe(1);
});

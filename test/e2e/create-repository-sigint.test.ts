// A real Ctrl+C (SIGINT) into `ecr-lab run create-repository` on the local ECR, at moments
// spread over the CreateRepository call: whatever ECR ends up holding, the ledger knows it, so
// `ecr-lab cleanup` afterwards leaves no repository behind.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '../../bin/ecr-lab.js');
// Moments as fractions of the step's own length on this machine, from its first line to
// its result: the ledger write, the SDK loading, the request, the reply, the read-back.
const MOMENTS = Array.from({ length: 24 }, (_, i) => i / 20);

async function cli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<string> {
  return (await promisify(execFile)(process.execPath, [CLI, ...args], { env, timeout: 30_000 })).stdout;
}

/**
 * Runs create-repository and, unless `delayMs` is undefined, sends SIGINT that long after the
 * step's first line. Resolves the exit code and how long the step ran after that line.
 */
async function interrupt(env: NodeJS.ProcessEnv, delayMs?: number): Promise<{ code: number | null; ms: number }> {
  const child = spawn(process.execPath, [CLI, 'run', 'create-repository', '--engine', 'builtin'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await expect.poll(() => out, { timeout: 20_000, interval: 1 }).toMatch(/\$ aws ecr create-repository/);
  const started = performance.now();
  if (delayMs !== undefined) {
    if (delayMs > 0) await sleep(delayMs);
    child.kill('SIGINT');
  }
  const code = await exited;
  return { code, ms: performance.now() - started };
}

async function fresh(): Promise<NodeJS.ProcessEnv> {
  const state = await mkdtemp(join(tmpdir(), 'ecr-lab-sigint-'));
  return { ...process.env, NO_COLOR: '1', ECR_LAB_STATE_DIR: state, DOCKER_CONFIG: join(state, 'docker') };
}

it('SIGINT at any moment of create-repository leaves nothing the ledger does not know', { timeout: 240_000 }, async () => {
  const measure = await fresh();
  const whole = await interrupt(measure);
  await rm(measure.ECR_LAB_STATE_DIR!, { recursive: true, force: true });
  expect(whole.code).toBe(0);
  for (const delayMs of MOMENTS.map((f) => Math.round(f * whole.ms))) {
    const env = await fresh();
    try {
      // null: the signal came while Node was still loading the bundle, before ecr-lab listens for it
      // (nothing has started yet); what matters is below: nothing left that cleanup cannot see.
      expect([0, 1, 130, null], `exit code at ${delayMs} ms`).toContain((await interrupt(env, delayMs)).code);
      await cli(env, 'cleanup');
      const listed = JSON.parse((await cli(env, 'run', 'describe-repositories', '--engine', 'builtin', '--json')).trim()) as { verified: { label: string; value: string }[] };
      expect(listed.verified.find((v) => v.label === 'repositories')?.value, `repositories left after SIGINT at ${delayMs} ms and cleanup`).toBe('0');
    } finally {
      await rm(env.ECR_LAB_STATE_DIR!, { recursive: true, force: true });
    }
  }
});

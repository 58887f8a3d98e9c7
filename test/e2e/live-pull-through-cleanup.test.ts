// Lesson 12's pull through cache with --live against `ecr-lab serve` (reached through
// AWS_ENDPOINT_URL, as the SDK honours it): the ledger records the rule before it is created,
// `cleanup --live` deletes it with DeletePullThroughCacheRule (read back with the real aws CLI),
// and the commands the steps show carry --endpoint-url, so pasted they reach serve, not AWS;
// on a terminal, run's y/N question names that endpoint rather than "your AWS account".
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminEnv, json, keyEnv, LEARNER_KEYS, startLiveLab, type LiveLab } from './live-harness.js';
import { Ledger } from '../../src/state/ledger.js';

let lab: LiveLab;
let env: Record<string, string>;
beforeAll(async () => {
  lab = await startLiveLab();
  env = { ...keyEnv(LEARNER_KEYS), AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: lab.endpoint };
}, 60_000);
afterAll(async () => { await lab?.close(); });

async function rules(): Promise<unknown[]> {
  return (json(await lab.aws(['ecr', 'describe-pull-through-cache-rules'], adminEnv())).pullThroughCacheRules as unknown[]);
}

describe('pull through cache rule, live', () => {
  it('run pull-through-cache --live records the rule; its commands name the endpoint', async () => {
    const r = await lab.ecrLab(['run', 'login', 'pull-through-cache', '--live', '--yes', '--engine', 'builtin', '--json'], env);
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
    const outcomes = r.stdout.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { stepId: string; commands: string[] });
    const commands = outcomes.find((o) => o.stepId === 'pull-through-cache')!.commands.filter((c) => c.startsWith('aws '));
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) expect(c).toContain(`--endpoint-url ${lab.endpoint}`);
    expect(await rules()).toHaveLength(1);
    const entries = await Ledger.in(lab.stateDir).entries();
    expect(entries.map((e) => `${e.kind} ${e.name} ${e.target}`)).toEqual(expect.arrayContaining(['pull-through-cache-rule ecr-public live']));
  });

  it('cleanup --live deletes the rule and the repository it cached', async () => {
    const r = await lab.ecrLab(['cleanup', '--live', '--yes', '--engine', 'builtin'], env);
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('pull through cache rule ecr-public');
    expect(await rules()).toEqual([]);
    const repos = json(await lab.aws(['ecr', 'describe-repositories'], adminEnv())).repositories as unknown[];
    expect(repos).toEqual([]);
    expect(await Ledger.in(lab.stateDir).entries()).toEqual([]);
  });
});

describe("run's y/N question on a terminal", () => {
  it('names the account at the endpoint, which is not AWS, and changes nothing on "n"', async () => {
    const r = await execa('script', ['-qec', 'node bin/ecr-lab.js run create-repository --live --engine builtin --repo asked/here', '/dev/null'], {
      reject: false, extendEnv: false, input: 'n\n', timeout: 60_000,
      env: {
        ...env, PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: lab.home, ECR_LAB_STATE_DIR: lab.stateDir, FORCE_COLOR: '0', NO_COLOR: '1',
        AWS_CONFIG_FILE: join(lab.home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(lab.home, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true',
      },
    });
    expect(r.stdout).toContain(`Go ahead on account 123456789012 (us-east-1) at ${lab.endpoint}, which is NOT AWS? (y/N)`);
    expect(r.stdout).not.toContain('your AWS account');
    const repos = json(await lab.aws(['ecr', 'describe-repositories'], adminEnv())).repositories as unknown[];
    expect(repos).toEqual([]);
  });
});

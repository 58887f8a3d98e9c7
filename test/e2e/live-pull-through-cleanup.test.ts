// Lesson 12's pull through cache with --live against `ecr-lab serve` (reached through
// AWS_ENDPOINT_URL, as the SDK honours it): the ledger records the rule before it is created,
// `cleanup --live` deletes it with DeletePullThroughCacheRule (read back with the real aws CLI),
// and the commands the steps show carry --endpoint-url, so pasted they reach serve, not AWS.
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

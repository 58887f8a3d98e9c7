// skopeo-inspect on the local ECR with the built-in engine and the real skopeo: skopeo reads the
// pushed image with the engine's login file and sees the digest DescribeImages reports; the
// token never reaches its command line; a tag that was never pushed fails with skopeo's words;
// and `run all` leaves the step out, since skopeo is optional.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_ALL_IDS, STEP_IDS } from '../../src/core/steps.js';
import { describeOutcome, type Lab, PUSHED, runSteps, startLab } from './helpers.js';

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
  await runSteps(lab, PUSHED);
});
afterAll(async () => { await lab.dispose(); });

describe('skopeo-inspect', () => {
  it('sees the digest ECR reports, with the login file as --authfile and no token in argv', async () => {
    const o = await lab.target.runner.run('skopeo-inspect', {});
    expect(o.status, describeOutcome(o)).toBe('succeeded');
    const digest = lab.target.server.context.store.resolveTag('ecr-lab/demo', 'v1')!;
    expect(o.verified.find((v) => v.label === 'digest (skopeo)')?.value).toBe(digest);
    expect(o.output.some((l) => l.startsWith(`skopeo inspect: Digest ${digest}, linux/`))).toBe(true);
    const command = o.commands[0]!;
    expect(command).toMatch(new RegExp(`^skopeo inspect --authfile \\S+ --tls-verify=false docker://${lab.target.context.registry}/ecr-lab/demo:v1$`));
    const auth = JSON.parse(await readFile(command.split(' ')[3]!, 'utf8')) as { auths: Record<string, { auth: string }> };
    const password = Buffer.from(auth.auths[lab.target.context.registry]!.auth, 'base64').toString().slice(4);
    expect(password.length).toBeGreaterThan(20);
    expect(JSON.stringify(o)).not.toContain(password);
  });

  it('a tag that was never pushed fails with skopeo\'s own reason', async () => {
    const o = await lab.target.runner.run('skopeo-inspect', { tag: 'v9' });
    expect(o.status).toBe('failed');
    expect(o.error?.code).toBe('SkopeoFailed');
    expect(o.error?.message).toMatch(new RegExp(`^skopeo inspect ${lab.target.context.registry}/ecr-lab/demo:v9: [^"].*manifest unknown: Requested image not found$`));
    expect(o.error?.message).not.toContain('\\"');
  });

  it('is left out of run all with the rest of lesson 12, which needs no optional tool', () => {
    expect(STEP_IDS).toContain('skopeo-inspect');
    expect(RUN_ALL_IDS).not.toContain('skopeo-inspect');
    expect(RUN_ALL_IDS).not.toContain('pull-through-cache');
    expect(RUN_ALL_IDS.at(-1)).toBe('cleanup');
  });
});

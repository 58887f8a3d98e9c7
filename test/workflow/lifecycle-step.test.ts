// put-lifecycle-policy on the local ECR: the policy's text is previewed before it is applied,
// the preview of a signed repository with "keep 1" shows the image that would expire (the
// signature counts as an image), and a policy that would expire images is set only when the
// learner says yes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/cli/content.js';
import { stepsOf, type StepBlock } from '../../src/core/lesson.js';
import type { ConfirmRequest, StepOutcome } from '../../src/workflow/types.js';
import { describeOutcome, type Lab, startLab, verified } from './helpers.js';

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
  for (const id of ['create-repository', 'login', 'build-image', 'tag-image', 'push-image', 'sign-image']) {
    // The signature is pushed a minute after the image, as a learner would.
    if (id === 'sign-image') lab.target.server.context.clock.advance(60_000);
    const o = await lab.target.runner.run(id, {});
    expect(o.status, describeOutcome(o)).toBe('succeeded');
  }
});
afterAll(async () => { await lab.dispose(); });

const lifecycleCalls = (from: number): string[] => lab.target.requestLog.since(from).map((e) => e.api)
  .filter((api) => /LifecyclePolicy/.test(api));

async function lifecycle(params: Record<string, number>, answer?: boolean): Promise<{ outcome: StepOutcome; asked: ConfirmRequest[]; calls: string[] }> {
  const from = lab.target.requestLog.since(0).length;
  const asked: ConfirmRequest[] = [];
  const confirm = answer === undefined ? undefined : async (r: ConfirmRequest) => { asked.push(r); return answer; };
  const outcome = await lab.target.runner.run('put-lifecycle-policy', params, { confirm });
  expect(outcome.status, describeOutcome(outcome)).toBe('succeeded');
  return { outcome, asked, calls: lifecycleCalls(from) };
}

describe('put-lifecycle-policy', () => {
  it("lesson 11's card runs after the signing card, with the lesson's keep 1 and 1 day", async () => {
    const production = (await loadCourse(undefined, true)).lessons.find((l) => l.id === 'production');
    const steps: StepBlock[] = production ? stepsOf(production) : [];
    const ids = steps.map((b) => b.stepId);
    expect(ids.indexOf('sign-image')).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf('sign-image')).toBeLessThan(ids.indexOf('put-lifecycle-policy'));
    expect(steps.find((b) => b.stepId === 'put-lifecycle-policy')?.params).toMatchObject({ keep: 1, untaggedDays: 1 });
  });

  it('previews "keep 1" on a signed repository: v1 would expire, and without a yes nothing is applied', async () => {
    const store = lab.target.server.context.store;
    const v1 = store.resolveTag('ecr-lab/demo', 'v1');
    const { outcome, calls } = await lifecycle({ keep: 1 });
    expect(calls).toEqual(['ecr:StartLifecyclePolicyPreview', 'ecr:GetLifecyclePolicyPreview']);
    expect(outcome.output).toContainEqual(expect.stringMatching(new RegExp(`^would expire v1 \\(${v1}, pushed .+\\) by rule 2$`)));
    expect(verified(outcome, 'would expire')).toBe('1');
    expect(verified(outcome, 'policy stored')).toBe('no (not applied)');
    expect(outcome.summary).toMatch(/^Previewed only: 1 image would expire/);
    expect(store.getRepository('ecr-lab/demo')?.lifecyclePolicy).toBeUndefined();
  });

  it('asks before it applies a policy that would expire images; no leaves it unset', async () => {
    const { asked, calls } = await lifecycle({ keep: 1 }, false);
    expect(asked.map((r) => r.description)).toEqual([expect.stringMatching(/^The preview says 1 image would expire .* Apply it\?$/)]);
    expect(calls).not.toContain('ecr:PutLifecyclePolicy');
    expect(lab.target.server.context.store.getRepository('ecr-lab/demo')?.lifecyclePolicy).toBeUndefined();
  });

  it('yes applies it after the preview', async () => {
    const { outcome, calls } = await lifecycle({ keep: 1 }, true);
    expect(calls).toEqual(['ecr:StartLifecyclePolicyPreview', 'ecr:GetLifecyclePolicyPreview', 'ecr:PutLifecyclePolicy', 'ecr:GetLifecyclePolicy']);
    expect(verified(outcome, 'policy stored')).toMatch(/^yes/);
    expect(lab.target.server.context.store.getRepository('ecr-lab/demo')?.lifecyclePolicy?.text).toContain('"countNumber":1');
  });

  it('applies a policy that expires nothing without asking, still preview first', async () => {
    const { outcome, asked, calls } = await lifecycle({ keep: 3 }, false);
    expect(asked).toEqual([]);
    expect(calls).toEqual(['ecr:StartLifecyclePolicyPreview', 'ecr:GetLifecyclePolicyPreview', 'ecr:PutLifecyclePolicy', 'ecr:GetLifecyclePolicy']);
    expect(outcome.output).toContain('preview: no image would expire now');
    expect(outcome.commands.map((c) => c.split(' ')[2])).toEqual(['start-lifecycle-policy-preview', 'wait', 'get-lifecycle-policy-preview', 'put-lifecycle-policy']);
  });
});

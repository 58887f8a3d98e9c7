// `ecr-lab run`: commands and outcomes in order, JSON lines, and a stop at the first failure.
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RUN_ALL_IDS } from '../../src/core/steps.js';
import { runSteps } from '../../src/workflow/run-all.js';
import type { StepOutcome, StepRunner } from '../../src/workflow/types.js';
import { defaultContext } from '../../src/core/steps.js';
import { startLab, type Lab } from './helpers.js';

let lab: Lab;
beforeEach(async () => { lab = await startLab(); });
afterEach(async () => { await lab.dispose(); });

function sink(): { out: { write(chunk: string): void }; text: () => string } {
  let text = '';
  return { out: { write: (chunk: string) => { text += chunk; } }, text: () => text };
}

describe('runSteps', () => {
  it('runs the whole seminar with --json: one outcome per line, exit 0', async () => {
    const s = sink();
    const scanHurry = lab.target.requestLog.subscribe((e) => {
      if (e.path.includes('StartImageScan')) lab.target.server.context.clock.advance(5000);
    });
    const code = await runSteps(lab.target.runner, 'all', {}, { json: true, out: s.out });
    scanHurry();
    const outcomes = s.text().trim().split('\n').map((l) => JSON.parse(l) as StepOutcome);
    expect(outcomes.map((o) => `${o.stepId}:${o.status}`)).toEqual(RUN_ALL_IDS.map((id) => `${id}:succeeded`));
    expect(code).toBe(0);
  });

  it('prints each command before its output, and stops at the first failure with its explanation', async () => {
    const s = sink();
    const code = await runSteps(lab.target.runner, ['create-repository', 'push-image', 'describe-images'], { repository: 'team/app' }, { out: s.out });
    expect(code).toBe(1);
    const text = s.text();
    expect(text).toMatch(/▶ create-repository \(Create a repository\)\n {2}\$ aws ecr create-repository --repository-name team\/app/);
    expect(text).toContain('✓ create-repository succeeded');
    expect(text).toMatch(/✗ push-image failed after \d+ ms: /);
    expect(text).toMatch(/ {4}cause: .*\n {4}fix: {3}/);
    expect(text).not.toContain('describe-images');
  });

  it('says with the step when the journal had a line that did not read, apart from the tools\' output', async () => {
    await appendFile(join(lab.dir, 'journal.jsonl'), '{"half');
    const s = sink();
    expect(await runSteps(lab.target.runner, ['whoami'], {}, { out: s.out })).toBe(0);
    expect(s.text()).toMatch(/✓ whoami succeeded[^\n]*\n(?: {4}verified [^\n]*\n)* {2}warning: .*journal\.jsonl had a line that did not read \(line 1 is not JSON\); kept it as .*\n$/);
    const json = sink();
    expect(await runSteps(lab.target.runner, ['whoami'], {}, { json: true, out: json.out })).toBe(0);
    expect((JSON.parse(json.text()) as StepOutcome).warnings).toBeUndefined();
  });

  it('passes each step only the parameters it takes', async () => {
    const s = sink();
    expect(await runSteps(lab.target.runner, ['whoami', 'describe-repositories'], { repository: '', tag: 'x' }, { json: true, out: s.out })).toBe(0);
  });
});

describe('runSteps, when a step reports the commands it really ran', () => {
  it('labels them as that run\'s, so they do not read as a second run after the output', async () => {
    const s = sink();
    const runner: StepRunner = {
      context: defaultContext(),
      run: async (stepId, _p, options) => {
        options?.onEvent?.({ type: 'output', line: 'Successfully built 80184a39205d' });
        return { stepId, status: 'succeeded', summary: 'Built.', output: [], verified: [], durationMs: 1,
          commands: ['docker build -t ecr-lab-demo:v1 /opt/ecr-lab/assets/demo-image'] };
      },
    };
    await runSteps(runner, ['build-image'], { image: 'ecr-lab-demo' }, { out: s.out });
    expect(s.text()).toBe([
      '▶ build-image (Build the demo image)',
      '  $ docker build -t ecr-lab-demo:v1 .',
      '  Successfully built 80184a39205d',
      '  as this run did it:',
      '  $ docker build -t ecr-lab-demo:v1 /opt/ecr-lab/assets/demo-image',
      '✓ build-image succeeded in 1 ms: Built.',
      '',
    ].join('\n'));
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { EMPTY_PROGRESS } from '../../src/core/progress.js';
import type { ParamValue } from '../../src/core/steps.js';
import type { RunOptions, StepOutcome, StepRunner } from '../../src/workflow/types.js';
import { liveContext } from './fixture.js';
import { flatText, renderApp } from './harness.js';
import { ENTER, TAB } from './keys.js';

afterEach(() => cleanup());

const ON_STEP_PAGE = { progress: { ...EMPTY_PROGRESS, last: { lessonId: 'first-push', page: 2 } } };

const outcome = (over: Partial<StepOutcome> = {}): StepOutcome => ({
  stepId: 'whoami', status: 'succeeded', commands: [], output: [], durationMs: 1234, verified: [], ...over,
});

interface Call {
  readonly stepId: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly options?: RunOptions;
}

/** A runner whose run is played by `script`; it records every call. */
function fakeRunner(script: (options: RunOptions | undefined) => Promise<StepOutcome>): StepRunner & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    context: liveContext(),
    run: (stepId, params, options) => {
      calls.push({ stepId, params, options });
      return script(options);
    },
  };
}

async function runStep(runner: StepRunner) {
  const app = await renderApp({ ...ON_STEP_PAGE, runner, target: { label: 'live AWS eu-west-1', context: liveContext() } });
  await app.waitFor('Tab to this card, then Enter to run it.');
  app.press(TAB);
  await app.waitFor('Press Enter to run this step.');
  app.press(ENTER);
  return app;
}

describe('App: step cards with a runner', () => {
  it('shows the commands for the target and, on Enter, the outcome with what was verified', async () => {
    const runner = fakeRunner(async (options) => {
      options?.onEvent?.({ type: 'output', line: '{ "Account": "111122223333" }' });
      return outcome({ verified: [{ label: 'Account', value: '111122223333' }], summary: 'These credentials belong to ecr-lab-user.' });
    });
    const app = await runStep(runner);
    const frame = await app.waitFor('✔ succeeded in 1.2s');
    expect(frame).toContain('$ aws sts get-caller-identity --region eu-west-1 --profile dev');
    expect(frame).toContain('{ "Account": "111122223333" }');
    expect(frame).toContain('✔ Account: 111122223333');
    expect(frame).toContain('These credentials belong to ecr-lab-user.');
    expect(runner.calls.map((c) => c.stepId)).toEqual(['whoami']);
    app.instance.unmount();
  });

  it('streams output while the step runs, then ends with the outcome', async () => {
    let finish: (o: StepOutcome) => void = () => undefined;
    const runner = fakeRunner((options) => new Promise((resolve) => {
      options?.onEvent?.({ type: 'output', line: 'Pushing layer 1' });
      options?.onEvent?.({ type: 'layer', id: 'a1b2c3', status: 'Pushing', current: 5, total: 10 });
      finish = resolve;
    }));
    const app = await runStep(runner);
    const running = await app.waitFor('… running');
    expect(running).toContain('Pushing layer 1');
    expect(running).toContain('a1b2c3: Pushing 5/10');
    // A second Enter while it runs must not start another run. Opening help afterwards and
    // waiting for it makes sure the Enter was handled (effects included) before the run ends.
    app.press(ENTER);
    app.press('?');
    await app.waitFor('Keys');
    app.press('?');
    await app.waitFor('… running');
    finish(outcome());
    await app.waitFor('✔ succeeded');
    expect(app.frame()).not.toContain('… running');
    expect(runner.calls).toHaveLength(1);
    app.instance.unmount();
  });

  it('explains a failure: the error, its cause, the fix and the lesson', async () => {
    const runner = fakeRunner(async () => outcome({
      status: 'failed',
      error: {
        code: 'ExpiredTokenException', message: 'The security token included in the request is expired',
        explanation: { cause: 'Your session credentials ran out.', fix: 'Run aws sso login again.', lesson: 'auth-flow' },
      },
    }));
    const app = await runStep(runner);
    const frame = await app.waitFor('✘ failed after 1.2s');
    expect(flatText(frame)).toContain('ExpiredTokenException: The security token included in the request is expired');
    expect(frame).toContain('Cause: Your session credentials ran out.');
    expect(frame).toContain('Fix: Run aws sso login again.');
    expect(frame).toContain('Lesson: auth-flow');
    app.instance.unmount();
  });

  it.each([
    ['y', true, '✔ succeeded'],
    ['n', false, '■ cancelled'],
  ])('asks before a change and pressing %s answers %s', async (key, expected, shown) => {
    const answers: boolean[] = [];
    const runner = fakeRunner(async (options) => {
      const yes = await options?.confirm?.({ stepId: 'whoami', description: 'Create repository ecr-lab/demo in eu-west-1', iamActions: ['ecr:CreateRepository'] });
      answers.push(yes === true);
      return outcome({ status: yes ? 'succeeded' : 'cancelled' });
    });
    const app = await runStep(runner);
    const asking = await app.waitFor('Press y to go ahead, n to cancel.');
    expect(asking).toContain('Create repository ecr-lab/demo in eu-west-1 (IAM: ecr:CreateRepository)');
    app.press(key);
    await app.waitFor(shown);
    expect(answers).toEqual([expected]);
    app.instance.unmount();
  });

  it('says so when the runner itself fails, without inventing a result', async () => {
    const runner = fakeRunner(async () => {
      throw new Error('docker is not installed');
    });
    const app = await runStep(runner);
    const frame = await app.waitFor('✘ the step could not run: docker is not installed');
    expect(frame).not.toContain('succeeded');
    app.instance.unmount();
  });
});

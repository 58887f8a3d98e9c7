// The fallback's pieces: which failures are outside the lesson, a local runner started once on
// demand, and the runner of a live target that could not be opened.
import { describe, expect, it } from 'vitest';
import { defaultContext } from '../../src/core/steps.js';
import { fallbackNote, lazyRunner, unreachableRunner, venueFailure, venueOpenFailure } from '../../src/workflow/fallback-runner.js';
import type { Target } from '../../src/workflow/targets.js';
import type { StepOutcome } from '../../src/workflow/types.js';

function failed(id: string | undefined, code = 'X'): StepOutcome {
  return {
    stepId: 'whoami', status: 'failed', commands: [], output: [], durationMs: 5, verified: [],
    error: { code, message: 'boom', explanation: id ? { id, cause: 'c', fix: 'f' } : undefined },
  };
}

describe('venueFailure', () => {
  const table: Array<[string, StepOutcome | undefined, string | undefined]> = [
    ['dns-failure', failed('dns-failure'), 'dns-failure'],
    ['throttled', failed('throttled'), 'throttled'],
    ['proxy-failure', failed('proxy-failure'), 'proxy-failure'],
    ['server-error', failed('server-error'), 'server-error'],
    ['a lesson failure (repository missing)', failed('repository-not-found'), undefined],
    ['no explanation', failed(undefined), undefined],
    ['a success', { ...failed('dns-failure'), status: 'succeeded' }, undefined],
    ['nothing ran', undefined, undefined],
  ];
  it.each(table)('%s', (_name, outcome, expected) => {
    expect(venueFailure(outcome)).toBe(expected);
  });

  it('says which target ran and why', () => {
    expect(fallbackNote('dns-failure')).toBe('ran on the local ECR: live AWS failed with dns-failure');
  });
});

describe('venueOpenFailure', () => {
  it('reads the explanation, or explains the code itself', () => {
    expect(venueOpenFailure({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND sts.us-east-1.amazonaws.com' })).toBe('dns-failure');
    expect(venueOpenFailure({ code: 'X', message: 'm', explanation: { id: 'throttled', cause: '', fix: '' } })).toBe('throttled');
    expect(venueOpenFailure({ code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' })).toBeUndefined();
  });
});

describe('lazyRunner', () => {
  function fakeTarget(opened: { n: number; closed: number }): () => Promise<Target> {
    return async () => {
      opened.n += 1;
      return {
        context: { ...defaultContext(), registry: '127.0.0.1:5999' },
        engine: 'builtin', engineReason: 'test', inspector: {} as Target['inspector'],
        runner: { context: defaultContext(), run: async (stepId) => ({ ...failed(undefined), stepId, status: 'succeeded', error: undefined }) },
        close: async () => { opened.closed += 1; },
      };
    };
  }

  it('starts the target on the first run only, even for two runs at once, and closes it', async () => {
    const opened = { n: 0, closed: 0 };
    const runner = lazyRunner(fakeTarget(opened), defaultContext());
    expect(runner.isStarted()).toBe(false);
    expect(runner.context.registry).toBe(defaultContext().registry);
    const [a, b] = await Promise.all([runner.run('whoami', {}), runner.run('whoami', {})]);
    expect([a.status, b.status, opened.n]).toEqual(['succeeded', 'succeeded', 1]);
    expect(runner.context.registry).toBe('127.0.0.1:5999');
    await runner.close();
    expect(opened.closed).toBe(1);
  });

  it('a start that failed is tried again on the next run', async () => {
    let tries = 0;
    const ok = fakeTarget({ n: 0, closed: 0 });
    const runner = lazyRunner(async () => { tries += 1; if (tries === 1) throw new Error('port busy'); return ok(); }, defaultContext());
    await expect(runner.run('whoami', {})).rejects.toThrow('port busy');
    expect((await runner.run('whoami', {})).status).toBe('succeeded');
    expect(tries).toBe(2);
  });

  it('closing a runner that never started does nothing', async () => {
    const opened = { n: 0, closed: 0 };
    await lazyRunner(fakeTarget(opened), defaultContext()).close();
    expect(opened).toEqual({ n: 0, closed: 0 });
  });
});

describe('unreachableRunner', () => {
  it('fails every step with the reason live AWS could not be opened, and nothing ran', async () => {
    const why = { id: 'dns-failure', cause: 'no DNS', fix: 'network' };
    const runner = unreachableRunner({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND sts.us-east-1.amazonaws.com', explanation: why }, defaultContext());
    const outcome = await runner.run('whoami', {});
    expect(outcome).toMatchObject({ stepId: 'whoami', status: 'failed', commands: [], output: [], error: { code: 'ENOTFOUND', explanation: why } });
    expect(venueFailure(outcome)).toBe('dns-failure');
  });
});

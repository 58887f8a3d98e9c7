// A step card's lines: docker's layer lines show once each, in place, never again after the
// digest line or after an error (issue 10, item 8); a failure's explanation with its code spans.
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { took } from '../../src/core/took.js';
import { linesToText } from '../../src/markdown/styled.js';
import { layerLinesInPlace, stepStatusLines } from '../../src/ui/step-status.js';
import type { StepRun } from '../../src/ui/use-step-runs.js';

// What `docker push` printed on the local ECR (docker 28), and the layer events parsed from it.
const pushed = [
  'The push refers to repository [127.0.0.1:45433/ecr-lab/demo]',
  'efdbb26f0381: Preparing',
  '4df49920d289: Preparing',
  '4df49920d289: Pushed',
  'efdbb26f0381: Pushed',
  'v1: digest: sha256:b0cc4cd9f1b9fc9ea2d86d1c226d72af7f34a589e5474b9a32a9ceee7a81ae7b size: 731',
  'ECR form: 123456789012.dkr.ecr.us-east-1.amazonaws.com/ecr-lab/demo@sha256:b0cc4cd9f1b9fc9ea2d86d1c226d72af7f34a589e5474b9a32a9ceee7a81ae7b',
];
const pushLayers = { efdbb26f0381: 'Pushed', '4df49920d289': 'Pushed' };

const texts = (run: StepRun): string[] => stepStatusLines(run, true, true, 200).map((l) => l.text);

describe('layer lines on a step card', () => {
  it('a finished push shows each layer once, at its first place, in its last state', () => {
    const shown = texts({ status: 'running', lines: pushed, layers: pushLayers });
    expect(shown.slice(0, 5)).toEqual([
      pushed[0], 'efdbb26f0381: Pushed', '4df49920d289: Pushed', pushed[5], pushed[6],
    ]);
    expect(shown.filter((l) => /^[0-9a-f]{12}: /.test(l))).toHaveLength(2);
    expect(shown[5]).toBe('… running');
  });

  it('a push that failed with name unknown does not repeat Preparing after the error', () => {
    const failed = ['The push refers to repository [127.0.0.1:45433/nosuch]', 'efdbb26f0381: Preparing', '4df49920d289: Preparing',
      "name unknown: The repository with name 'nosuch' does not exist in the registry with id '123456789012'"];
    const shown = texts({ status: 'running', lines: failed, layers: { efdbb26f0381: 'Preparing', '4df49920d289': 'Preparing' } });
    expect(shown.slice(0, 4)).toEqual(failed);
    expect(shown.filter((l) => l.includes('Preparing'))).toHaveLength(2);
  });

  it('progress that was never printed (the built-in engine\'s byte counts) is kept', () => {
    expect(layerLinesInPlace(['abcdefabcdef: Preparing'], { abcdefabcdef: 'Pushing 10/20', '0123456789ab': 'Pushing 0/5' }))
      .toEqual(['abcdefabcdef: Pushing 10/20', '0123456789ab: Pushing 0/5']);
  });
});

const failed = (fix: string): StepRun => ({
  status: 'done', lines: [], layers: {},
  outcome: {
    stepId: 'push-image', status: 'failed', commands: [], output: [], durationMs: 900, verified: [],
    error: { code: 'RepositoryNotFoundException', message: 'no such repository', explanation: { cause: 'The `ecr-lab/demo` repository is missing.', fix } },
  },
});

describe('stepStatusLines: a failure explained', () => {
  const fix = 'Run `docker images` to see what exists, then `docker tag <local image> <account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>` (or build it first).';

  it('with colour, draws code spans in colour and shows no raw backticks; every row is balanced', () => {
    const lines = stepStatusLines(failed(fix), true, true, 40, true);
    const text = linesToText(lines);
    expect(text).not.toContain('`');
    expect(stripVTControlCharacters(text).replace(/\s+/g, ' ')).toContain('Fix: Run docker images to see what exists, then docker tag');
    expect(text).toContain('\u001B[33mdocker images\u001B[39m');
    expect(linesToText(stepStatusLines(failed(fix), true, true, 60, true))).toContain('Cause: The \u001B[33mecr-lab/demo\u001B[39m repository is missing.');
    // A span broken over rows is closed at the end of one and opened again at the start of the next.
    const open = lines.filter((l) => l.text.lastIndexOf('\u001B[33m') > l.text.lastIndexOf('\u001B[39m'));
    expect(open.length).toBeGreaterThan(0);
    for (const l of open) expect(l.text.endsWith('\u001B[0m')).toBe(true);
    const next = lines[lines.indexOf(open[0]!) + 1]!;
    expect(next.text.startsWith('\u001B[33m')).toBe(true);
  });

  it('without colour, keeps the backticks as the only marker of the code', () => {
    const text = linesToText(stepStatusLines(failed(fix), true, true, 200, false));
    expect(text).toContain('Fix: Run `docker images` to see what exists');
    expect(text).not.toContain('\u001B[');
  });
});

describe('stepStatusLines: before a run', () => {
  it('wraps the hint in a narrow card instead of cutting it (40 columns: 32 inside)', () => {
    const text = linesToText(stepStatusLines(undefined, true, false, 32, false));
    expect(text.replace(/\n/g, ' ')).toBe('Tab to this card, then Enter to run it.');
    expect(text.split('\n').every((l) => l.length <= 32)).toBe(true);
  });
});

describe('stepStatusLines: output and verified lines that wrap', () => {
  it('go on under their first word, so a value carried down does not read as a line of its own', () => {
    const run: StepRun = {
      status: 'done', lines: ['repositoryArn: arn:aws:ecr:us-east-1:123456789012:repository/ecr-lab/demo'], layers: {},
      outcome: {
        stepId: 'create-repository', status: 'succeeded', commands: [], output: [], durationMs: 100,
        verified: [{ label: 'ledger', value: 'recorded in /tmp/a-long-state-dir/ledger.json' }],
      },
    };
    expect(stepStatusLines(run, true, true, 40).map((l) => l.text)).toEqual([
      'repositoryArn:',
      '  arn:aws:ecr:us-east-1:123456789012:rep',
      '  ository/ecr-lab/demo',
      '✔ succeeded in 100 ms',
      '✔ ledger: recorded in',
      '  /tmp/a-long-state-dir/ledger.json',
    ]);
  });
});

describe('how long a step took', () => {
  it('is milliseconds under a second, so a quick local step does not read as 0.0s, and tenths above', () => {
    expect([took(4), took(99.6), took(999), took(999.6), took(1000), took(1234)]).toEqual(['4 ms', '100 ms', '999 ms', '1.0s', '1.0s', '1.2s']);
  });
});

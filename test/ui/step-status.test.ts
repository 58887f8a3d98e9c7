// The lines under a step card's commands: a failure's explanation with its code spans.
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { linesToText } from '../../src/markdown/styled.js';
import { stepStatusLines } from '../../src/ui/step-status.js';
import type { StepRun } from '../../src/ui/use-step-runs.js';

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

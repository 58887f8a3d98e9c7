// Digests and describe-images' tree on a step card: a digest that does not fit its row goes
// down whole or is shortened as docker shortens image ids, never cut one character before its
// end; a tree row that wraps keeps the tree's guides on the rows it wraps onto.
import { describe, expect, it } from 'vitest';
import { stepStatusLines } from '../../src/ui/step-status.js';
import type { StepRun } from '../../src/ui/use-step-runs.js';
import type { StepOutcome } from '../../src/workflow/types.js';

const DIGEST = 'sha256:66de66e817d6d7502dde38968b414b09204f94b6593c2879558479a2298d13dc';
const OTHER = 'sha256:b0cc4cd9f1b9fc9ea2d86d1c226d72af7f34a589e5474b9a32a9ceee7a81ae7b';
const SHORT = 'sha256:66de66e817d6…';
const OTHER_SHORT = 'sha256:b0cc4cd9f1b9…';
/** The width of the status lines on an 80-column card in the TUI (the card is 76 wide inside the page). */
const CARD_80 = 72;

function done(stepId: string, printed: readonly string[], verified: StepOutcome['verified'], summary?: string): StepRun {
  return {
    status: 'done', lines: [...printed], layers: {},
    outcome: { stepId, status: 'succeeded', commands: [], output: [], durationMs: 100, verified, summary },
  };
}

const rows = (run: StepRun, width: number): string[] => stepStatusLines(run, true, true, width, false).map((l) => l.text);

const tagged = done('tag-image', [], [{ label: 'image id', value: DIGEST }]);
const pushed = done('push-image', [`v1: digest: ${OTHER} size: 731`], [], `ecr-lab/demo:v1 is in ECR as ${OTHER}; the digest is the image's identity.`);
const described = done('describe-images', [
  '127.0.0.1:44103',
  '└── ecr-lab/demo',
  `    ├── v1, latest -> ${OTHER}  731 bytes  pushed 2026-12-03T14:20:00.000Z  scan COMPLETE`,
  `    └── v0 -> ${DIGEST}  702 bytes  pushed 2026-12-03T14:10:00.000Z`,
], []);

describe('stepStatusLines: digests', () => {
  it('an 80-column card shortens a digest that a row two columns in cannot hold (71 > 70), never leaving its last character alone', () => {
    expect(rows(tagged, CARD_80)).toEqual(['✔ succeeded in 100 ms', `✔ image id: ${SHORT}`]);
  });

  it('a wider card moves the digest whole to the next row, two columns in', () => {
    expect(rows(tagged, 80)).toEqual(['✔ succeeded in 100 ms', '✔ image id:', `  ${DIGEST}`]);
  });

  it("docker's digest line is shortened and a summary's digest goes whole onto a row of its own at 80 columns", () => {
    expect(rows(pushed, CARD_80)).toEqual([
      `v1: digest: ${OTHER_SHORT} size: 731`,
      '✔ succeeded in 100 ms',
      'ecr-lab/demo:v1 is in ECR as',
      `${OTHER};`,
      "the digest is the image's identity.",
    ]);
  });

  it.each([40, 50, 60, 70, 71, 72, 73, 80, 90, 100])('at %i columns every row fits and every digest shows whole or short', (width) => {
    for (const run of [tagged, pushed, described]) {
      const shown = rows(run, width);
      for (const row of shown) expect(row.length).toBeLessThanOrEqual(width);
      const text = shown.join('\n');
      expect(text.includes(DIGEST) || text.includes(SHORT) || run === pushed).toBe(true);
      expect(text.includes(OTHER) || text.includes(OTHER_SHORT) || run === tagged).toBe(true);
      // A digest cut at a row's end would leave fewer than 64 hex digits on its row.
      for (const row of shown) for (const d of row.match(/sha256:[0-9a-f]*…?/g) ?? []) expect([71, 20]).toContain(d.length);
    }
  });
});

describe('stepStatusLines: an image reference by digest', () => {
  const ecrForm = done('push-image', [`ECR form: 123456789012.dkr.ecr.us-east-1.amazonaws.com/ecr-lab/demo@${OTHER}`], []);

  it.each<[number, string]>([[CARD_80, OTHER_SHORT], [100, OTHER]])('at %i columns breaks before the digest, which keeps a row to itself', (width, digest) => {
    expect(rows(ecrForm, width).slice(0, 3)).toEqual([
      'ECR form: 123456789012.dkr.ecr.us-east-1.amazonaws.com/ecr-lab/demo', `  @${digest}`, '✔ succeeded in 100 ms',
    ]);
  });

  it('at 60 columns the reference is cut where it must be, and its digest still starts a row of its own', () => {
    expect(rows(ecrForm, 52).slice(0, 4)).toEqual([
      'ECR form:', '  123456789012.dkr.ecr.us-east-1.amazonaws.com/', '  ecr-lab/demo', `  @${OTHER_SHORT}`,
    ]);
  });
});

describe('stepStatusLines: the describe-images tree', () => {
  it('a tree row that wraps goes on under its text, with the guide of a branch that goes on', () => {
    expect(rows(described, CARD_80)).toEqual([
      '127.0.0.1:44103',
      '└── ecr-lab/demo',
      `    ├── v1, latest -> ${OTHER_SHORT}  731 bytes  pushed`,
      '    │   2026-12-03T14:20:00.000Z  scan COMPLETE',
      `    └── v0 -> ${SHORT}  702 bytes  pushed`,
      '        2026-12-03T14:10:00.000Z',
      '✔ succeeded in 100 ms',
    ]);
  });

  it('at 60 columns every wrapped row keeps the guides', () => {
    const shown = rows(described, 60);
    const v1 = shown.findIndex((r) => r.startsWith('    ├── v1'));
    const v0 = shown.findIndex((r) => r.startsWith('    └── v0'));
    expect(v0 - v1).toBeGreaterThan(1);
    for (const row of shown.slice(v1 + 1, v0)) expect(row).toMatch(/^ {4}│ {3}\S/);
    for (const row of shown.slice(v0 + 1, shown.indexOf('✔ succeeded in 100 ms'))) expect(row).toMatch(/^ {8}\S/);
  });
});

describe('stepStatusLines: ecr-lab\'s own warnings', () => {
  it('shows them after the outcome, though the tools\' output was streamed', () => {
    const run = done('whoami', ['{"Account": "123456789012"}'], []);
    const warned: StepRun = { ...run, outcome: { ...run.outcome!, warnings: ['warning: /s/journal.jsonl had a line that did not read (line 3 is not JSON); kept it aside'] } };
    expect(rows(warned, CARD_80).slice(-2)).toEqual(['warning: /s/journal.jsonl had a line that did not read (line 3 is not', 'JSON); kept it aside']);
  });
});


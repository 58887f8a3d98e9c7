// How long the local scan lasts on its own clock, and how often a step asks: short for `run`
// (scripts, CI), long enough to watch where a learner does (the TUI, a presenter, a drill).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SCAN_DURATION_MS } from '../../src/local-ecr/control/ops/scans.js';
import { createLocalTarget, type LocalTarget } from '../../src/workflow/targets.js';
import { describeOutcome, PUSHED, runSteps } from './helpers.js';

let target: LocalTarget | undefined;
let dir: string | undefined;
afterEach(async () => {
  await target?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  target = undefined;
});

async function open(interactive: boolean): Promise<LocalTarget> {
  dir = await mkdtemp(join(tmpdir(), 'ecr-lab-pace-'));
  target = await createLocalTarget({ stateDir: dir, engine: 'builtin', dataDir: join(dir, 'local-ecr'), port: 0, dockerConfigDir: join(dir, 'docker'), interactive });
  await runSteps({ target, dir, dispose: async () => undefined }, PUSHED);
  return target;
}

/** The step's scan statuses and the DescribeImageScanFindings calls it made. */
async function scan(t: LocalTarget): Promise<{ statuses: string[]; asks: number; ms: number }> {
  const before = t.requestLog.last();
  const o = await t.runner.run('start-image-scan', {});
  expect(o.status, describeOutcome(o)).toBe('succeeded');
  const asks = t.requestLog.since(before).filter((e) => e.api === 'ecr:DescribeImageScanFindings').length;
  return { statuses: o.output.filter((l) => l.startsWith('describe-image-scan-findings: ')), asks, ms: o.durationMs };
}

describe('the local scan', () => {
  it('in a TUI, lasts a second and is asked about every 200 ms: the card sees IN_PROGRESS, then COMPLETE', async () => {
    const r = await scan(await open(true));
    expect(r.statuses).toEqual(['describe-image-scan-findings: IN_PROGRESS (asking again until it ends)', 'describe-image-scan-findings: COMPLETE']);
    expect(r.ms).toBeGreaterThanOrEqual(1000);
    expect(r.asks).toBeGreaterThanOrEqual(5);
    expect(r.asks).toBeLessThanOrEqual(7);
  });

  it('for run, lasts SCAN_DURATION_MS and is asked about every 4 ms', async () => {
    const r = await scan(await open(false));
    expect(r.statuses.at(-1)).toBe('describe-image-scan-findings: COMPLETE');
    expect(r.ms).toBeGreaterThanOrEqual(SCAN_DURATION_MS);
    expect(r.ms).toBeLessThan(1000);
    // Every 4 ms over 10 ms is ~3 asks; a loaded machine asks fewer times (its first ask may
    // even come after the scan), never more.
    expect(r.asks).toBeGreaterThanOrEqual(1);
    expect(r.asks).toBeLessThanOrEqual(Math.ceil(SCAN_DURATION_MS / 4) + 2);
  });
});

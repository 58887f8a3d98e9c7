// The learner's clock moves survive a restart of the local ECR on the same data directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { persistentClock } from '../../src/local-ecr/clock.js';
import { startLocalEcr } from '../../src/local-ecr/server.js';

let dir: string | undefined;
afterEach(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

describe('the clock of a data directory', () => {
  it('keeps a move across a restart, and a reset too; a fault shift is not kept', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecr-lab-clock-'));
    const first = await startLocalEcr({ dataDir: dir });
    first.context.clock.advance(13 * 3_600_000);
    first.context.clock.setShift(5_000);
    // close() waits for the move to be written: nothing waits for it here.
    await first.close();
    const second = await startLocalEcr({ dataDir: dir });
    expect(second.context.clock.moved()).toBe(13 * 3_600_000);
    expect(second.context.clock.offset()).toBe(13 * 3_600_000);
    second.context.clock.advance(1_000);
    second.context.clock.reset();
    await second.close();
    const third = await startLocalEcr({ dataDir: dir });
    expect(third.context.clock.moved()).toBe(0);
    // A data dir removed right after close() must not meet a clock write still under way.
    third.context.clock.advance(60_000);
    await third.close();
    await rm(dir, { recursive: true });
    dir = undefined;
  });

  it('has written the last of several moves once flush() resolves', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ecr-lab-clock-'));
    const { clock, flush } = await persistentClock(dir);
    clock.advance(1_000);
    clock.advance(2_000);
    await flush();
    expect(JSON.parse(readFileSync(join(dir, 'clock.json'), 'utf8'))).toEqual({ movedMs: 3_000 });
  });
});

// The rehearsal record: seconds per slide against the plan, the printed table, the saved file.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rehearsal, rehearsalTable, saveRehearsal } from '../../src/state/rehearsals.js';

const deck = { id: 'talk', title: 'A talk', slides: [{ title: 'Opening' }, { title: 'The token' }, { title: 'Close' }] };
const start = Date.UTC(2026, 11, 2, 9, 0, 0);
const all = [true, true, true];
const r = rehearsal(deck, [60, 120, 0], { spentMs: [75_400, 90_000, 30_000], reached: all, startedAt: start, endedAt: start + 195_400 });

describe('rehearsal', () => {
  it('rounds each slide to whole seconds and adds up the plan', () => {
    expect(r.slides).toEqual([
      { slide: 1, title: 'Opening', plannedSeconds: 60, spentSeconds: 75 },
      { slide: 2, title: 'The token', plannedSeconds: 120, spentSeconds: 90 },
      { slide: 3, title: 'Close', plannedSeconds: 0, spentSeconds: 30 },
    ]);
    expect([r.plannedSeconds, r.spentSeconds, r.startedAt]).toEqual([180, 195, '2026-12-02T09:00:00.000Z']);
  });

  // Rounded one by one, slides paged at 0.6 s added up to more than the clock had run.
  it('rounds the total once and spreads the rounding so the slides add up to it', () => {
    const quick = rehearsal({ ...deck, slides: [...deck.slides, { title: 'Four' }, { title: 'Five' }] }, [12, 12, 12, 12, 12],
      { spentMs: [600, 600, 600, 600, 600], reached: [...all, true, true], startedAt: start, endedAt: start + 4_500 });
    expect(quick.slides.map((s) => s.spentSeconds)).toEqual([1, 1, 1, 0, 0]);
    expect(quick.spentSeconds).toBe(3);
    expect(rehearsalTable(quick).at(-1)).toBe('     total         1:00     0:03    -0:57');
  });

  it('prints planned, spent and the difference of each slide and the total', () => {
    const table = rehearsalTable(r);
    expect(table[0]).toBe('rehearsal of talk (A talk)');
    expect(table[2]).toBe('  1  Opening       1:00     1:15    +0:15');
    expect(table[3]).toBe('  2  The token     2:00     1:30    -0:30');
    expect(table[4]).toBe('  3  Close         0:00     0:30    +0:30');
    expect(table[5]).toBe('     total         3:00     3:15    +0:15');
  });

  // Unvisited slides read 0:00 spent and -2:00 diff, and the total -14:24: like slides passed quickly.
  it('marks the slides not reached and compares the total with the plan of those reached', () => {
    const early = rehearsal(deck, [60, 120, 0], { spentMs: [75_400, 0, 0], reached: [true, false, false], startedAt: start, endedAt: start + 75_400 });
    expect(early.slides.map((s) => s.spentSeconds)).toEqual([75, null, null]);
    expect(rehearsalTable(early).slice(2)).toEqual([
      '  1  Opening       1:00     1:15    +0:15',
      '  2  The token     2:00        —        —',
      '  3  Close         0:00        —        —',
      '     total         3:00     1:15    +0:15',
      "— not reached; the total's diff is against the 1:00 planned for the 1 of 3 slides reached",
    ]);
  });

  it('is saved as JSON under rehearsals/, named after the deck and the time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecr-lab-rehearsal-'));
    const file = await saveRehearsal(dir, r);
    expect(file).toBe(join(dir, 'rehearsals', 'talk-2026-12-02T09-03-15-400Z.json'));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(r);
    expect(readdirSync(join(dir, 'rehearsals'))).toEqual(['talk-2026-12-02T09-03-15-400Z.json']);
  });
});

// The lesson and drill lists: their one-line rows (score, drills, keys) drop whole parts rather
// than end in a word cut short (`quiz: none answered yet o…`, `· d…`), and a list cut to its
// window says which of its items it shows.
import { Box } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { loadDrills } from '../../src/cli/drills-content.js';
import { EMPTY_PROGRESS } from '../../src/core/progress.js';
import { LessonList } from '../../src/ui/LessonList.js';
import { fixtureLessons } from './fixture.js';

describe('LessonList at 36 columns inside the frame', () => {
  it('keeps each row\'s parts whole', async () => {
    const { drills } = await loadDrills();
    const frame = render(<Box width={36}><LessonList lessons={fixtureLessons()} progress={EMPTY_PROGRESS} selected={0} drills={drills} width={36} height={11} /></Box>)
      .lastFrame() ?? '';
    const rows = frame.split('\n');
    expect(rows[0]).toBe('Lessons');
    expect(rows.at(-2)).toMatch(/^drills: \d+\/\d+ done, best total \d+$/);
    expect(rows.at(-1)).toBe('↑↓ choose · Enter open · ✔ done');
  });
});

describe('LessonList cut to its window', () => {
  const many = Array.from({ length: 12 }, (_, i) => ({ ...fixtureLessons()[0]!, id: `l${i + 1}`, title: `Lesson ${i + 1}` }));
  const heading = (selected: number, height: number) =>
    (render(<Box width={60}><LessonList lessons={many} progress={EMPTY_PROGRESS} selected={selected} width={60} height={height} /></Box>).lastFrame() ?? '').split('\n')[0];

  it('says which of its lessons it shows, as the selection moves', () => {
    expect(heading(0, 14)).toMatch(/^Lessons · 1-\d+ of 12 · quiz: /);
    expect(heading(11, 14)).toMatch(/^Lessons · \d+-12 of 12 · quiz: /);
  });

  it('says nothing of it when every lesson is in view', () => {
    expect(heading(0, 40)).toMatch(/^Lessons · quiz: [^·]*$/);
  });
});

describe('DrillList cut to its window', () => {
  it('says which drills it shows; every drill in view, it says only the score', async () => {
    const { DrillList } = await import('../../src/ui/DrillList.js');
    const { drills } = await loadDrills();
    const heading = (height: number) => (render(<Box width={60}><DrillList drills={drills} lessons={fixtureLessons()} progress={EMPTY_PROGRESS} selected={0} isLive={false} width={60} height={height} /></Box>)
      .lastFrame() ?? '').split('\n')[0];
    expect(heading(14)).toMatch(new RegExp(`^Drills · 1-9 of ${drills.length} · 0/${drills.length} done`));
    expect(heading(40)).toMatch(new RegExp(`^Drills · 0/${drills.length} done`));
  });
});

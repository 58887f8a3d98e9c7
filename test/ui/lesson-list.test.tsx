// The lesson list at 40 columns: its one-line rows (score, drills, keys) drop whole parts
// rather than end in a word cut short (`quiz: none answered yet o…`, `· d…`).
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

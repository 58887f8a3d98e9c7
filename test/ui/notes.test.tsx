// The speaker-notes screen through ink-testing-library: a snapshot, the next one, the waiting
// state, the timer running on between snapshots, scrolling long notes, and the smallest sizes.
import { render } from 'ink-testing-library';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PresenterSnapshot } from '../../src/core/presenter-snapshot.js';
import { loadMarkdown } from '../../src/markdown/render.js';
import { NotesApp, type NotesAppProps } from '../../src/ui/notes/NotesApp.js';
import { snapshot } from '../workflow/present-fixture.js';
import { flatText, widestLine } from './harness.js';
import { ARROW_DOWN, ARROW_UP, PAGE_DOWN, waitForFrame } from './keys.js';

const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);

async function renderNotes(props: Partial<NotesAppProps>, columns = 80, rows = 24) {
  let exits = 0;
  const base = (p: Partial<NotesAppProps>): NotesAppProps => ({
    status: 'connected', stateDir: '/tmp/state', size: { columns, rows }, now: () => T0, onExit: () => { exits += 1; }, ...p,
  });
  const instance = render(<NotesApp {...base(props)} />);
  const frame = (): string => instance.lastFrame() ?? '';
  const waitFor = (what: string | ((t: string) => boolean)): Promise<string> =>
    waitForFrame(frame, typeof what === 'string' ? (t) => t.includes(what) : what);
  await waitFor((t) => t.trim() !== '');
  await waitForFrame(() => String(instance.stdin.listenerCount('readable')), (n) => n !== '0');
  return {
    frame, waitFor, exits: () => exits,
    press: (key: string) => instance.stdin.write(key),
    update: (p: Partial<NotesAppProps>) => instance.rerender(<NotesApp {...base({ ...props, ...p })} />),
  };
}

const at = (slide: number, extra: Partial<PresenterSnapshot> = {}): PresenterSnapshot =>
  snapshot(slide, { sentAt: T0, elapsedMs: 120_000, slideElapsedMs: 30_000, ...extra });

const longNotes = Array.from({ length: 40 }, (_, i) => `Point number ${i + 1}.`).join('\n\n');

beforeAll(async () => {
  await loadMarkdown();
});

describe('ecr-lab notes on screen', () => {
  it('shows n/m and the title, the timer, the notes as markdown, the next slide and the last step', async () => {
    const ui = await renderNotes({ snapshot: at(2, {
      title: 'Linux users vs IAM', notes: 'Ask who has **root** on a box.\n\n- a user\n- a role',
      nextTitle: 'The auth flow',
      lastStep: { stepId: 'create-repository', status: 'succeeded', target: 'fallback', summary: 'repository ecr-lab/hello created' },
    }) });
    const frame = ui.frame();
    expect(frame).toContain('3/12  Linux users vs IAM');
    expect(frame).toContain('elapsed 2:00 · 43:00 left · slide 0:30 of 3:00');
    expect(frame).toContain('Ask who has root on a box.');
    expect(frame).not.toContain('**');
    expect(frame).toMatch(/\* a role|• a role/);
    expect(frame).toContain('Next: The auth flow');
    expect(flatText(frame)).toContain('Last step: create-repository succeeded on local ECR (fallback after live failed) · repository ecr-lab/hello created');
  });

  it('follows the next snapshot', async () => {
    const ui = await renderNotes({ snapshot: at(0) });
    ui.update({ snapshot: at(1, { title: 'What ECR is', notes: 'Registry, repository, image.', nextTitle: undefined }) });
    const frame = await ui.waitFor('2/12  What ECR is');
    expect(frame).toContain('Registry, repository, image.');
    expect(frame).toContain('Next: (this is the last slide)');
    expect(frame).not.toContain('Notes for slide 1.');
  });

  it('keeps the timer running from sentAt between snapshots, and says when it is over', async () => {
    let clock = T0;
    const ui = await renderNotes({ snapshot: at(3, { elapsedMs: 44 * 60_000 }), now: () => clock });
    expect(ui.frame()).toContain('elapsed 44:00 · 1:00 left');
    ui.update({ snapshot: at(3, { elapsedMs: 44 * 60_000, isBlank: true }) });
    await ui.waitFor('the screen is blanked');
    clock = T0 + 90_000;
    const frame = await ui.waitFor('elapsed 45:30 · +0:30 over');
    expect(frame).toContain('slide 2:00 of 3:00');
  });

  it('says it is waiting for a presenter, in which state dir, and where the talk was', async () => {
    const ui = await renderNotes({ status: 'waiting', snapshot: undefined, stateDir: '/home/me/.local/state/ecr-lab' });
    expect(ui.frame()).toContain('waiting for `ecr-lab present` in this state dir (/home/me/.local/state/ecr-lab)');
    ui.update({ status: 'waiting', snapshot: at(4, { title: 'Push' }) });
    await ui.waitFor('the presenter quit at 5/12  Push');
  });

  it('scrolls notes longer than the window, and starts the next slide at the top', async () => {
    const ui = await renderNotes({ snapshot: at(5, { notes: longNotes }) });
    expect(ui.frame()).toContain('Point number 1.');
    expect(ui.frame()).toMatch(/lines 1-16 of \d+/);
    ui.press(ARROW_DOWN);
    await ui.waitFor((t) => /lines 2-17 of/.test(t));
    ui.press(PAGE_DOWN);
    const paged = await ui.waitFor((t) => /lines 17-32 of/.test(t));
    expect(paged).not.toContain('Point number 1.');
    ui.press(ARROW_UP);
    await ui.waitFor((t) => /lines 16-31 of/.test(t));
    ui.update({ snapshot: at(6, { notes: longNotes }) });
    await ui.waitFor((t) => /lines 1-16 of/.test(t) && t.includes('7/12'));
  });

  it('quits on q', async () => {
    const ui = await renderNotes({ snapshot: at(0) });
    ui.press('q');
    await waitForFrame(() => String(ui.exits()), (n) => n === '1');
  });

  for (const [columns, rows] of [[80, 24], [60, 20]] as const) {
    it(`fits ${columns}x${rows} with long titles, notes and summaries`, async () => {
      const ui = await renderNotes({ snapshot: at(11, {
        title: 'Troubleshooting live with faults switched on, one after the other, until the room is tired',
        notes: longNotes,
        lastStep: { stepId: 'push-image', status: 'failed', target: 'live', summary: 'ThrottlingException: Rate exceeded '.repeat(5) },
      }) }, columns, rows);
      const frame = ui.frame();
      expect(widestLine(frame)).toBeLessThanOrEqual(columns);
      expect(frame.split('\n').length).toBeLessThanOrEqual(rows - 1);
      expect(frame).toContain('12/12');
      expect(frame).toContain('Last step: push-image failed on live AWS');
      expect(frame).toContain('q quit');
    });
  }
});

// The frame kept when a session quits is the one the next start draws first: the App rendered
// off screen (firstFrameOf) writes the very bytes a real mount in a terminal writes first, on the
// list and resumed in a lesson, with the prose not yet rendered as at every start.
import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it } from 'vitest';
import { adoptFirstFrame } from '../../src/cli/first-frame.js';
import { importTui } from '../../src/cli/import-tui.js';
import { EMPTY_PROGRESS, type Progress } from '../../src/core/progress.js';
import { defaultContext } from '../../src/core/steps.js';
import { loadMarkdown } from '../../src/markdown/render.js';
import type { AppProps } from '../../src/ui/App.js';
import { fixtureLessons } from './fixture.js';

const OPTIONS = { exitOnCtrlC: true, maxFps: 240 } as const;

// Ink is loaded as the TUI loads it (importTui): with CI set, as on a CI machine, Ink loaded
// directly would hold every frame back to the unmount, which no terminal start does.
const { App, firstFrameOf, mountScreen } = await importTui(async () => ({
  ...await import('../../src/cli/screen.js'), ...await import('../../src/ui/App.js'),
}));

function props(progress: Progress): AppProps {
  return {
    lessons: fixtureLessons(), progress, onProgress: () => undefined, onExit: () => undefined,
    target: { label: 'local ECR (starting…)', context: defaultContext() }, drills: [], isProseReady: false,
  };
}

/** A terminal as Ink meets it at start: a TTY stdout of a size, a TTY stdin that takes raw mode. */
function terminal(columns: number, rows: number) {
  const written: string[] = [];
  const stdout = Object.assign(new EventEmitter(), { isTTY: true, columns, rows, write: (s: string) => { written.push(s); return true; } });
  const stdin = Object.assign(new EventEmitter(), {
    isTTY: true, setRawMode: () => undefined, setEncoding: () => undefined, ref: () => undefined, unref: () => undefined,
    read: () => null,
  });
  return { written, stdout, stdin };
}

/** The bytes a real start's mount writes in its first render, as runTui mounts the App. */
function mountedFirstFrame(p: AppProps, columns: number, rows: number): string {
  const t = terminal(columns, rows);
  let bytes = '';
  const screen = mountScreen(App, () => p, {
    ...OPTIONS, stdout: t.stdout as unknown as NodeJS.WriteStream, stdin: t.stdin as unknown as NodeJS.ReadStream,
    stderr: t.stdout as unknown as NodeJS.WriteStream, patchConsole: false,
  }, (render) => {
    const adopted = adoptFirstFrame(render, undefined, t.stdout);
    bytes = adopted.bytes;
    return adopted.value;
  });
  screen.quit();
  return bytes;
}

describe('the kept first frame', () => {
  // The renderer loaded, as it is when a session quits: the frames must still show `…`.
  beforeAll(async () => { await loadMarkdown(); });

  const resumed: Progress = { ...EMPTY_PROGRESS, lessons: { 'first-push': { pagesSeen: [0, 1], answers: {} } }, last: { lessonId: 'first-push', page: 1 } } as Progress;
  for (const [name, progress] of [['on the list', EMPTY_PROGRESS], ['resumed in a lesson', resumed]] as const) {
    for (const [columns, rows] of [[80, 24], [60, 20], [120, 40]] as const) {
      it(`is the bytes a real start writes first, ${name}, at ${columns}x${rows}`, () => {
        const kept = firstFrameOf(App, props(progress), columns, rows, OPTIONS);
        expect(kept).toContain(name === 'on the list' ? 'Lessons' : 'page 2/');
        if (name !== 'on the list') expect(kept).toContain('…');
        expect(kept).toContain('local ECR (starting…)');
        expect(kept.split('\n')).toHaveLength(rows);
        expect(mountedFirstFrame(props(progress), columns, rows)).toBe(kept);
      });
    }
  }

  it('differs when the progress does, so a stale frame is never taken for the next start', () => {
    expect(firstFrameOf(App, props(resumed), 80, 24, OPTIONS)).not.toBe(firstFrameOf(App, props(EMPTY_PROGRESS), 80, 24, OPTIONS));
  });
});

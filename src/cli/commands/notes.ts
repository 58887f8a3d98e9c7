// `ecr-lab notes`: follows the `ecr-lab present` of this state dir from a second terminal. In a
// terminal it draws the notes screen; otherwise it prints one plain block per slide change
// (for logs and tests) until it is stopped, waiting again whenever the presenter quits.
import type { PresenterSnapshot } from '../../core/presenter-snapshot.js';
import { loadMarkdown } from '../../markdown/render.js';
import { stateDir } from '../../state/paths.js';
import { NotesApp, type NotesAppProps, type NotesStatus } from '../../ui/notes/NotesApp.js';
import { changeKey, plainBlock, waitingText } from '../../ui/notes/notes-text.js';
import { followPresenter } from '../../workflow/present-follower.js';
import { holdWarnings } from '../held-warnings.js';
import type { Interrupt } from '../interrupt.js';
import { mountScreen } from '../screen.js';

function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Runs `ecr-lab notes` until `q` or Ctrl-C (terminal), SIGINT (`interrupt`) or SIGTERM; exit code 0. */
export async function notes(_opts: Record<string, unknown>, interrupt: Interrupt): Promise<number> {
  const dir = stateDir();
  await loadMarkdown();
  if (process.stdin.isTTY !== true || process.stdout.isTTY !== true) return plainNotes(dir, interrupt);
  if (interrupt.isRequested) return 0;
  let snapshot: PresenterSnapshot | undefined;
  let status: NotesStatus = 'connecting';
  const props = (): NotesAppProps => ({ snapshot, status, stateDir: dir, onExit: () => screen.quit() });
  const releaseWarnings = holdWarnings();
  const screen = mountScreen(NotesApp, props, { exitOnCtrlC: true });
  const rerender = (): void => screen.refresh();
  interrupt.onRequest(() => screen.quit());
  const follower = followPresenter(dir, {
    onSnapshot: (s) => { snapshot = s; rerender(); },
    onStatus: (s) => { status = s; rerender(); },
  });
  await screen.quitted;
  follower.close();
  releaseWarnings();
  return 0;
}

/** Prints each change as a block; a snapshot that only moves the clocks is not a change. */
function plainNotes(dir: string, interrupt: Interrupt): Promise<number> {
  const width = Math.min(process.stdout.columns || 80, 100);
  let lastKey: string | undefined;
  return new Promise((resolve) => {
    const follower = followPresenter(dir, {
      onSnapshot: (s) => {
        const key = changeKey(s);
        if (key === lastKey) return;
        lastKey = key;
        out(plainBlock(s, Date.now(), width));
      },
      onStatus: (s) => {
        if (s === 'connected') return out('following `ecr-lab present`');
        // After a restart the first slide is printed again, even if it is the same one.
        lastKey = undefined;
        out(waitingText(dir));
      },
    });
    const stop = (): void => {
      process.off('SIGTERM', stop);
      follower.close();
      resolve(0);
    };
    process.on('SIGTERM', stop);
    interrupt.onRequest(stop);
  });
}

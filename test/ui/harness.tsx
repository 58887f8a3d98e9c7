// Renders the App with test doubles and gives each test a way to press keys and wait.
import { render } from 'ink-testing-library';
import stringWidth from 'string-width';
import type { Lesson } from '../../src/core/lesson.js';
import { EMPTY_PROGRESS, type Progress } from '../../src/core/progress.js';
import { defaultContext } from '../../src/core/steps.js';
import { App, type AppProps } from '../../src/ui/App.js';
import { waitForFrame } from './keys.js';
import { fixtureLessons } from './fixture.js';

export interface Harness {
  readonly frame: () => string;
  readonly press: (key: string) => void;
  readonly waitFor: (what: string | ((text: string) => boolean)) => Promise<string>;
  readonly saved: Progress[];
  readonly exits: () => number;
  readonly instance: ReturnType<typeof render>;
}

/**
 * Renders the App at `columns` x `rows` (80x24 unless told) and waits for its first frame;
 * above 100 columns the test stdout is widened to match.
 * With `columns` null the App follows the test stdout (100 columns, no rows: 24 assumed).
 */
export async function renderApp(
  overrides: Partial<AppProps> & { lessons?: readonly Lesson[] } = {}, columns: number | null = 80, rows = 24,
): Promise<Harness> {
  const saved: Progress[] = [];
  let exits = 0;
  const app = (
    <App
      lessons={fixtureLessons()}
      progress={EMPTY_PROGRESS}
      onProgress={(p) => saved.push(p)}
      target={{ label: 'local ECR', context: defaultContext() }}
      onExit={() => { exits += 1; }}
      size={columns === null ? undefined : { columns, rows }}
      {...overrides}
    />
  );
  const instance = render(app);
  if (columns !== null && columns > 100) {
    // ink-testing-library's stdout is 100 columns wide and Ink cuts its output there: widen it.
    Object.defineProperty(instance.stdout, 'columns', { value: columns, configurable: true });
    instance.rerender(app);
  }
  const frame = (): string => instance.lastFrame() ?? '';
  const waitFor = (what: string | ((text: string) => boolean)): Promise<string> =>
    waitForFrame(frame, typeof what === 'string' ? (t) => t.includes(what) : what);
  await waitFor((t) => t.trim() !== '');
  // Ink attaches its input listener in an effect after the first frame; keys sent before are lost.
  await waitForFrame(() => String(instance.stdin.listenerCount('readable')), (n) => n !== '0');
  return { frame, press: (key) => instance.stdin.write(key), waitFor, saved, exits: () => exits, instance };
}

/** The widest line of a frame, in terminal columns (a CJK character or an emoji takes two). */
export function widestLine(frame: string): number {
  return Math.max(...frame.split('\n').map((l) => stringWidth(l)));
}

/** The words of a frame with borders and line breaks removed, to find text that wrapped. */
export function flatText(frame: string): string {
  return frame.replace(/[│╭╮╰╯]/g, ' ').replace(/\s+/g, ' ');
}

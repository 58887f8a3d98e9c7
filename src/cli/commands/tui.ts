// Starts the TUI: loads progress, renders the Ink app, saves every change atomically.
import { createElement } from 'react';
import { render } from 'ink';
import type { Lesson } from '../../core/lesson.js';
import type { Progress } from '../../core/progress.js';
import { defaultContext } from '../../core/steps.js';
import type { ProgressStore } from '../../state/progress-store.js';
import { App } from '../../ui/App.js';

type Opts = Record<string, unknown>;

export async function runTui(lessons: readonly Lesson[], store: ProgressStore, _opts: Opts): Promise<number> {
  const loaded = await store.load();
  if (loaded.warning) process.stderr.write(`${loaded.warning}\n`);
  let saving: Promise<void> = Promise.resolve();
  const onProgress = (p: Progress) => {
    saving = store.save(p);
  };
  const app = render(createElement(App, {
    lessons,
    progress: loaded.value,
    onProgress,
    target: { label: 'local ECR', context: defaultContext() },
    onExit: () => app.unmount(),
  }), { exitOnCtrlC: true });
  await app.waitUntilExit();
  await saving;
  return 0;
}

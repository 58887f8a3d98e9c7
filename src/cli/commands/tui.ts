// Starts the TUI: loads progress, renders the Ink app, saves every change atomically.
// On the local ECR the first frame is drawn before the emulator starts; the step cards
// get their runner a moment later. Live AWS is connected first, so a missing credential
// is one line before any screen.
import { createElement } from 'react';
import { render } from 'ink';
import type { Lesson } from '../../core/lesson.js';
import type { Progress } from '../../core/progress.js';
import { defaultContext } from '../../core/steps.js';
import type { ProgressStore } from '../../state/progress-store.js';
import type { Target } from '../../workflow/targets.js';
import { App, type AppProps } from '../../ui/App.js';
import { loadMarkdown } from '../../markdown/render.js';
import { openTarget, targetLabel, type TargetFlags } from '../target.js';
import { printRemaining } from './cleanup.js';

export async function runTui(
  lessons: readonly Lesson[], progress: Progress, store: ProgressStore, flags: TargetFlags,
): Promise<number> {
  let target: Target | undefined = flags.live ? await openTarget(flags) : undefined;
  let saving: Promise<void> = Promise.resolve();
  let startFailure: string | undefined;
  const props = (): AppProps => ({
    lessons,
    progress,
    onProgress: (p: Progress) => { saving = store.save(p); },
    target: target
      ? { label: targetLabel(target), context: target.context }
      : { label: startFailure ? `local ECR did not start: ${startFailure}` : 'local ECR (starting…)', context: defaultContext() },
    runner: target?.runner,
    inspector: target?.inspector,
    onExit: () => app.unmount(),
  });
  const app = render(createElement(App, props()), { exitOnCtrlC: true });
  const markdown = loadMarkdown().then(() => app.rerender(createElement(App, props())));
  const starting = target ? Promise.resolve() : openTarget(flags).then(
    (t) => { target = t; app.rerender(createElement(App, props())); },
    (err: unknown) => { startFailure = (err as Error).message; app.rerender(createElement(App, props())); },
  );
  await app.waitUntilExit();
  await Promise.all([saving, starting, markdown]);
  if (target) {
    if (target.context.kind === 'live') await printRemaining(target.context);
    await target.close();
  }
  if (startFailure) process.stderr.write(`ecr-lab: the local ECR did not start: ${startFailure}\n`);
  return startFailure ? 1 : 0;
}

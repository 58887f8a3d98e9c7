// Mounts an Ink screen once and feeds it new props through a store, never through Ink's
// rerender: a change that lands after the screen has quit (the markdown, the local ECR
// starting) then finds no subscriber, where a rerender would mount the whole app again.
import { createElement, useSyncExternalStore, type ComponentType, type ReactElement } from 'react';
import { EventEmitter } from 'node:events';
import { render, type RenderOptions } from 'ink';

/** A mounted screen. */
export interface Screen {
  /** Reads the props again and draws them; does nothing once the screen has quit. */
  refresh(): void;
  /** Quits the screen, as its quit key does (again: nothing). */
  quit(): void;
  /** Resolves once the screen has quit, whichever way. */
  readonly quitted: Promise<void>;
}

/**
 * Renders `component` with `props()`, read again at each `refresh()`. `firstRender` runs Ink's
 * first (synchronous) render, which writes the first frame: see first-frame.ts.
 */
export function mountScreen<P extends object>(
  component: ComponentType<P>, props: () => P, options: RenderOptions, firstRender: <T>(render: () => T) => T = (r) => r(),
): Screen {
  let current = props();
  const listeners = new Set<() => void>();
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => { listeners.delete(listener); };
  };
  const snapshot = () => current;
  const Fed = (): ReactElement => createElement(component, useSyncExternalStore(subscribe, snapshot));
  const app = firstRender(() => render(createElement(Fed), options));
  // Asked for at once: Ink resolves only a wait that exists when it unmounts.
  const quitted = app.waitUntilExit().then(() => undefined);
  return {
    refresh: () => {
      current = props();
      for (const listener of listeners) listener();
    },
    quit: () => app.unmount(),
    quitted,
  };
}

/**
 * The bytes Ink's first render of `component` with `props` writes to a terminal of `columns` x
 * `rows` with keys not read yet: what a start with these props shows first. Rendered off screen
 * into a stand-in terminal, then unmounted.
 */
export function firstFrameOf<P extends object>(
  component: ComponentType<P>, props: P, columns: number, rows: number, options: RenderOptions = {},
): string {
  let bytes = '';
  let isFirst = true;
  const stdout = Object.assign(new EventEmitter(), {
    isTTY: true, columns, rows,
    write: (chunk: string) => { if (isFirst) bytes += chunk; return true; },
  });
  const stdin = Object.assign(new EventEmitter(), { isTTY: false, setEncoding: () => undefined, ref: () => undefined, unref: () => undefined });
  const app = render(createElement(component, props), {
    ...options, stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: stdout as unknown as NodeJS.WriteStream, patchConsole: false, exitOnCtrlC: false,
  });
  isFirst = false;
  app.unmount();
  return bytes;
}

// Mounts an Ink screen once and feeds it new props through a store, never through Ink's
// rerender: a change that lands after the screen has quit (the markdown, the local ECR
// starting) then finds no subscriber, where a rerender would mount the whole app again.
import { createElement, useSyncExternalStore, type ComponentType, type ReactElement } from 'react';
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

/** Renders `component` with `props()`, read again at each `refresh()`. */
export function mountScreen<P extends object>(component: ComponentType<P>, props: () => P, options: RenderOptions): Screen {
  let current = props();
  const listeners = new Set<() => void>();
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => { listeners.delete(listener); };
  };
  const snapshot = () => current;
  const Fed = (): ReactElement => createElement(component, useSyncExternalStore(subscribe, snapshot));
  const app = render(createElement(Fed), options);
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

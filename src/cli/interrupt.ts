// SIGINT while a screen command runs. The terminal turns Ctrl-C into SIGINT until Ink reads keys
// in raw mode and again once it has let go (and `kill -INT` sends one at any time): the screen
// quits on it as on its own Ctrl-C, so the local ECR is closed and the exit status is the same.
//
// Our listener must be on SIGINT from the command's start: while a listener that is not
// signal-exit's own is there, every signal-exit copy in the bundle (Ink's and restore-cursor's
// 3.x, execa's 4.x) leaves the signal alone. Without it, Ink's copy unmounts and re-raises the
// signal, so the process dies before the target is closed; or, once 4.x counts 3.x's listeners
// and an exit callback returns true, it unloads without re-raising and the process lingers.

import { takeEarlyInterrupt } from './early-interrupt.js';

/** A SIGINT taken as a request to quit. */
export interface Interrupt {
  /** True once a SIGINT has come. */
  readonly isRequested: boolean;
  /** Calls `quit` at the first SIGINT, or at once if one has come already. */
  onRequest(quit: () => void): void;
  /** Stops listening: SIGINT has Node's (or signal-exit's) meaning again. */
  release(): void;
}

/** Listens for SIGINT until `release()`; a second one while quitting changes nothing. */
export function catchInterrupt(): Interrupt {
  let isRequested = false;
  let quit: (() => void) | undefined;
  const listener = (): void => {
    isRequested = true;
    quit?.();
  };
  process.on('SIGINT', listener);
  // One that came while the early first frame was up (early-interrupt.ts), now that ours is on.
  if (takeEarlyInterrupt()) isRequested = true;
  return {
    get isRequested() { return isRequested; },
    onRequest: (fn) => {
      quit = fn;
      if (isRequested) fn();
    },
    release: () => { process.off('SIGINT', listener); },
  };
}

// Ink 6.8's useInput throws on a colour code in the input (its key parser reads `ESC[31m` as a
// Ctrl key with no name), and the throw ends the process: pasting an error text copied with its
// colours would quit the TUI. A colour code is never a key, so it is dropped before Ink sees it.
import { useEffect } from 'react';
import { useStdin } from 'ink';

// Ink's input parser hands each escape sequence of a paste over as an input event of its own.
const COLOUR_CODE = /^\u001B\[[0-9;:]*m$/;

/** While mounted, input events that are colour codes (SGR) reach no input handler. */
export function useColourCodeGuard(): void {
  const { internal_eventEmitter: events } = useStdin();
  useEffect(() => {
    const emit = events.emit;
    events.emit = function guarded(this: typeof events, name: string | symbol, ...args: unknown[]): boolean {
      if (name === 'input' && typeof args[0] === 'string' && COLOUR_CODE.test(args[0])) return false;
      return emit.call(this, name, ...args);
    };
    return () => { events.emit = emit; };
  }, [events]);
}

// SIGINT between the early first frame (early-frame.ts) and the screen command's own listener
// (interrupt.ts). The frame is on screen before the terminal is in raw mode and before the ES
// module build has loaded, so a Ctrl-C typed as soon as it shows reaches the process as SIGINT,
// which with no listener would kill it with the terminal still raw and no clean quit. This
// listener only notes it; catchInterrupt() takes the note over with its own listener on, so
// SIGINT is never without one (interrupt.ts says why that matters).

// Symbol.for: dist/early-frame.cjs and dist/main.js each bundle a copy of this module.
const NOTE = Symbol.for('ecr-lab.early-interrupt');
interface Note {
  isRequested: boolean;
  readonly listener: () => void;
}
type Holder = { [NOTE]?: Note };

/** Notes a SIGINT from now until takeEarlyInterrupt(). */
export function listenEarly(): void {
  const holder = globalThis as Holder;
  if (holder[NOTE]) return;
  const note: Note = { isRequested: false, listener: () => { note.isRequested = true; } };
  holder[NOTE] = note;
  process.on('SIGINT', note.listener);
}

/** Stops noting SIGINT; true when one came meanwhile. */
export function takeEarlyInterrupt(): boolean {
  const holder = globalThis as Holder;
  const note = holder[NOTE];
  if (!note) return false;
  delete holder[NOTE];
  process.off('SIGINT', note.listener);
  return note.isRequested;
}

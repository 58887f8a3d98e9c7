// Key bytes as a terminal sends them, named once, and a wait on what the screen shows.

export const ARROW_UP = '\u001B[A';
export const ARROW_DOWN = '\u001B[B';
export const ARROW_RIGHT = '\u001B[C';
export const ARROW_LEFT = '\u001B[D';
export const ENTER = '\r';
export const ESC = '\u001B';
export const TAB = '\t';
export const SHIFT_TAB = '\u001B[Z';
export const BACKSPACE = '\u007F';
export const PAGE_DOWN = '\u001B[6~';

/** Polls `frame()` until `predicate` holds; fails with the last frame after `timeoutMs`. */
export async function waitForFrame(
  frame: () => string | undefined, predicate: (text: string) => boolean, timeoutMs = 3000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = frame() ?? '';
    if (predicate(text)) return text;
    if (Date.now() > deadline) throw new Error(`the screen never matched; last frame:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

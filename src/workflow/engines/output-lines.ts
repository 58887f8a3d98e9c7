// Docker rewrites progress lines in place with a bare `\r` ("Sending build context … 5.12kB\r");
// a card or `run --json` cannot redraw, so each such line is reduced to what a terminal would show last.

/**
 * The final state of one output line that may have been rewritten in place with `\r`: the text
 * after its last `\r` that is not blank, so a trailing `\r` never empties the line.
 */
export function finalLineState(text: string): string {
  if (!text.includes('\r')) return text;
  const states = text.split('\r').filter((s) => s.trim() !== '');
  return states.pop() ?? '';
}

/** Splits a block of docker output into lines, each in its final state. */
export function outputLines(text: string): string[] {
  return text.split('\n').map(finalLineState);
}

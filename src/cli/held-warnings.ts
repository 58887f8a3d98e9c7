// Node's runtime warnings (an ExperimentalWarning, the AWS SDK's NodeVersionSupportWarning, a
// dependency's DeprecationWarning) go to stderr, the terminal Ink draws on: one line would
// tear the frame. While a full-screen app runs they are held, and printed once it has exited.

/** Holds process warnings from now on; the returned function prints them and restores Node's own printing. */
export function holdWarnings(): () => void {
  // Node adds its printing listener only when warnings are wanted (not under --no-warnings).
  const printers = process.listeners('warning');
  for (const printer of printers) process.off('warning', printer);
  const held: Error[] = [];
  const hold = (warning: Error): void => { held.push(warning); };
  process.on('warning', hold);
  return () => {
    process.off('warning', hold);
    for (const printer of printers) process.on('warning', printer);
    if (printers.length === 0) return;
    for (const w of held) process.stderr.write(`ecr-lab: Node warned while the screen was open: ${w.name}: ${w.message}\n`);
  };
}

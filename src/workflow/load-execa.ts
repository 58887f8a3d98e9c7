// execa (~220 kB with cross-spawn, get-stream and signal-exit; ~15 ms to evaluate on Node 24)
// loaded when a command first runs, not when the workflow's modules load: `run all` on the
// built-in engine, and the TUI's target, start without it.
type Execa = typeof import('execa');

let loaded: Promise<Execa> | undefined;

/** The execa module, loaded on first use. */
export function loadExeca(): Promise<Execa> {
  loaded ??= import('execa');
  return loaded;
}

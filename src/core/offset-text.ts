// How a moved local clock is said, the same in the status bars, the fault panel and the CLI.

/** A clock offset as the status bar and the panel say it: `+13h`, `+1h 30m`, `-5m`. */
export function offsetText(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts = [h > 0 ? `${h}h` : '', m > 0 || h === 0 ? `${m}m` : ''].filter((p) => p !== '');
  return `${ms < 0 ? '-' : '+'}${parts.join(' ')}`;
}

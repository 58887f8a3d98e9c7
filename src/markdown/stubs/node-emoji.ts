// Stands in for node-emoji inside marked-terminal (aliased like cli-highlight.ts): ecr-lab
// renders with `emoji: false`, so the emoji table (and its start-up cost) is never needed.

/** No emoji known: shortcodes stay as typed. */
export function get(_name: string): string | undefined {
  return undefined;
}

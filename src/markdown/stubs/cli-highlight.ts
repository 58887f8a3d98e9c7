// Stands in for cli-highlight inside marked-terminal (aliased in scripts/build.mjs and the
// vitest configs). cli-highlight loads highlight.js with every language, 1.5 MB that cost
// the TUI's first frame ~100 ms; marked-terminal falls back to its single code colour when
// highlighting throws, which is all the lessons' shell snippets need.

/** Always declines, so marked-terminal uses its plain code style. */
export function highlight(_code: string, _options?: unknown): string {
  throw new Error('syntax highlighting is not bundled');
}

// A fast path in front of the string-width package, swapped in for it by scripts/build.mjs.
// Ink measures every line it draws; string-width sends any non-ASCII text (our frames' box
// characters, ❯, ✔, …) through Intl.Segmenter and a very large emoji regex, whose first use
// costs ~35 ms of the first frame. Text made only of code points in NARROW is one column per
// code point (test/ui/string-width-fast.test.ts checks each one against string-width); any
// other text goes to string-width unchanged.
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';

/** Ranges of code points that are always exactly one column wide and never start an emoji. */
export const NARROW: readonly (readonly [number, number])[] = [
  [0x20, 0x7e], // printable ASCII
  [0xa1, 0xac], [0xae, 0xff], // Latin-1 punctuation and letters (not the soft hyphen)
  [0x2010, 0x2027], // dashes, quotes, bullet, ellipsis
  [0x2190, 0x2193], // ← ↑ → ↓
  [0x2500, 0x25a0], // box drawing, blocks
  [0x25b2, 0x25cf], // triangles, circles
  [0x26a0, 0x26a0], // ⚠
  [0x2713, 0x2718], // ✓ ✔ ✕ ✖ ✗ ✘
  [0x276e, 0x276f], // ❮ ❯
];

function isNarrow(code: number): boolean {
  for (const [from, to] of NARROW) if (code >= from && code <= to) return true;
  return false;
}

/** The column width of `text`, exactly as string-width computes it. */
export default function fastStringWidth(text: string, options?: Parameters<typeof stringWidth>[1]): number {
  if (typeof text !== 'string' || text.length === 0) return 0;
  if (options?.countAnsiEscapeCodes) return stringWidth(text, options);
  const plain = text.includes('\u001B') || text.includes('\u009B') ? stripAnsi(text) : text;
  let width = 0;
  for (let i = 0; i < plain.length; i++) {
    const code = plain.charCodeAt(i);
    if (!isNarrow(code)) return stringWidth(text, options);
    width++;
  }
  return width;
}

import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import fastStringWidth, { NARROW } from '../../src/ui/string-width-fast.js';

describe('fast string width', () => {
  it('agrees with string-width on every code point it handles itself', () => {
    for (const [from, to] of NARROW) {
      for (let code = from; code <= to; code++) {
        const ch = String.fromCodePoint(code);
        expect(fastStringWidth(ch), `U+${code.toString(16)}`).toBe(stringWidth(ch));
        expect(stringWidth(ch), `U+${code.toString(16)}`).toBe(1);
      }
    }
  });

  it.each([
    '╭─ Lessons ──╮', '\u001B[36m❯ 1. What Amazon ECR is\u001B[39m', '✔ done · ? help', 'plain',
    'wide: 日本語', 'emoji: ✅ 🚀', '▶ play', 'e\u0301 combining', '', 'soft\u00adhyphen',
  ])('agrees with string-width on %j', (text) => {
    expect(fastStringWidth(text)).toBe(stringWidth(text));
  });
});

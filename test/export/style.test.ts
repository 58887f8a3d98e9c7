// The handouts' stylesheet: long tokens may break anywhere, words in table headers may not.
import { describe, expect, it } from 'vitest';
import { HANDOUT_CSS } from '../../src/export/style.js';

/** The selectors of every rule that lets text break anywhere, one selector a row. */
function breakAnywhere(css: string): string[] {
  const rules = css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g);
  return [...rules]
    .filter(([, , body]) => /overflow-wrap:\s*anywhere/.test(body!))
    .flatMap(([, selectors]) => selectors!.split(',').map((s) => s.trim()));
}

describe('HANDOUT_CSS', () => {
  it('lets code in table cells (digests, URIs) break anywhere, and no header cell', () => {
    const selectors = breakAnywhere(HANDOUT_CSS);
    expect(selectors).toContain('td code');
    // A header such as "done" was split across lines ("do" / "ne") by overflow-wrap:anywhere on th.
    expect(selectors.filter((s) => /(^|[\s>+~])th\b/.test(s))).toEqual([]);
  });
});

// The presenter's help at the sizes a projector gives: every binding on a row of its own (at
// 60x20 one row lay over another: `↑ ↓ Shift+Tab`), and whole descriptions where they fit.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { PRESENTER_BINDINGS } from '../../src/ui/present/keymap.js';
import { PresenterHelp } from '../../src/ui/present/PresenterHelp.js';

const frame = (width: number, height: number) => render(<PresenterHelp width={width} height={height} />).lastFrame() ?? '';

describe('PresenterHelp', () => {
  it.each([[60, 18], [80, 23]])('at %ix%i shows every binding\'s keys at the start of a row of their own', (width, height) => {
    const rows = frame(width, height).split('\n');
    expect(rows.length).toBe(height);
    for (const b of PRESENTER_BINDINGS) {
      expect(rows.some((r) => r.includes(`${b.keys} `)), b.keys).toBe(true);
    }
    expect(frame(width, height)).not.toContain('↑ ↓ Shift+Tab');
  });

  it('at 80x23 cuts no description: the long ones wrap under themselves', () => {
    const text = frame(80, 23);
    expect(text).not.toContain('…');
    expect(text).toMatch(/Esc +cancel \(any other key +│\n│.* {10,}too\) +│/);
  });
});

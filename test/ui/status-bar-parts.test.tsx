// The status bar at narrow widths: parts give way whole in the order barLayout documents, and
// the registry address, which a learner copies, is never cut while anything else is shown.
import { render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { StatusBar } from '../../src/ui/StatusBar.js';
import { type BarInput, SEP, barLayout } from '../../src/ui/status-bar-parts.js';

const LABEL = 'local ECR 127.0.0.1:44103 · builtin';
const ADDRESS = 'local ECR 127.0.0.1:44103';
const lesson: BarInput = {
  width: 60, title: 'Push and verify', position: 'page 3/7 ↓', targetLabel: LABEL, faults: [], clockOffset: 0, isSecret: false, isTitleKept: true,
};
const right = (input: Partial<BarInput>): string => barLayout({ ...lesson, ...input }).parts.map((p) => p.text).join(SEP);

describe('barLayout', () => {
  it.each<[string, Partial<BarInput>, string, string]>([
    ['80 columns: everything, the title whole', { width: 80 }, 'Push and verify', `page 3/7 ↓ · ${ADDRESS} · builtin · ? help`],
    ['66 columns: the engine gives way for the title', { width: 66 }, 'Push and verify', `page 3/7 ↓ · ${ADDRESS} · ? help`],
    ['60 columns: the title takes what is left, the address stays whole', { width: 60 }, 'Push and…', `page 3/7 ↓ · ${ADDRESS} · ? help`],
    ['a longer position does not cut the address', { width: 60, position: 'page 3/7 ↑↓' }, 'Push and…', `page 3/7 ↑↓ · ${ADDRESS} · ? help`],
    ['45 columns: help gives way before the position; no title of 4 columns', { width: 45 }, '', `page 3/7 ↓ · ${ADDRESS}`],
    ['30 columns: the address alone', { width: 30 }, '', ADDRESS],
    ['20 columns: only now is the address cut', { width: 20 }, '', 'local ECR 127.0.0.1…'],
    ['fault names become a count; the position is kept over help', { width: 60, faults: ['token-expired', 'not-logged-in'] }, '', `page 3/7 ↓ · 2 faults on · ${ADDRESS}`],
    ['the clock is kept over the position', { width: 53, faults: ['token-expired'], clockOffset: 13 * 3_600_000 }, '', `1 fault on · clock +13h · ${ADDRESS}`],
    ['the list (no title kept) keeps the engine', { width: 60, position: '', title: 'ecr-lab', isTitleKept: false }, 'ecr-lab', `${ADDRESS} · builtin · ? help`],
    ['the list at 36 columns: the address and help', { width: 36, position: '', title: 'ecr-lab', isTitleKept: false }, '', `${ADDRESS} · ? help`],
  ])('%s', (_name, input, title, expected) => {
    const layout = barLayout({ ...lesson, ...input });
    expect(layout.title).toBe(title);
    expect(right(input)).toBe(expected);
  });

  it('a live target keeps its whole where part, and its engine is a part of its own', () => {
    expect(right({ width: 60, targetLabel: 'live AWS 123456789012 us-east-1 · docker' })).toBe('page 3/7 ↓ · live AWS 123456789012 us-east-1 · ? help');
  });
});

describe('StatusBar at 60 columns (the TUI at 60x20)', () => {
  it('shows the whole registry address on a lesson page, the engine dropped whole', () => {
    const frame = render(<StatusBar width={60} title="Push and verify" position="page 3/7 ↓" targetLabel={LABEL} isTitleKept />).lastFrame() ?? '';
    expect(frame).toMatch(/^Push and… +page 3\/7 ↓ · local ECR 127\.0\.0\.1:44103 · \? help$/);
    expect(stringWidth(frame)).toBe(60);
  });
});

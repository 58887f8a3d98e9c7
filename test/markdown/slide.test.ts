import { beforeAll, describe, expect, it } from 'vitest';
import type { Deck, Slide } from '../../src/core/deck.js';
import type { Block } from '../../src/core/lesson.js';
import { defaultContext } from '../../src/core/steps.js';
import { loadCourse } from '../../src/cli/content.js';
import { headingChoices, pickHeading } from '../../src/markdown/big-heading.js';
import type { PageView } from '../../src/markdown/page.js';
import { loadMarkdown } from '../../src/markdown/render.js';
import { PRESENTER_STATUS_ROWS, fitStatus, layoutSlide, slideBodyWidth, slideProblems, slideRowText, slideText } from '../../src/markdown/slide.js';
import { type StyledLine, line } from '../../src/markdown/styled.js';
import { visibleLength } from '../../src/markdown/wrap.js';

const SMALL = { columns: 80, rows: 24 };
const LARGE = { columns: 200, rows: 60 };
/** The rows a slide gets at 80x24. */
const AREA = SMALL.rows - PRESENTER_STATUS_ROWS;

const output = (n: number): StyledLine[] => Array.from({ length: n }, (_, i) => line(`pushing layer ${i + 1}`, 'dim'));
const view = (status: readonly StyledLine[] = []): PageView => ({
  color: false, context: defaultContext(), quiz: () => ({ selected: 0, tries: [], isRevealed: false }), stepStatus: () => status,
});
const slide = (title: string, ...blocks: Block[]): Slide => ({ title, blocks, notes: '', sources: [], line: 7 });
const prose = (text: string): Block => ({ kind: 'markdown', text });
const STEP: Block = { kind: 'step', stepId: 'push-image', params: {}, line: 3 };

/** The rows as the screen shows them, frame sides and margin included. */
const rows = (layout: ReturnType<typeof layoutSlide>) => layout.lines.map((l) => slideRowText(l, layout.bodyLeft));

beforeAll(() => loadMarkdown());

describe('headingChoices', () => {
  it('offers large letters first and always ends with the plain title, never wider than the screen', () => {
    const choices = headingChoices('The token', 80);
    expect(choices.length).toBeGreaterThan(2);
    expect(choices[0]!.length).toBeGreaterThan(2);
    expect(choices[0]!.map((l) => l.text).join('')).toMatch(/█/);
    expect(choices.at(-1)!.map((l) => l.text.trim())).toEqual(['The token']);
    for (const c of choices) for (const l of c) expect(visibleLength(l.text)).toBeLessThanOrEqual(80);
  });

  it('falls back to the plain title for characters the fonts lack, and wraps a long one whole', () => {
    expect(headingChoices('Linux users → IAM', 200)).toHaveLength(2);
    const long = 'Troubleshooting live with faults switched on, one at a time, and what each error really means';
    const plain = headingChoices(long, 40).at(-1)!;
    expect(plain.map((l) => l.text.trim()).join(' ')).toBe(long);
    for (const l of plain) expect(visibleLength(l.text)).toBeLessThanOrEqual(40);
  });
});

describe('pickHeading', () => {
  it.each([
    [100, 6, /█/], [5, 3, /▄/], [2, 2, /━/], [1, 1, /^ +The token$/], [0, 1, /^ +The token$/],
  ])('with %i rows to spare draws %i rows', (maxRows, rowCount, look) => {
    const heading = pickHeading('The token', 80, maxRows);
    expect(heading).toHaveLength(rowCount);
    expect(heading.map((l) => l.text).join('\n')).toMatch(look);
  });
});

describe('layoutSlide', () => {
  it.each([[SMALL], [LARGE]])('fills exactly the slide area at %o, no row wider than the screen', async (size) => {
    // Every page of every lesson as a slide: prose, lists, tables, diagrams, quizzes and steps.
    const { lessons } = await loadCourse(undefined, true);
    for (const page of lessons.flatMap((l) => l.pages)) {
      const layout = layoutSlide(slide(page.title, ...page.blocks), size, view(output(3)));
      expect(layout.lines).toHaveLength(size.rows - PRESENTER_STATUS_ROWS);
      for (const row of rows(layout)) expect(visibleLength(row)).toBeLessThanOrEqual(size.columns);
    }
  });

  it('uses large letters when the body leaves room, and a plain heading when it does not', () => {
    const big = layoutSlide(slide('What ECR is', prose('A registry per account and region.')), LARGE, view());
    expect(slideText(big)).toMatch(/█/);
    const paragraphs = (n: number) => prose(Array.from({ length: n }, (_, i) => `Paragraph ${i + 1}.`).join('\n\n'));
    // 17 rows of body leave 5 for a heading: a smaller font than on the large screen.
    const smaller = layoutSlide(slide('What ECR is', paragraphs(9)), SMALL, view());
    expect(slideText(smaller)).toMatch(/▄/);
    expect(smaller.lines.slice(0, 6).filter((l) => /[█▄▀]/.test(l.text)).length).toBeLessThan(6);
    // A body two rows short of the area leaves 2: the plain title alone, no rule under it.
    const rows = prose(Array.from({ length: AREA - 2 }, (_, i) => `- item ${i + 1}`).join('\n'));
    const plain = layoutSlide(slide('What ECR is', rows), SMALL, view());
    expect(plain.overflowRows).toBe(0);
    expect(slideText(plain)).not.toMatch(/[█▄━]/);
    expect(plain.lines[0]!.text.trim()).toBe('What ECR is');
    expect(slideText(plain)).toMatch(new RegExp(`item ${AREA - 2}\\b`));
  });

  it('centres a short body across and down', () => {
    const layout = layoutSlide(slide('Centre', prose('One short line.')), LARGE, view());
    expect(layout.bodyLeft).toBe((200 - 76) / 2);
    const at = layout.lines.findIndex((l) => l.text.includes('One short line.'));
    expect(layout.lines[at]!.text).toBe(`${' '.repeat(62)}One short line.`);
    expect(layout.blockTops).toEqual([at]);
    // Below the heading, with as many blank rows above the line as below it (give or take one).
    const below = layout.lines.length - at - 1;
    const headingEnd = Math.max(...layout.lines.map((l, i) => (i < at && l.text.trim() !== '' ? i : -1)));
    expect(Math.abs((at - headingEnd - 1) - below)).toBeLessThanOrEqual(2);
    expect(layoutSlide(slide('Centre', prose('x')), SMALL, view()).bodyLeft).toBe(2);
  });

  it('puts a title alone in the middle of the screen', () => {
    const layout = layoutSlide(slide('Part two'), SMALL, view());
    const drawn = layout.lines.map((l, i) => (l.text.trim() ? i : -1)).filter((i) => i >= 0);
    expect(drawn.length).toBeGreaterThan(1);
    expect(Math.abs(drawn[0]! - (AREA - 1 - drawn.at(-1)!))).toBeLessThanOrEqual(1);
    expect(layout.blockTops).toEqual([]);
  });

  it('keeps the newest lines of a long step output, so the slide never scrolls', () => {
    const layout = layoutSlide(slide('Push, live', prose('Watch the layers go up.'), STEP), SMALL, view(output(200)));
    const text = slideText(layout);
    expect(layout.lines).toHaveLength(AREA);
    expect(layout.overflowRows).toBe(0);
    expect(text).toMatch(/│ … \d+ earlier lines +│/);
    expect(text).toMatch(/pushing layer 200 /);
    expect(text).not.toMatch(/pushing layer 1 /);
    // The card is whole: its bottom edge is on screen, under the newest line.
    expect(rows(layout).findIndex((r) => r.includes('╰'))).toBeGreaterThan(rows(layout).findIndex((r) => r.includes('layer 200')));
    const hidden = Number(/… (\d+) earlier/.exec(text)![1]);
    const shown = text.split('\n').filter((r) => r.includes('pushing layer')).length;
    expect(hidden + shown).toBe(200);
  });

  it('says on its last row how many rows a slide too tall for the window loses', () => {
    const tall = slide('Tall', prose(Array.from({ length: 30 }, (_, i) => `- item ${i + 1}`).join('\n')));
    const layout = layoutSlide(tall, SMALL, view());
    expect(layout.lines).toHaveLength(SMALL.rows - PRESENTER_STATUS_ROWS);
    expect(layout.lines.at(-1)!.text).toMatch(/^… \d+ more rows below: enlarge the window/);
    const fits = layoutSlide(slide('Short', prose('- one')), SMALL, view());
    expect(slideText(fits)).not.toContain('more row');
  });

  it('on a slide with two cards, cuts the card that is not focused first', () => {
    const TAG: Block = { kind: 'step', stepId: 'tag-image', params: {}, line: 2 };
    const two = slide('Tag and push', TAG, STEP);
    // The tag card has focus (it just ran); the push card waits below it.
    const layout = layoutSlide(two, SMALL, { ...view(output(30)), focusedBlock: 0 });
    const text = slideText(layout);
    const [first, second] = text.split('Step: Push');
    const shownIn = (part: string) => part.split('\n').filter((r) => r.includes('pushing layer')).length;
    expect(shownIn(second!)).toBe(1);
    expect(shownIn(first!)).toBeGreaterThan(shownIn(second!));
  });

  it('keeps room for a failed step\'s explanation under a short title, at 80x24 and 200x60', () => {
    for (const size of [SMALL, LARGE]) {
      const layout = layoutSlide(slide('Oops', STEP), size, view(output(40)));
      const shown = slideText(layout).split('\n').filter((r) => r.includes('pushing layer')).length;
      expect(shown).toBeGreaterThanOrEqual(9);
    }
  });

  it('keeps the whole card on screen, whatever a step prints, on every slide the check passes', () => {
    let passed = 0;
    // A tight list grows one row an item, so one of these slides fills the screen exactly.
    for (let n = 1; n <= 15; n++) {
      const text = Array.from({ length: n }, (_, i) => `- item ${i + 1}`).join('\n');
      const s = slide('Push, live', prose(text), STEP);
      if (slideProblems({ id: 'd', title: 'D', minutes: 5, file: 'd.md', slides: [s] }).length > 0) continue;
      passed++;
      const layout = layoutSlide(s, SMALL, view(output(500)));
      const shown = rows(layout);
      expect(layout.overflowRows).toBe(0);
      expect(shown.findIndex((r) => r.includes('pushing layer 500 '))).toBeGreaterThan(0);
      expect(shown.some((r) => r.includes('╰'))).toBe(true);
    }
    // The loop reached slides that fill the screen, not only roomy ones.
    expect(passed).toBeGreaterThan(3);
    expect(passed).toBeLessThan(15);
  });

  it('leaves a short output whole', () => {
    const text = slideText(layoutSlide(slide('Push', STEP), LARGE, view(output(5))));
    expect(text).not.toMatch(/earlier line/);
    for (let i = 1; i <= 5; i++) expect(text).toContain(`pushing layer ${i} `);
  });

  it('counts the rows and columns the slide itself lacks', () => {
    const tall = prose(Array.from({ length: 30 }, (_, i) => `Line ${i + 1}.`).join('\n\n'));
    // 59 rows of body, 1 plain heading and 1 gap: 61 rows for the area.
    expect(layoutSlide(slide('Too much', tall), SMALL, view()).overflowRows).toBe(61 - AREA);
    expect(layoutSlide(slide('Too much', tall), LARGE, view()).overflowRows).toBe(61 - (LARGE.rows - PRESENTER_STATUS_ROWS));
    const wide: Block = { kind: 'diagram', title: 'Wide', text: 'x'.repeat(96), line: 1 };
    const layout = layoutSlide(slide('Wide', wide), SMALL, view());
    expect(layout.overflowColumns).toBe(100 - 80);
    expect(layout.bodyLeft).toBe(0);
    expect(layoutSlide(slide('Wide', wide), LARGE, view()).overflowColumns).toBe(0);
  });

  it.each([[80, 'prose', 76], [200, 'prose', 76], [60, 'prose', 56], [200, 'wide', 100], [80, 'wide', 80]])(
    'sets the body at a readable width: %i columns, %s', (columns, kind, width) => {
      const block: Block = kind === 'wide' ? { kind: 'diagram', title: 'W', text: 'x'.repeat(96), line: 1 } : prose('p');
      expect(slideBodyWidth(slide('W', block), columns)).toBe(width);
      expect(layoutSlide(slide('W', block), { columns, rows: 30 }, view()).bodyLeft).toBe(Math.floor((columns - width) / 2));
    });
});

describe('fitStatus', () => {
  it.each([
    [3, 5, ['a', 'b', 'c']],
    [5, 3, ['… 3 earlier lines', 'd', 'e']],
    [5, 2, ['… 4 earlier lines', 'e']],
    [2, 1, ['… 1 earlier line', 'b']],
  ])('cuts %i lines to %i', (n, keep, expected) => {
    const status = 'abcde'.slice(0, n).split('').map((t) => line(t));
    expect(fitStatus(status, keep).map((l) => l.text)).toEqual(expected);
  });
});

describe('slideProblems', () => {
  it('names the file, line and size of a slide that does not fit, and passes one that does', () => {
    const tall = prose(Array.from({ length: 30 }, (_, i) => `Line ${i + 1}.`).join('\n\n'));
    const deck: Deck = { id: 'd', title: 'D', minutes: 10, file: 'slides/d.md', slides: [slide('Fits', prose('ok')), { ...slide('Too much', tall), line: 40 }] };
    expect(slideProblems(deck)).toEqual([{
      file: 'slides/d.md', line: 40, message: `slide 'Too much' needs 61 rows at 80x24, ${AREA} fit`,
      fix: 'split it into two slides or cut text (what you will say goes in the notes block)',
    }]);
    expect(slideProblems(deck, LARGE)).toHaveLength(1);
    expect(slideProblems({ ...deck, slides: [deck.slides[0]!] })).toEqual([]);
  });

  it('checks a quiz in its longest form, answered with its explanation', () => {
    const quiz: Block = { kind: 'quiz', id: 'd#1', question: 'Which?', choices: ['a', 'b'], answer: 1, explain: 'Because. '.repeat(200), line: 5 };
    const deck: Deck = { id: 'd', title: 'D', minutes: 10, file: 'd.md', slides: [slide('Quiz', quiz)] };
    expect(slideProblems(deck)[0]!.message).toMatch(/needs \d+ rows at 80x24/);
  });
});

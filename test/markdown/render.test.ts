import { describe, expect, it, beforeAll } from 'vitest';
import { renderMarkdown } from '../../src/markdown/render.js';
import stringWidth from 'string-width';
import { balanceAnsi, padLine, truncateLine, visibleLength, wrapLine } from '../../src/markdown/wrap.js';
import { loadMarkdown } from '../../src/markdown/render.js';

// The app loads the renderer right after its first frame; these tests start with it loaded.
beforeAll(() => loadMarkdown());

const ESC = '\u001B';
const PROSE = [
  '# The authentication flow',
  '',
  'Docker never sees your IAM secret key. The **aws CLI** signs a `GetAuthorizationToken` call and gets back a',
  'registry password that is valid for twelve hours, which docker login stores for the registry host.',
  '',
  '- a list item that is long enough that it has to wrap somewhere before the right edge of the box',
  '  - a nested item that is also long enough to wrap before the right edge of the box',
  '1. an ordered item that goes on and on and on past the width of the box we render into',
  '',
  '> a quotation that is long enough to wrap around at the boundary of even a wide box, surely, yes',
  '',
  '```bash',
  'aws ecr get-login-password --region us-east-1 | docker login --username AWS --password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com',
  '```',
  '',
  'See [the ECR guide](https://docs.aws.amazon.com/AmazonECR/latest/userguide/what-is-ecr.html) :rocket:',
  '',
  '***',
  '',
  '',
].join('\n');

describe('renderMarkdown', () => {
  it.each([20, 36, 40, 56, 60, 76, 96])('keeps every line within %i columns', (width) => {
    const lines = renderMarkdown(PROSE, width, { color: false }).split('\n');
    const tooLong = lines.filter((l) => visibleLength(l) > width);
    expect(tooLong).toEqual([]);
  });

  it.each([
    ['a paragraph', 'one two three four five six seven eight nine ten eleven twelve', 20, 4],
    ['a short paragraph', 'hello world', 40, 1],
  ])('reflows %s at the width', (_name, text, width, expected) => {
    expect(renderMarkdown(text, width, { color: false }).split('\n')).toHaveLength(expected);
  });

  it.each([
    ['colour off', false],
    ['colour on', true],
  ])('trims trailing and leading blank lines with %s', (_name, color) => {
    const out = renderMarkdown('\n\nHello.\n\n***\n\n\n', 40, { color });
    expect(out.split('\n').at(-1)?.trim()).not.toBe('');
    expect(out.endsWith('\n')).toBe(false);
  });

  it('has no escape codes when colour is off, even if the renderer was coloured', () => {
    expect(renderMarkdown(PROSE, 60, { color: false })).not.toContain(ESC);
  });

  it('keeps the words and the link target', () => {
    const out = renderMarkdown(PROSE, 200, { color: false });
    expect(out).toContain('The authentication flow');
    expect(out).toContain('GetAuthorizationToken');
    expect(out).toContain('https://docs.aws.amazon.com/AmazonECR/latest/userguide/what-is-ecr.html');
    expect(out).not.toContain('# The'); // headings without a "#" prefix
  });

  it.each([
    ['a tight list item', '- `docker login` and **never** argv\n- two'],
    ['a loose list item', '- `docker login` and **never** argv\n\n- two'],
    ['a paragraph', '`docker login` and **never** argv'],
  ])('renders inline code and bold in %s without their source markers', (_name, text) => {
    // Without colour, inline code keeps one pair of backticks (the visible marker); bold
    // loses its asterisks.
    const out = renderMarkdown(text, 60, { color: false });
    expect(out).toContain('`docker login` and never argv');
    expect(out).not.toMatch(/``|\*(docker|never)/);
  });

  it('renders an empty text as an empty string', () => {
    expect(renderMarkdown('', 40, { color: false })).toBe('');
  });
});

describe('wrap helpers', () => {
  it.each([
    ['plain words', 'aaa bbb ccc ddd', 7, ['aaa bbb', 'ccc ddd']],
    ['a word longer than the width', 'abcdefghij', 4, ['abcd', 'efgh', 'ij']],
    ['a list item hangs under its text', '  * alpha beta gamma', 12, ['  * alpha', '    beta', '    gamma']],
    ['a line that fits', 'fits', 10, ['fits']],
    ['a reference too wide for a line, cut after its last / that keeps half the line', 'pull 123456789012.dkr.ecr.us-east-1.amazonaws.com/ecr-lab/demo now', 50,
      ['pull', '123456789012.dkr.ecr.us-east-1.amazonaws.com/', 'ecr-lab/demo now']],
    ['a / too early to keep half the line is not used', 'ab/cdefghijklmnop', 8, ['ab/cdefg', 'hijklmno', 'p']],
    ['the rest of a word cut after a / is cut after its next one', 'aaaa/bbbb/cccc/dddd', 10, ['aaaa/bbbb/', 'cccc/dddd']],
    ['the rest of a word that came down keeps its / to be cut at', 'x aaaaaaa/bbbbbbbbb', 10, ['x', 'aaaaaaa/', 'bbbbbbbbb']],
  ])('wrapLine: %s', (_name, text, width, expected) => {
    expect(wrapLine(text, width)).toEqual(expected);
  });

  it('wrapLine closes and reopens a colour that spans a break', () => {
    const [first, second] = wrapLine(`${ESC}[33maaa bbb${ESC}[39m`, 3);
    expect(first).toBe(`${ESC}[33maaa${ESC}[0m`);
    expect(second).toBe(`${ESC}[33mbbb${ESC}[39m`);
  });

  it('balanceAnsi reopens a style on the next line', () => {
    expect(balanceAnsi([`a ${ESC}[1mb`, `c${ESC}[22m d`])).toEqual([`a ${ESC}[1mb${ESC}[0m`, `${ESC}[1mc${ESC}[22m d`]);
  });

  it.each([
    ['abcdef', 4, 'abc…'],
    ['abc', 4, 'abc'],
    // A wide character that does not fit before the ellipsis leaves a space, never a cut half.
    ['日本語のテキスト', 6, '日本 …'],
    ['🚀🚀🚀🚀', 5, '🚀🚀…'],
  ])('truncateLine(%j, %i)', (text, width, expected) => {
    expect(truncateLine(text, width)).toBe(expected);
    expect(visibleLength(truncateLine(text, width))).toBe(Math.min(width, visibleLength(text)));
  });
});

// Terminal columns, not code points: a CJK character or an emoji takes two columns.
describe('wrap helpers in columns', () => {
  it.each([
    ['CJK', 'コンテナイメージをレジストリに送ります'],
    ['emoji', '🚀 push 🚀 pull 🐳 tag 🐳 scan 🔒 sign 🔒 done'],
    ['a list item with CJK', '- 東京リージョンのレジストリにイメージを送る前にログインします'],
  ])('wrapLine keeps %s within the width', (_name, text) => {
    for (const width of [10, 17, 24]) {
      const rows = wrapLine(text, width);
      expect(rows.every((row) => stringWidth(row) <= width)).toBe(true);
      expect(rows.map((row) => row.trim()).join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
    }
  });

  it('measures a line in columns', () => {
    expect(visibleLength('日本語')).toBe(6);
    expect(visibleLength(`${ESC}[1m🐳${ESC}[22m ok`)).toBe(5);
  });

  it('pads CJK to exactly the width', () => {
    expect(padLine('日本語', 9)).toBe('日本語   ');
  });

  it('renders a CJK paragraph within the width', () => {
    const text = 'レジストリの認証は十二時間有効です。Docker はこのパスワードをホストごとに保存します。';
    for (const width of [20, 36]) {
      expect(renderMarkdown(text, width, { color: false }).split('\n').every((l) => stringWidth(l) <= width)).toBe(true);
    }
  });
});

// Width-aware line helpers for terminal text that may carry ANSI colour codes: measure,
// word-wrap with a hanging indent, truncate and pad, all in terminal columns (string-width:
// a CJK character or an emoji takes two). Diagrams never go through wrap.
import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

const TOKEN = /(\u001B\[[0-9;]*m)/;
const BULLET = /^(\s*)([*•-]|\d+\.)\s+/;

/** The number of terminal columns a line takes (wide CJK and emoji count two, codes none). */
export function visibleLength(text: string): number {
  return stringWidth(text);
}

interface Piece {
  readonly text: string;
  readonly isCode: boolean;
}

function pieces(line: string): Piece[] {
  return line.split(TOKEN).filter((p) => p !== '').map((text) => ({ text, isCode: TOKEN.test(text) }));
}

// Which opening SGR parameters each closing parameter ends.
const CLOSES: Readonly<Record<string, (n: number) => boolean>> = {
  22: (n) => n === 1 || n === 2,
  23: (n) => n === 3,
  24: (n) => n === 4,
  27: (n) => n === 7,
  29: (n) => n === 9,
  39: (n) => (n >= 30 && n <= 38) || (n >= 90 && n <= 97),
  49: (n) => (n >= 40 && n <= 48) || (n >= 100 && n <= 107),
};

/** The styles still open after `code`, given those open before it. */
function applyCode(active: readonly string[], code: string): string[] {
  const param = /^\u001B\[([0-9;]*)m$/.exec(code)?.[1] ?? '';
  if (param === '' || param === '0') return [];
  const closes = CLOSES[param];
  if (!closes) return [...active, code];
  return active.filter((open) => !closes(Number(/\[(\d+)/.exec(open)?.[1] ?? -1)));
}

/** The indent for continuation lines: under the text of a list item, else the line's own indent. */
function hangingIndent(plain: string, width: number): number {
  const bullet = BULLET.exec(plain);
  const size = bullet ? bullet[0].length : (/^\s*/.exec(plain)?.[0].length ?? 0);
  return Math.min(size, Math.floor(width / 2));
}

/**
 * Splits a line after its first `columns` visible characters (spaces and a bullet, all
 * narrow); the tail starts with the styles the head left open.
 */
function splitAtColumn(line: string, columns: number): [string, string] {
  let head = '';
  let column = 0;
  let active: string[] = [];
  for (const piece of pieces(line)) {
    if (column >= columns) break;
    if (piece.isCode) active = applyCode(active, piece.text);
    const take = piece.isCode ? piece.text : [...piece.text].slice(0, columns - column).join('');
    head += take;
    if (!piece.isCode) column += take.length;
  }
  return [head, active.join('') + line.slice(head.length)];
}

/**
 * Wraps one line at word boundaries so that no piece is wider than `width` columns; words
 * wider than that are cut. Continuation lines hang under the text of a list item (or keep
 * the line's indent). wrap-ansi measures, breaks and re-opens colour codes; it has no hanging
 * indent, so the head (indent and bullet) is taken off first and the body wrapped narrower.
 */
export function wrapLine(line: string, width: number): string[] {
  if (visibleLength(line) <= width) return [line];
  const indent = hangingIndent(stripVTControlCharacters(line), width);
  const [head, body] = splitAtColumn(line, indent);
  const pad = ' '.repeat(indent);
  return wrapAnsi(body, Math.max(1, width - indent), { hard: true }).split('\n')
    .map((row, i) => (i === 0 ? head + row : pad + row));
}

/** Cuts a line to `width` columns, ending it with `…` and keeping colour codes balanced. */
export function truncateLine(line: string, width: number): string {
  if (visibleLength(line) <= width) return line;
  if (width <= 1) return width === 1 ? '…' : '';
  const [first = ''] = wrapAnsi(line, width - 1, { hard: true, trim: false, wordWrap: false }).split('\n');
  // A wide character that did not fit leaves the row one column short: pad so `…` ends at width.
  const room = width - 1 - visibleLength(first);
  return `${first}${' '.repeat(Math.max(0, room))}…${line.includes('\u001B[') ? '\u001B[0m' : ''}`;
}

/** Pads a line with spaces to exactly `width` visible columns (truncating when wider). */
export function padLine(line: string, width: number): string {
  const cut = truncateLine(line, width);
  return cut + ' '.repeat(Math.max(0, width - visibleLength(cut)));
}

/** Makes each line carry its own colour codes: styles open at a line end are closed and reopened. */
export function balanceAnsi(lines: readonly string[]): string[] {
  let active: string[] = [];
  return lines.map((line) => {
    const opened = active.join('');
    for (const piece of pieces(line)) {
      if (piece.isCode) active = applyCode(active, piece.text);
    }
    return `${opened}${line}${active.length > 0 ? '\u001B[0m' : ''}`;
  });
}

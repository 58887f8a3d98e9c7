// Width-aware line helpers for terminal text that may carry ANSI colour codes: measure,
// word-wrap with a hanging indent, truncate and pad, all in terminal columns (string-width:
// a CJK character or an emoji takes two). Diagrams never go through wrap.
import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';

const TOKEN = /(\u001B\[[0-9;]*m)/;
// `•` escaped: the bundle stays ASCII (code-cache.ts reads it as latin1).
const BULLET = /^(\s*)([*\u2022-]|\d+\.)\s+/;

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
function hangingIndent(plain: string, width: number): string {
  const bullet = BULLET.exec(plain);
  const size = bullet ? bullet[0].length : (/^\s*/.exec(plain)?.[0].length ?? 0);
  return ' '.repeat(Math.min(size, Math.floor(width / 2)));
}

// Made at its first use: the first Intl.Segmenter of a process loads ICU's break data (~12 ms),
// and the lesson list and most pages never need it.
let segmenter: Intl.Segmenter | undefined;

// Characters that never join a neighbour into one grapheme (Latin-1 and the other Latin letters
// before the combining marks, punctuation, arrows, box drawing, shapes, dingbats): a text of
// only these is one grapheme a UTF-16 unit. Emoji modifiers, ZWJ, variation selectors and
// combining marks all lie outside, so a text holding one goes through the segmenter.
const JOINS_NOTHING = /^[\x20-\x7e\xa0-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u2bff]*$/;

/** A text's characters as the terminal draws them (graphemes), each with its width in columns. */
function* cells(text: string): Generator<readonly [string, number]> {
  // Printable ASCII, nearly all of a lesson, is one column a character: no segmenting needed.
  if (/^[\x20-\x7e]*$/.test(text)) {
    for (const ch of text) yield [ch, 1];
    return;
  }
  if (JOINS_NOTHING.test(text)) {
    for (const ch of text) yield [ch, stringWidth(ch)];
    return;
  }
  segmenter ??= new Intl.Segmenter();
  for (const { segment } of segmenter.segment(text)) yield [segment, stringWidth(segment)];
}

/**
 * Wraps one line at word boundaries so that no piece is wider than `width` columns; words
 * wider than that are cut. Colour codes that are open at a break are closed and reopened.
 * Ours rather than wrap-ansi's: that has no hanging indent for list items, and it measures
 * every character through string-width, some 5 ms a line where the build's fast path is not.
 */
export function wrapLine(line: string, width: number): string[] {
  if (visibleLength(line) <= width) return [line];
  const indent = hangingIndent(stripVTControlCharacters(line), width);
  const out: string[] = [];
  let active: string[] = [];
  let current = '';
  let column = 0;
  // Where `current` may break: the index just after its last space, and that column.
  let lastSpace = -1;
  let lastSpaceColumn = 0;
  // Where a word too wide for a line may be cut rather than at the line's end: just after its
  // last `/` (an image reference, a path, an ARN: `…amazonaws.com/` then `ecr-lab/demo`).
  let lastSlash = -1;
  let lastSlashColumn = 0;
  const breakAt = (cut: number, cutColumn: number): void => {
    const head = current.slice(0, cut).trimEnd();
    const tail = current.slice(cut);
    out.push(active.length > 0 ? `${head}\u001B[0m` : head);
    current = indent + active.join('') + tail;
    column = indent.length + (column - cutColumn);
    lastSpace = -1;
    // A `/` in what came down (the rest of a word) may still be where it is cut next.
    const slash = tail.lastIndexOf('/');
    lastSlash = slash < 0 ? -1 : current.length - tail.length + slash + 1;
    lastSlashColumn = indent.length + visibleLength(tail.slice(0, slash + 1));
  };
  for (const piece of pieces(line)) {
    if (piece.isCode) {
      current += piece.text;
      active = applyCode(active, piece.text);
      continue;
    }
    for (const [ch, size] of cells(piece.text)) {
      if (column + size > width && column > indent.length) {
        if (lastSpace >= 0 && lastSpaceColumn > indent.length && ch !== ' ') breakAt(lastSpace, lastSpaceColumn);
        // A word wider than the line: cut after its last `/` when that keeps half the line, else at the end.
        else if (ch !== ' ' && lastSlash >= 0 && lastSlashColumn - indent.length >= (width - indent.length) / 2) breakAt(lastSlash, lastSlashColumn);
        // A wide character after the break may still not fit beside what came down with it.
        if (column + size > width && column > indent.length) breakAt(current.length, column);
        if (ch === ' ' && column === indent.length) continue;
      }
      current += ch;
      column += size;
      if (ch === ' ') {
        lastSpace = current.length;
        lastSpaceColumn = column;
        lastSlash = -1;
      } else if (ch === '/') {
        lastSlash = current.length;
        lastSlashColumn = column;
      }
    }
  }
  if (stripVTControlCharacters(current).trim() !== '' || out.length === 0) out.push(current);
  return out;
}

/** Cuts a line to `width` columns, ending it with `…` and keeping colour codes balanced. */
export function truncateLine(line: string, width: number): string {
  if (visibleLength(line) <= width) return line;
  let out = '';
  let column = 0;
  for (const piece of pieces(line)) {
    if (piece.isCode) {
      out += piece.text;
      continue;
    }
    for (const [ch, size] of cells(piece.text)) {
      // A wide character that does not fit before the `…` leaves a space, never half of it.
      if (column + size > width - 1) return `${out}${' '.repeat(Math.max(0, width - 1 - column))}…${line.includes('\u001B[') ? '\u001B[0m' : ''}`;
      out += ch;
      column += size;
    }
  }
  return out;
}

/**
 * A line of parts joined by `sep` (`a · b · c`) in `width` columns: its last parts give way
 * whole before any word is cut; only a first part too wide alone is cut, with `…`.
 */
export function truncateParts(text: string, width: number, sep = ' · '): string {
  const parts = text.split(sep);
  while (parts.length > 1 && visibleLength(parts.join(sep)) > width) parts.pop();
  return truncateLine(parts.join(sep), width);
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

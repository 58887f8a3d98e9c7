// A shell command as lines no wider than a card, that a learner can paste into bash as shown:
// lines break between words and end in ` \`; a word too long for a line (a policy's JSON) is
// split where bash joins it again: a quote is closed, the line ends in `\`, and the next line
// reopens the quote at its first column. Inside single-quoted JSON the split falls after a `,`,
// `{`, `[` or `:` outside any JSON string, not inside `"days"` (only a JSON string wider than a
// whole line is cut inside, which still pastes as the same word). No library wraps shell text
// (wrap-ansi breaks inside quotes), so this is ours; string-width measures the columns.
import stringWidth from 'string-width';

// Shell words: runs of quoted strings, escaped characters and other non-space characters.
const SHELL_WORD = /(?:'[^']*'|"(?:[^"\\]|\\.)*"|\\.|[^\s'"\\])+/g;

/** Where a continuation line starts between words. */
const INDENT = '    ';
/** The columns a line keeps free for its continuation mark (` \`, or `'\` in a split word). */
const MARK = 2;

type Quote = '' | "'" | '"';

interface Cut {
  /** Index in the word after which it is cut. */
  readonly at: number;
  /** The quote open at the cut (closed before the `\` and reopened on the next line). */
  readonly quote: Quote;
  /** A cut a reader would choose: after JSON punctuation or a path separator. */
  readonly isGood: boolean;
  /** Inside a JSON string: only when a string is wider than a whole line. */
  readonly isLastResort: boolean;
}

/** Every place a word may be cut so that bash joins the pieces back into the same word. */
function cuts(word: string): Cut[] {
  const out: Cut[] = [];
  let quote: Quote = '';
  let inJsonString = false;
  for (let i = 0; i < word.length - 1; i++) {
    const ch = word[i]!;
    if (quote === '' && ch === '\\') { i++; continue; }
    if (quote === '"' && ch === '\\') { i++; continue; }
    if (quote === '' && (ch === "'" || ch === '"')) { quote = ch; continue; }
    if (quote !== '' && ch === quote) { quote = ''; continue; }
    if (quote === "'" && ch === '"' && word[i - 1] !== '\\') inJsonString = !inJsonString;
    // `$` starts an expansion that a cut right after it would break.
    if (ch === '$') continue;
    const next = word[i + 1]!;
    if (quote !== '' && next === quote) continue; // a cut just before the closing quote gains nothing
    const isLastResort = quote === "'" && inJsonString;
    const isGood = !isLastResort && (quote === "'" ? /[,{[:]/.test(ch) : /[,/.:=-]/.test(ch));
    out.push({ at: i, quote, isGood, isLastResort });
  }
  return out;
}

/**
 * Splits a word too wide for a line into pieces: the first fits in `first` columns, the others
 * (which start at column 0, since a leading space would end the word) in `rest`.
 */
function splitWord(word: string, first: number, rest: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  let reopen: Quote = '';
  let room = first;
  const all = cuts(word);
  while (stringWidth(reopen + word.slice(start)) > room) {
    const fits = all.filter((c) => c.at >= start && stringWidth(reopen + word.slice(start, c.at + 1) + c.quote) + 1 <= room);
    const cut = fits.filter((c) => c.isGood).at(-1) ?? fits.filter((c) => !c.isLastResort).at(-1) ?? fits.at(-1)
      ?? all.find((c) => c.at >= start);
    if (!cut) break;
    pieces.push(`${reopen}${word.slice(start, cut.at + 1)}${cut.quote}\\`);
    start = cut.at + 1;
    reopen = cut.quote;
    room = rest;
  }
  pieces.push(reopen + word.slice(start));
  return pieces;
}

/**
 * The words with each option that is followed by its value (`--repository-name ecr-lab/demo`)
 * made one, where the two fit a continuation line together: a line break then never parts an
 * option from its value. The single space between them is kept, so the command is the same.
 */
function flagsWithValues(words: readonly string[], room: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = words[i + 1];
    const takesValue = /^--?[A-Za-z][\w-]*$/.test(word) && next !== undefined && !next.startsWith('-') && !/^[|&;<>]/.test(next);
    if (takesValue && stringWidth(`${word} ${next}`) <= room) {
      out.push(`${word} ${next}`);
      i++;
    } else {
      out.push(word);
    }
  }
  return out;
}

/**
 * One command as lines no wider than `width` (when it can be done: a piece never gets
 * narrower than a few columns): `$ ` first, then continuation lines, each line before the
 * last ending in a continuation that bash removes, so the whole pastes as the same command.
 */
export function commandLines(command: string, width: number): readonly string[] {
  // A page lays out its cards again at every page turn and keypress, and a long JSON argument
  // costs ~2 ms to cut: each command is laid out once per width.
  const key = `${width}\u0000${command}`;
  let lines = laidOut.get(key);
  if (!lines) {
    if (laidOut.size >= MAX_LAID_OUT) laidOut.clear();
    lines = layOut(command, width);
    laidOut.set(key, lines);
  }
  return lines;
}

const laidOut = new Map<string, readonly string[]>();
const MAX_LAID_OUT = 1000;

function layOut(command: string, width: number): string[] {
  if (command.startsWith('#')) return commentLines(command, width);
  const room = Math.max(12, width);
  const words = flagsWithValues(command.match(SHELL_WORD) ?? [], room - stringWidth(INDENT) - MARK);
  const out: string[] = [];
  let current = '$';
  for (const word of words) {
    if (stringWidth(`${current} ${word}`) + MARK <= room) {
      current += ` ${word}`;
      continue;
    }
    if (current !== '$' && current !== INDENT) {
      out.push(`${current} \\`);
      current = INDENT;
    }
    const lead = current === '$' ? '$ ' : current;
    if (stringWidth(lead + word) + MARK <= room) {
      current = lead + word;
      continue;
    }
    // Every piece keeps room for the continuation mark its line may need.
    const pieces = splitWord(word, room - stringWidth(lead) - MARK, room - MARK);
    if (pieces.length === 1) {
      current = lead + word;
      continue;
    }
    out.push(lead + pieces[0]!, ...pieces.slice(1, -1));
    current = pieces.at(-1)!;
  }
  out.push(current);
  return out;
}

/**
 * The text of a lesson's shell block with each line wider than `width` columns wrapped as
 * commandLines wraps a card's command (without its `$`), keeping the line's indent and its own
 * trailing ` \`, so that the block still pastes as written; lines that fit are left alone. A
 * line that goes on with the piece of a word split in two starts with `mark`: it must stay at
 * column 0, and the renderer takes its code indent off there.
 */
export function shellBlockText(text: string, width: number, mark = ''): string {
  const lines = text.split('\n');
  return lines.map((l, n) => {
    if (stringWidth(l) <= width) return l;
    const indent = /^\s*/.exec(l)?.[0] ?? '';
    const continues = /\s\\$/.test(l);
    // The block's own continuation lines set how far its wrapped pieces go in (`  --region`
    // under a line wrapped at `--repository-name`), so that they line up; at most as far as
    // commandLines' four columns, so that they still fit.
    const next = continues ? (/^\s*/.exec(lines[n + 1] ?? '')?.[0] ?? '') : '';
    const onward = next.length > indent.length && next.length - indent.length < 4 ? next.slice(indent.length) : undefined;
    let body = l.slice(indent.length).replace(/\s+\\$/, '');
    // A ` \` inside a trailing comment would not continue the line: the comment goes above it.
    const words = body.match(SHELL_WORD) ?? [];
    const hash = words.findIndex((w) => w.startsWith('#'));
    const comment = hash > 0 && !continues ? words.slice(hash).join(' ') : '';
    if (comment !== '') body = words.slice(0, hash).join(' ');
    const above = comment === '' ? [] : commentLines(comment, width - indent.length).map((c) => c.replace(/^(?:\$ | {2})/, ''));
    const wrapped = [...commandLines(body, width - indent.length - (continues ? 2 : 0))];
    wrapped[0] = wrapped[0]!.replace(/^\$ /, '');
    if (continues) wrapped[wrapped.length - 1] += ' \\';
    const shown = wrapped.map((w, i) => {
      if (i > 0 && !wrapped[i - 1]!.endsWith(' \\')) return mark + w;
      return indent + (i > 0 && onward !== undefined ? w.replace(/^ {4}/, onward) : w);
    });
    return [...above.map((c) => indent + c), ...shown].join('\n');
  }).join('\n');
}

/**
 * A shell comment among the commands: a ` \` continuation would not continue it (the next line
 * would run), so each of its lines starts with `#` instead.
 */
function commentLines(comment: string, width: number): string[] {
  const out: string[] = [];
  let current = '$ #';
  const room = Math.max(12, width);
  for (const word of comment.slice(1).trim().split(/\s+/)) {
    if (stringWidth(`${current} ${word}`) > room && current !== '$ #' && current !== '  #') {
      out.push(current);
      current = '  #';
    }
    // A comment runs nothing, so a word wider than a line may be cut anywhere.
    let rest = word;
    while (stringWidth(`${current} ${rest}`) > room && rest.length > 1) {
      let n = rest.length - 1;
      while (n > 1 && stringWidth(`${current} ${rest.slice(0, n)}`) > room) n--;
      out.push(`${current} ${rest.slice(0, n)}`);
      current = '  #';
      rest = rest.slice(n);
    }
    current += ` ${rest}`;
  }
  out.push(current);
  return out;
}

// A slide title as large letters (figlet), in the biggest font that fits the screen and the
// rows it may take, else as plain bold text; the title is wrapped at words, never cut.
import figlet from 'figlet/browser';
import ansiShadow from 'figlet/importable-fonts/ANSI Shadow.js';
import ansiCompact from 'figlet/importable-fonts/ANSI Compact.js';
import future from 'figlet/importable-fonts/Future.js';
import { type StyledLine, line } from './styled.js';
import { visibleLength, wrapLine } from './wrap.js';

/** The large fonts, biggest first; each is parsed the first time it is tried. */
const FONTS = [
  { name: 'ANSI Shadow', data: ansiShadow },
  { name: 'ANSI Compact', data: ansiCompact },
  { name: 'Future', data: future },
] as const;

/** How many lines of large letters a title may take before a smaller font is tried. */
const MAX_BIG_LINES = 2;

const parsed = new Set<string>();
const rendered = new Map<string, string[]>();
const chosen = new Map<string, StyledLine[] | undefined>();

// Typographic marks the fonts have no glyph for, and what they draw instead.
const PLAIN: Readonly<Record<string, string>> = { '’': "'", '‘': "'", '“': '"', '”': '"', '–': '-', '—': '-', '…': '...' };

/** The title in characters every font draws (printable ASCII), or undefined when it has others. */
function drawable(title: string): string | undefined {
  const text = [...title].map((ch) => PLAIN[ch] ?? ch).join('');
  return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
}

/** Columns between two words: each word is drawn alone (cached), then set side by side. */
const WORD_GAP = 3;

/** One word in a font: its rows, all padded to the same width. */
function renderWord(font: (typeof FONTS)[number], word: string): string[] {
  const key = `${font.name}\n${word}`;
  let rows = rendered.get(key);
  if (!rows) {
    if (!parsed.has(font.name)) {
      figlet.parseFont(font.name, font.data);
      parsed.add(font.name);
    }
    const raw = figlet.textSync(word, { font: font.name }).split('\n').map((r) => r.trimEnd());
    const width = widthOf(raw);
    rows = raw.map((r) => r.padEnd(width));
    rendered.set(key, rows);
  }
  return rows;
}

/** Words set side by side, with the rows blank in every word dropped above and below. */
function setLine(font: (typeof FONTS)[number], words: readonly string[]): string[] {
  const drawn = words.map((w) => renderWord(font, w));
  const rows = drawn[0]!.map((_, r) => drawn.map((d) => d[r] ?? '').join(' '.repeat(WORD_GAP)).trimEnd());
  while (rows.length > 0 && rows[0] === '') rows.shift();
  while (rows.length > 0 && rows[rows.length - 1] === '') rows.pop();
  return rows;
}

/** Words grouped into lines whose rendering fits `width`; undefined when one word alone does not. */
function bigLines(font: (typeof FONTS)[number], text: string, width: number): string[][] | undefined {
  const groups: string[][] = [];
  let current: string[] = [];
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const w = widthOf(renderWord(font, word));
    if (w > width) return undefined;
    if (current.length > 0 && used + WORD_GAP + w > width) {
      groups.push(current);
      current = [];
      used = 0;
    }
    used += (current.length > 0 ? WORD_GAP : 0) + w;
    current.push(word);
  }
  if (current.length > 0) groups.push(current);
  return groups.map((g) => setLine(font, g));
}

function widthOf(rows: readonly string[]): number {
  return Math.max(0, ...rows.map(visibleLength));
}

/** Centres each line in `width` columns with spaces on the left. */
export function centre(lines: readonly string[], width: number): string[] {
  return lines.map((l) => ' '.repeat(Math.max(0, Math.floor((width - visibleLength(l)) / 2))) + l);
}

/** The title in one font at `width`, letters centred; undefined when it takes too many lines. */
function fontHeading(font: (typeof FONTS)[number], text: string, width: number): StyledLine[] | undefined {
  const key = `${font.name}\n${width}\n${text}`;
  if (chosen.has(key)) return chosen.get(key);
  const groups = bigLines(font, text, width);
  // A rendering's rows move together, so the letters stay whole.
  const rows = groups && groups.length <= MAX_BIG_LINES ? groups.flatMap((g, i) => {
    const pad = ' '.repeat(Math.floor((width - widthOf(g)) / 2));
    return [...(i > 0 ? [''] : []), ...g.map((r) => pad + r)];
  }) : undefined;
  const heading = rows?.map((r) => line(r, 'title'));
  chosen.set(key, heading);
  return heading;
}

/** The plain title, bold, wrapped at words: over a rule, and alone. */
function plainHeadings(title: string, width: number): [StyledLine[], StyledLine[]] {
  const plain = wrapLine(title, width);
  const rule = '━'.repeat(Math.min(width, Math.max(...plain.map(visibleLength))));
  const centred = centre(plain, width).map((r) => line(r, 'title'));
  return [[...centred, ...centre([rule], width).map((r) => line(r, 'accent'))], centred];
}

/**
 * Every way to draw the title at `width`, biggest first, each no wider than `width`. The
 * last two are always there: the title in bold over a rule, and the bold title alone.
 */
export function headingChoices(title: string, width: number): StyledLine[][] {
  const text = drawable(title);
  const big = text ? FONTS.map((f) => fontHeading(f, text, width)).filter((h): h is StyledLine[] => h !== undefined) : [];
  return [...big, ...plainHeadings(title, width)];
}

/**
 * The biggest heading of at most `maxRows` rows, else the smallest there is. Fonts are tried
 * biggest first and only as far as needed, so a large screen parses one font.
 */
export function pickHeading(title: string, width: number, maxRows: number): StyledLine[] {
  const text = drawable(title);
  for (const font of text ? FONTS : []) {
    const heading = fontHeading(font, text!, width);
    if (heading && heading.length <= maxRows) return heading;
  }
  const [ruled, alone] = plainHeadings(title, width);
  return ruled.length <= maxRows ? ruled : alone;
}

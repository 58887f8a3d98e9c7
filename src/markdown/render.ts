// Markdown prose -> terminal text at a given width, through marked + marked-terminal.
// Every line of the result fits the width, except table rows, which are cut instead.
import { stripVTControlCharacters } from 'node:util';
import { Marked } from 'marked';
import { markedTerminal } from 'marked-terminal';
import { balanceAnsi, truncateLine, wrapLine } from './wrap.js';

/** How to render: colour on or off (off gives plain text with no escape codes). */
export interface RenderOptions {
  readonly color: boolean;
}

/** The narrowest width rendering accepts; narrower requests render at this width. */
export const MIN_RENDER_WIDTH = 20;

const parsers = new Map<number, Marked>();

function parserFor(width: number): Marked {
  let parser = parsers.get(width);
  if (!parser) {
    parser = new Marked(markedTerminal({
      width,
      reflowText: true,
      showSectionPrefix: false,
      // Emoji shortcodes would turn into double-width glyphs that break the column count.
      emoji: false,
      tab: 2,
    }), {
      // marked-terminal prints the raw text of a tight list item, so `code` and **bold**
      // showed their markers; render the item's inline tokens instead.
      renderer: {
        text(token) {
          // Its source line breaks are joined too, so the item re-wraps as one paragraph.
          return 'tokens' in token && token.tokens ? this.parser.parseInline(token.tokens).replace(/\n/g, ' ') : false;
        },
      },
    });
    parsers.set(width, parser);
  }
  return parser;
}

// OSC 8 hyperlinks: marked-terminal emits them when the terminal seems to support them,
// but inside Ink they confuse the width of a line, so the link text and URL stay plain.
const OSC8 = /\u001B]8;[^\u0007\u001B]*(?:\u0007|\u001B\\)/g;

const TABLE_ROW = /^\s*[┌│├└╭╰┬┼]/;

/** Renders markdown prose to lines no wider than `width`, with trailing blank lines trimmed. */
export function renderMarkdown(text: string, width: number, options: RenderOptions): string {
  const w = Math.max(MIN_RENDER_WIDTH, Math.floor(width));
  let out = (parserFor(w).parse(text, { async: false }) as string).replace(OSC8, '');
  // marked-terminal picks its colours when it is imported; with colour off they are removed.
  if (!options.color) out = stripVTControlCharacters(out);
  const lines = out.split('\n').flatMap((line) => {
    const trimmed = line.replace(/\s+$/, '');
    const plain = stripVTControlCharacters(trimmed);
    return TABLE_ROW.test(plain) ? [truncateLine(trimmed, w)] : wrapLine(trimmed, w);
  });
  while (lines.length > 0 && stripVTControlCharacters(lines[lines.length - 1] ?? '').trim() === '') lines.pop();
  while (lines.length > 0 && stripVTControlCharacters(lines[0] ?? '').trim() === '') lines.shift();
  return (options.color ? balanceAnsi(lines) : lines).join('\n');
}

// Markdown prose -> terminal text at a given width, through marked + marked-terminal.
// Every line of the result fits the width, except table rows, which are cut instead.
import { stripVTControlCharacters } from 'node:util';
import type { Marked } from 'marked';
import { balanceAnsi, truncateLine, wrapLine } from './wrap.js';
import { shellBlockText } from './command-lines.js';

/** How to render: colour on or off (off gives plain text with no escape codes, code in backticks). */
export interface RenderOptions {
  readonly color: boolean;
}

/** The narrowest width rendering accepts; narrower requests render at this width. */
export const MIN_RENDER_WIDTH = 20;

interface Engine {
  readonly Marked: typeof import('marked').Marked;
  readonly markedTerminal: typeof import('marked-terminal').markedTerminal;
}

let engine: Engine | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads marked and marked-terminal. They are kept out of start-up (the lesson list needs
 * neither); the TUI loads them right after its first frame, `ecr-lab read` before it renders.
 */
export function loadMarkdown(): Promise<void> {
  loading ??= Promise.all([import('marked'), import('marked-terminal')]).then(([m, t]) => {
    engine = { Marked: m.Marked, markedTerminal: t.markedTerminal };
  });
  return loading;
}

/** True once loadMarkdown() has finished. */
export function isMarkdownLoaded(): boolean {
  return engine !== undefined;
}

const SHELL_LANG = /^(?:bash|sh|shell|console)$/;
/** Starts a line that goes on with the piece of a split word: its code indent is taken off. */
const WORD_GOES_ON = '\uE000';
const WORD_GOES_ON_LINE = /^ *((?:\u001B\[[0-9;]*m)*)\uE000/gm;
/** marked-terminal's indent of a code block (its `tab` option). */
const CODE_INDENT = 2;

// Keyed by width and colour: the two differ in how inline code is marked.
const parsers = new Map<string, Marked>();

// Without colour, the colour was the only thing that set `code` apart from the prose, so
// commands ran into the sentence around them; backticks keep them visible.
const backticked = (code: string): string => `\`${code}\``;

function parserFor(width: number, color: boolean): Marked {
  if (!engine) throw new Error('the markdown renderer is not loaded yet: await loadMarkdown() first');
  const { Marked: MarkedClass, markedTerminal } = engine;
  const key = `${width}:${color ? 'color' : 'plain'}`;
  let parser = parsers.get(key);
  if (!parser) {
    parser = new MarkedClass(markedTerminal({
      width,
      ...(color ? {} : { codespan: backticked }),
      // Off: marked-terminal's reflow takes a colour code for a space, so a `(` before inline
      // code stayed at a line's end with the code on the next line. wrapLine breaks at spaces
      // only, colour or not; the renderer below joins the source's line breaks for it.
      reflowText: false,
      showSectionPrefix: false,
      // Emoji shortcodes would turn into double-width glyphs that break the column count.
      emoji: false,
      tab: CODE_INDENT,
    }), {
      // marked-terminal prints the raw text of a tight list item, so `code` and **bold**
      // showed their markers; render the item's inline tokens instead.
      renderer: {
        // A command wrapped by words would break where bash ends it (`docker push` alone, then
        // the image reference): shell lines wrap with ` \` instead, inside the code's indent.
        code(token) {
          if (SHELL_LANG.test(token.lang ?? '')) token.text = shellBlockText(token.text, width - CODE_INDENT, WORD_GOES_ON);
          return false;
        },
        text(token) {
          // Its source line breaks are joined too, so the item re-wraps as one paragraph.
          if ('tokens' in token && token.tokens) return this.parser.parseInline(token.tokens).replace(/\n/g, ' ');
          // A paragraph's text: its source line breaks are spaces (a hard break is a br of its own).
          token.text = token.text.replace(/\n/g, ' ');
          return false;
        },
        // Without reflow, marked-terminal draws a rule as wide as process.stdout, not as the page.
        hr() {
          return `${'-'.repeat(width - 1)}\n\n`;
        },
      },
    });
    parsers.set(key, parser);
  }
  return parser;
}

// OSC 8 hyperlinks: marked-terminal emits them when the terminal seems to support them,
// but inside Ink they confuse the width of a line, so the link text and URL stay plain.
const OSC8 = /\u001B]8;[^\u0007\u001B]*(?:\u0007|\u001B\\)/g;

// ┌│├└╭╰┬┼, escaped: the bundle stays ASCII, so bin/ecr-lab.js reads dist/cli.cjs without decoding UTF-8.
const TABLE_ROW = /^\s*[\u250c\u2502\u251c\u2514\u256d\u2570\u252c\u253c]/;

/** Renders markdown prose to lines no wider than `width`, with trailing blank lines trimmed. */
export function renderMarkdown(text: string, width: number, options: RenderOptions): string {
  const w = Math.max(MIN_RENDER_WIDTH, Math.floor(width));
  let out = (parserFor(w, options.color).parse(text, { async: false }) as string).replace(OSC8, '').replace(WORD_GOES_ON_LINE, '$1');
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

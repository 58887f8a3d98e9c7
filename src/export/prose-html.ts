// Markdown prose -> HTML for handouts, through marked. Raw HTML in the source is shown as text,
// links keep their text and show where they point, and images become their alt text, so a
// handout never carries markup from content nor makes a request.
import { Marked, type Tokens } from 'marked';
import { escapeHtml } from './escape.js';

let parser: Marked | undefined;

function engine(): Marked {
  parser ??= new Marked({
    gfm: true,
    renderer: {
      html(token: Tokens.HTML | Tokens.Tag): string {
        return escapeHtml(token.text);
      },
      link(token: Tokens.Link): string {
        const text = this.parser.parseInline(token.tokens);
        // An in-page anchor is safe to follow; any other address is shown, not linked.
        if (/^#[\w-]+$/.test(token.href)) return `<a href="${escapeHtml(token.href)}">${text}</a>`;
        const shown = token.href === token.text || token.href === `mailto:${token.text}` ? '' : ` <span class="url">(${escapeHtml(token.href)})</span>`;
        return `<span class="link">${text}</span>${shown}`;
      },
      image(token: Tokens.Image): string {
        return `<span class="image">[image: ${escapeHtml(token.text || token.href)}]</span>`;
      },
    },
  });
  return parser;
}

/** A block of markdown as HTML. */
export function proseHtml(markdown: string): string {
  return engine().parse(markdown, { async: false });
}

/** One line of markdown (a quiz question, a choice) as inline HTML. */
export function inlineHtml(markdown: string): string {
  return engine().parseInline(markdown, { async: false });
}

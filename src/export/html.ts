// One self-contained HTML file: the stylesheet inline, a content security policy that forbids
// every request, and the only script (unfolding answers for printing) allowed by its hash.
import { createHash } from 'node:crypto';
import { defaultContext, type TargetContext } from '../core/steps.js';
import { blockHtml } from './blocks-html.js';
import { escapeHtml } from './escape.js';
import type { Handout, HandoutSection } from './handout.js';
import { proseHtml } from './prose-html.js';
import { HANDOUT_CSS } from './style.js';

// Browsers that cannot unfold <details> from CSS alone open them before printing.
const PRINT_SCRIPT = "addEventListener('beforeprint',function(){document.querySelectorAll('details').forEach(function(d){d.open=true;});});";
const SCRIPT_HASH = createHash('sha256').update(PRINT_SCRIPT).digest('base64');
const CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'; base-uri 'none'; form-action 'none'`;

/** An HTML document around `body`: the shell every export shares. */
export function htmlDocument(title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${HANDOUT_CSS}</style>`,
    '</head>',
    '<body>',
    body,
    `<script>${PRINT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function tocHtml(handout: Handout): string {
  const items = handout.sections.map((s) => {
    const pages = handout.kind === 'deck' ? '' : `<ol>${s.parts.map((p) => (p.anchor ? `<li><a href="#${p.anchor}">${escapeHtml(p.title ?? '')}</a></li>` : '')).join('')}</ol>`;
    return `<li><a href="#${s.anchor}">${escapeHtml(s.title)}</a>${s.parts.length > 1 ? pages : ''}</li>`;
  });
  return `<nav class="toc"><h2>Contents</h2><ol>${items.join('\n')}</ol></nav>`;
}

function sectionHtml(section: HandoutSection, context: TargetContext): string {
  const out = [`<section class="unit" id="${section.anchor}">`, `<h2>${escapeHtml(section.title)}</h2>`, `<p class="meta">${escapeHtml(section.meta)}</p>`];
  if (section.objectives.length > 0) {
    out.push(`<div class="objectives"><p class="label">Objectives</p><ul>${section.objectives.map((o) => `<li>${escapeHtml(o)}</li>`).join('')}</ul></div>`);
  }
  for (const part of section.parts) {
    if (part.title) out.push(`<h3${part.anchor ? ` id="${part.anchor}"` : ''}>${escapeHtml(part.title)}</h3>`);
    out.push(...part.blocks.map((b) => blockHtml(b, context)));
    if (part.sources && part.sources.length > 0) out.push(`<p class="source">From the course: ${part.sources.map((s) => `<code>${escapeHtml(s)}</code>`).join(', ')}</p>`);
    if (part.notes) out.push(`<aside class="notes"><p class="label">Speaker notes</p>${proseHtml(part.notes)}</aside>`);
  }
  out.push('</section>');
  return out.join('\n');
}

/** A handout as one self-contained HTML file. */
export function handoutHtml(handout: Handout, context: TargetContext = defaultContext()): string {
  const header = [
    '<header class="doc">',
    `<h1>${escapeHtml(handout.title)}</h1>`,
    handout.description ? `<p>${escapeHtml(handout.description)}</p>` : '',
    `<p class="meta">Commands are shown for account ${escapeHtml(context.account)} in ${escapeHtml(context.region)}; put in your own account and region.</p>`,
    '</header>',
  ].filter(Boolean).join('\n');
  const body = [header, tocHtml(handout), ...handout.sections.map((s) => sectionHtml(s, context))].join('\n');
  return htmlDocument(handout.title, body);
}

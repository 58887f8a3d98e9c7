// Text made safe for HTML, and anchors made from ids: nothing from content reaches a handout
// as markup unless it went through here or through the prose renderer.

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` with every character that means something in HTML (also in attributes) escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

// A markdown code span: a run of backticks, then text, then a run of exactly as many.
const CODE_SPAN = /(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)/g;

/**
 * `text` escaped, with its markdown code spans (`aws ecr ...`) as <code>: the error catalogue's
 * causes and fixes carry them, and a reader should see code, not backticks.
 */
export function escapeWithCode(text: string): string {
  return escapeHtml(text).replace(CODE_SPAN, (_span, _ticks: string, code: string) => `<code>${code}</code>`);
}

/** An id usable as an HTML anchor: lowercase letters, digits and hyphens. */
export function anchor(...parts: readonly (string | number)[]): string {
  return parts.map((p) => String(p).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')).filter(Boolean).join('--') || 'section';
}

/** A markdown code fence longer than any run of backticks inside `text`. */
export function fenceFor(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

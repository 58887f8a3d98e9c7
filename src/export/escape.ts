// Text made safe for HTML, and anchors made from ids: nothing from content reaches a handout
// as markup unless it went through here or through the prose renderer.

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` with every character that means something in HTML (also in attributes) escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
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

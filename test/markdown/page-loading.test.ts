// Before the renderer has loaded (the moment after the TUI's first frame), prose shows a
// placeholder instead of failing, and is rendered for real once it is there.
import { expect, it, vi } from 'vitest';

it('shows a placeholder until the renderer is loaded, without caching it', async () => {
  vi.resetModules();
  const page = await import('../../src/markdown/page.js');
  const render = await import('../../src/markdown/render.js');
  const block = { kind: 'markdown' as const, text: 'Docker **never** sees the IAM secret.' };
  expect(render.isMarkdownLoaded()).toBe(false);
  expect(page.proseLines(block, 60, false).map((l) => l.text)).toEqual(['…']);
  expect(() => render.renderMarkdown(block.text, 60, { color: false })).toThrow(/loadMarkdown/);
  await render.loadMarkdown();
  expect(page.proseLines(block, 60, false).map((l) => l.text)).toEqual(['Docker never sees the IAM secret.']);
});

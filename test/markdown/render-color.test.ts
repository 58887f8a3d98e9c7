// marked-terminal fixes its colours when chalk is imported, so this file turns colour on
// before it imports the renderer: the colour-off path must then remove real escape codes.
import { readdirSync, readFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { visibleLength } from '../../src/markdown/wrap.js';

type Render = typeof import('../../src/markdown/render.js').renderMarkdown;
let renderMarkdown: Render;

const TEXT = 'Docker never sees the **IAM secret key**: the `aws` CLI signs a request and hands a '
  + 'password to `docker login --password-stdin`, which keeps it for twelve hours.\n\n- one *two* three four five six';

beforeAll(async () => {
  vi.stubEnv('FORCE_COLOR', '3');
  vi.stubEnv('NO_COLOR', '');
  vi.resetModules();
  const render = await import('../../src/markdown/render.js');
  await render.loadMarkdown();
  ({ renderMarkdown } = render);
});

afterAll(() => {
  vi.unstubAllEnvs();
});

describe('renderMarkdown with a colour terminal', () => {
  it('colours when asked', () => {
    expect(renderMarkdown(TEXT, 40, { color: true })).toContain('\u001B[');
  });

  it('has no escape codes when colour is off', () => {
    expect(renderMarkdown(TEXT, 40, { color: false })).not.toContain('\u001B');
  });

  it.each([24, 40, 60])('gives the same words and widths with and without colour at %i columns', (width) => {
    const coloured = renderMarkdown(TEXT, width, { color: true }).split('\n');
    expect(coloured.every((l) => visibleLength(l) <= width)).toBe(true);
    expect(coloured.map((l) => stripVTControlCharacters(l)).join(' ').split(/\s+/))
      // Colour off marks inline code with backticks instead of colour; the words are the same.
      .toEqual(renderMarkdown(TEXT, width, { color: false }).replace(/`/g, '').split(/\s+/));
  });
});

// marked-terminal's own reflow took a colour code for a space: a `(` before inline code stayed at
// the end of a line and the code began the next (lesson 2: "a user (" / "arn:aws:iam::…").
describe('lines wrapped with colour on', () => {
  const lessons = readdirSync('lessons').filter((f) => f.endsWith('.md'));
  const PAREN = 'Arn says whether you are a user (`arn:aws:iam::<account>:user/<name>`) or a role session (`arn:aws:sts::<account>:assumed-role/<role>/<session>`).';

  it.each([76, 56])('keep a bracket with the code it opens at %i columns', (width) => {
    const lines = renderMarkdown(PAREN, width, { color: true }).split('\n').map((l) => stripVTControlCharacters(l));
    expect(lines.filter((l) => /\($/.test(l.trimEnd()) || /^\s*\)/.test(l))).toEqual([]);
  });

  it.each([76, 56])('break every lesson only between words at %i columns, as without colour', (width) => {
    for (const file of lessons) {
      const text = readFileSync(`lessons/${file}`, 'utf8').replace(/^---[\s\S]*?---/, '');
      const coloured = renderMarkdown(text, width, { color: true }).split('\n').map((l) => stripVTControlCharacters(l).trimEnd());
      expect(coloured.filter((l) => /\($/.test(l)), file).toEqual([]);
      expect(coloured.every((l) => l.length <= width), file).toBe(true);
    }
  });

  it('draws a rule as wide as the page, not as the terminal', () => {
    const lines = renderMarkdown('one\n\n---\n\ntwo', 30, { color: true }).split('\n').map((l) => stripVTControlCharacters(l));
    expect(lines).toContain('-'.repeat(29));
  });
});


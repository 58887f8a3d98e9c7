// Inline code with colour off: a visible marker (backticks) must keep commands apart from
// the prose around them, at every width; with colour on, the colour alone marks them.
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { visibleLength } from '../../src/markdown/wrap.js';

type Render = typeof import('../../src/markdown/render.js').renderMarkdown;
let renderMarkdown: Render;

const TEXT = 'Run `aws ecr get-login-password` and pipe it to `docker login`, then push.\n\n'
  + '- tight item with `docker push` inside\n- another item';

beforeAll(async () => {
  // Colour is turned on for chalk, so the colour-on case really colours.
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

const joined = (s: string): string => s.split('\n').map((l) => l.trim()).join(' ');

describe('inline code with colour off', () => {
  it.each([20, 40, 80])('keeps backticks around each code span at %i columns', (width) => {
    const out = renderMarkdown(TEXT, width, { color: false });
    expect(out).not.toContain('\u001B');
    expect(out.split('\n').every((l) => visibleLength(l) <= width)).toBe(true);
    const text = joined(out);
    for (const code of ['aws ecr get-login-password', 'docker login', 'docker push']) {
      expect(text).toContain(`\`${code}\``);
    }
  });

  it('marks code in a paragraph and in a tight list item', () => {
    const lines = renderMarkdown(TEXT, 80, { color: false }).split('\n');
    expect(lines.find((l) => l.includes('Run'))).toContain('`aws ecr get-login-password`');
    expect(lines.find((l) => l.includes('tight item'))).toContain('`docker push`');
  });
});

describe('inline code with colour on', () => {
  it('colours the code and adds no backticks (today\'s look)', () => {
    const out = renderMarkdown(TEXT, 80, { color: true });
    expect(out).toContain('\u001B[');
    expect(stripVTControlCharacters(out)).not.toContain('`');
    expect(stripVTControlCharacters(out)).toContain('aws ecr get-login-password');
  });

  it('does not share a cached parser between colour on and off at one width', () => {
    expect(joined(renderMarkdown(TEXT, 60, { color: false }))).toContain('`docker login`');
    expect(stripVTControlCharacters(renderMarkdown(TEXT, 60, { color: true }))).not.toContain('`');
    expect(joined(renderMarkdown(TEXT, 60, { color: false }))).toContain('`docker login`');
  });
});

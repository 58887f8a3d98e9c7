// Text made safe for HTML: markup escaped, markdown code spans shown as <code>.
import { describe, expect, it } from 'vitest';
import { escapeWithCode } from '../../src/export/escape.js';

describe('escapeWithCode', () => {
  it.each([
    ['Create it first (`aws ecr create-repository`).', 'Create it first (<code>aws ecr create-repository</code>).'],
    ['`a` and `b`', '<code>a</code> and <code>b</code>'],
    ['run `docker login <host>` & retry', 'run <code>docker login &lt;host&gt;</code> &amp; retry'],
    ['``a ` b``', '<code>a ` b</code>'],
    ['a lone ` backtick', 'a lone ` backtick'],
    ['<b>no code</b>', '&lt;b&gt;no code&lt;/b&gt;'],
  ])('%s', (text, html) => {
    expect(escapeWithCode(text)).toBe(html);
  });
});

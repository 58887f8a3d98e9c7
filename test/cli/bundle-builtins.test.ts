// The bundle reaches node:http and node:util through require(): imported as ES modules, Node
// 22+ builds their facades, and node:http's then loads undici (scripts/build.mjs says why).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = join(import.meta.dirname, '../../dist');
const chunks = readdirSync(dist).filter((f) => f.endsWith('.js'));
// esbuild's minified forms of a static import, a re-export and a dynamic import.
const ESM_IMPORT = /(?:from\s*|import\s*\(\s*|import\s*)["'](?:node:)?(http|util)["']/;

describe('the bundle in dist/', () => {
  it('imports node:http and node:util as ES modules nowhere', () => {
    const found = chunks.filter((f) => ESM_IMPORT.test(readFileSync(join(dist, f), 'utf8')));
    expect(found).toEqual([]);
  });

  it('still requires both (so the check above looks at a real bundle)', () => {
    const all = chunks.map((f) => readFileSync(join(dist, f), 'utf8')).join('\n');
    expect(all).toMatch(/\("node:http"\)/);
    expect(all).toMatch(/\("node:util"\)/);
  });
});

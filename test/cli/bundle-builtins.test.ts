// The bundle reaches node:http, node:util, node:process, node:fs and a few more through
// require(): imported as ES modules, Node 22+ builds their facades, whose lazy exports load more
// (node:http's undici, node:process's flag table; scripts/build.mjs says why). So does bin/.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = join(import.meta.dirname, '../../dist');
const chunks = readdirSync(dist).filter((f) => f.endsWith('.js'));
// esbuild's minified forms of a static import, a re-export and a dynamic import.
const VIA_REQUIRE = ['http', 'https', 'util', 'process', 'fs', 'tty', 'crypto', 'vm'];
const ESM_IMPORT = new RegExp(`(?:from\\s*|import\\s*\\(\\s*|import\\s*)["'](?:node:)?(${VIA_REQUIRE.join('|')})["']`);

describe('the bundle in dist/', () => {
  it(`imports ${VIA_REQUIRE.join(', ')} as ES modules nowhere`, () => {
    const found = chunks.filter((f) => ESM_IMPORT.test(readFileSync(join(dist, f), 'utf8')));
    expect(found).toEqual([]);
  });

  it('still requires them (so the check above looks at a real bundle)', () => {
    const all = chunks.map((f) => readFileSync(join(dist, f), 'utf8')).join('\n');
    // node:vm only in dist/code-cache.cjs (CommonJS, which bin/ecr-lab.js requires for `run`).
    for (const name of VIA_REQUIRE.filter((n) => n !== 'vm')) expect(all, name).toMatch(new RegExp(`\\("node:${name}"\\)`));
  });

  it('is started by bin/ecr-lab.js, a CommonJS file, without importing them either', () => {
    const bin = readFileSync(join(import.meta.dirname, '../../bin/ecr-lab.js'), 'utf8');
    expect(JSON.parse(readFileSync(join(import.meta.dirname, '../../bin/package.json'), 'utf8')).type).toBe('commonjs');
    expect(bin).not.toMatch(ESM_IMPORT);
    expect(bin).toMatch(/require\('node:fs'\)/);
  });
});

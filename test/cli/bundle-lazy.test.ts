// What the local target loads before its first step (the TUI's target, `run`, `drill`): the
// chunks dist/targets-*.js reaches through static imports. execa is loaded when a command
// first runs (src/workflow/load-execa.ts), so the built-in engine never loads it, and the
// @cloud-copilot packages are required on first use, from their CommonJS builds
// (src/local-ecr/iam/cloud-copilot.ts), never imported as ES modules.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = join(import.meta.dirname, '../../dist');
const chunks = readdirSync(dist).filter((f) => f.endsWith('.js'));
const text = (f: string): string => readFileSync(join(dist, f), 'utf8');
// esbuild's minified static imports: import{a as b}from"./x.js" and import"./x.js".
const STATIC = /import(?:\{[^}]*\}from|\s*\*\s*as\s+\w+\s+from)?\s*"\.\/([^"]+\.js)"/g;

function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (f: string): void => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const m of text(f).matchAll(STATIC)) visit(m[1]!);
  };
  visit(entry);
  return seen;
}

/** The npm packages a chunk holds, from its source map. */
function packagesOf(chunk: string): string[] {
  const map = JSON.parse(text(`${chunk}.map`)) as { sources: string[] };
  return map.sources.flatMap((s) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(s)?.[1] ?? []);
}

describe('the local target in dist/', () => {
  const targets = chunks.find((f) => /^targets-[\w-]+\.js$/.test(f));

  it('loads without execa, which waits for the first command it runs', () => {
    expect(targets).toBeDefined();
    const loaded = staticClosure(targets!);
    expect(loaded.size).toBeGreaterThan(5);
    expect([...loaded].filter((f) => packagesOf(f).includes('execa'))).toEqual([]);
    // The check looks at a real bundle: execa is in one of its chunks.
    expect(chunks.some((f) => packagesOf(f).includes('execa'))).toBe(true);
  });

  it('reaches the @cloud-copilot packages only through require(), and holds none of their code', () => {
    const imported = chunks.filter((f) => /(?:from\s*|import\s*\(\s*|import\s*)["']@cloud-copilot\//.test(text(f)));
    expect(imported).toEqual([]);
    // AGPL-3.0: they stay unmodified in node_modules, outside dist/ (the README says so).
    expect(chunks.filter((f) => packagesOf(f).some((p) => p.startsWith('@cloud-copilot/')))).toEqual([]);
    expect(chunks.some((f) => /require\(["']@cloud-copilot\/iam-simulate["']\)|resolve\(["']@cloud-copilot\/iam-simulate["']\)/.test(text(f)))).toBe(true);
  });
});

describe('dist/cli.cjs, the CommonJS build `run` comes from', () => {
  const sources = (JSON.parse(text('cli.cjs.map')) as { sources: string[] }).sources;
  const packages = new Set(sources.flatMap((s) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(s)?.[1] ?? []));

  it('holds the CLI and the SDK but none of the screens (Ink, React, yoga-layout) and none of the IAM simulator', () => {
    expect(packages).toContain('@aws-sdk/client-ecr');
    expect(sources.some((s) => s.endsWith('src/workflow/run-all.ts'))).toBe(true);
    expect([...packages].filter((p) => ['ink', 'react', 'yoga-layout'].includes(p) || p.startsWith('@cloud-copilot/'))).toEqual([]);
    expect(sources.filter((s) => /src\/ui\/(tui|present)\//.test(s))).toEqual([]);
  });

  it('calls no import(), which a vm.Script has no loader for on Node 20.5', () => {
    expect(text('cli.cjs')).not.toMatch(/\bimport\(/);
    expect(JSON.parse(text('cli.cjs.json'))).toMatchObject({ file: 'cli.cjs', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('runs in strict mode, as the ES module build does: its banner begins with the directive', () => {
    expect(text('cli.cjs').startsWith("'use strict';")).toBe(true);
  });

  it('is ASCII, so that it is read as latin1, without decoding UTF-8', () => {
    expect(readFileSync(join(dist, 'cli.cjs')).every((byte) => byte < 0x80)).toBe(true);
    expect(JSON.parse(text('cli.cjs.json'))).toMatchObject({ encoding: 'latin1' });
  });
});

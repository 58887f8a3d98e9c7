// Bundles src/cli/main.ts into dist/ so that start-up does not pay Node's module resolution
// for hundreds of files (see STYLE.md, "Known traps"). Heavy parts (the AWS SDK, ink) are
// reached through dynamic import() and land in their own chunks, loaded only when needed.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeStamp } from './build-stamp.cjs';

const started = Date.now();

// Ink and its helpers measure text with string-width; route them through the fast path in
// src/ui/string-width-fast.ts (which itself imports the real package).
const fastStringWidth = {
  name: 'fast-string-width',
  setup(b) {
    const shim = fileURLToPath(new URL('../src/ui/string-width-fast.ts', import.meta.url));
    // ESM importers only: CommonJS users (cli-table3) keep their own older string-width.
    b.onResolve({ filter: /^string-width$/ }, (args) =>
      (args.importer === shim || args.kind !== 'import-statement' ? undefined : { path: shim }));
  },
};

// Work that Ink's text helpers do before the first frame and that our text rarely needs, moved
// to its first use or skipped where it provably changes nothing (figures: CPU profiles of the
// first frame on Node 20). Each edit names the line it replaces; the build stops when a
// dependency no longer has it, rather than silently losing the saving.
// - string-width compiles /^\p{RGI_Emoji}$/v when loaded (V8 builds every emoji sequence,
//   ~35 ms) and makes an Intl.Segmenter (ICU's break data, ~12 ms), though both serve only text
//   beyond our fast path (src/ui/string-width-fast.ts).
// - ansi-tokenize splits every line Ink writes into graphemes with Intl.Segmenter; a line of
//   characters that never join a neighbour (ASCII without CR, Latin-1, punctuation, arrows, box
//   drawing, shapes, dingbats) has one grapheme per UTF-16 unit, so it is split without ICU.
//   slice-ansi (Ink's clipping) makes its segmenter when loaded too.
// - ansi-tokenize's styledCharsToString diffs the styles of every pair of neighbouring
//   characters (three Sets each); two characters with the very same styles differ by nothing.
const SIMPLE_TEXT = String.raw`/^[\x00-\x0c\x0e-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u2bff]*$/`;
const dependencyEdits = {
  'string-width/index.js': [
    [String.raw`const segmenter = new Intl.Segmenter();`,
      String.raw`let segmenterMade; const segmenter = { segment: (s) => (segmenterMade ??= new Intl.Segmenter()).segment(s) };`],
    [String.raw`const rgiEmojiRegex = /^\p{RGI_Emoji}$/v;`,
      String.raw`let rgiEmoji; const rgiEmojiRegex = { test: (s) => (rgiEmoji ??= new RegExp('^\\p{RGI_Emoji}$', 'v')).test(s) };`],
  ],
  '@alcalzone/ansi-tokenize/build/tokenize.js': [
    [String.raw`const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });`,
      String.raw`let graphemes; const segmenter = { segment: (s) => (${SIMPLE_TEXT}.test(s) ? Array.from(s, (segment, index) => ({ segment, index })) : (graphemes ??= new Intl.Segmenter(undefined, { granularity: "grapheme" })).segment(s)) };`],
  ],
  'slice-ansi/tokenize-ansi.js': [
    [String.raw`const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});`,
      String.raw`let graphemesMade; const GRAPHEME_SEGMENTER = { segment: (s) => (graphemesMade ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'})).segment(s) };`],
  ],
  '@alcalzone/ansi-tokenize/build/styledChars.js': [
    [String.raw`ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));`,
      String.raw`const before = chars[i - 1].styles; if (before.length !== char.styles.length || before.some((s, k) => s !== char.styles[k])) ret += ansiCodesToString(diffAnsiCodes(before, char.styles));`],
  ],
};
const editDependencies = {
  name: 'edit-dependencies',
  setup(b) {
    const files = new Map(Object.entries(dependencyEdits).map(([file, edits]) => [fileURLToPath(new URL(`../node_modules/${file}`, import.meta.url)), edits]));
    b.onLoad({ filter: /[\\/]node_modules[\\/].*\.js$/ }, (args) => {
      const edits = files.get(args.path);
      if (!edits) return undefined;
      let source = readFileSync(args.path, 'utf8');
      for (const [before, after] of edits) {
        if (!source.includes(before)) throw new Error(`${args.path} no longer has ${before}: update scripts/build.mjs`);
        source = source.replace(before, () => after);
      }
      return { contents: source, loader: 'js' };
    });
  },
};

// commander requires node:child_process (and with it net, dgram and the stream stack, ~10 ms)
// only to run executable subcommands, which ecr-lab has none of: hand it a lazy stand-in.
const lazyChildProcess = {
  name: 'lazy-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      (/node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'lazy-child-process', namespace: 'lazy' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

// Some built-ins through require(), not as ES modules: on Node 22 and later, importing a
// built-in as an ES module builds its facade, which reads every export, and some exports are
// lazy getters that load more. node:http's WebSocket, CloseEvent and MessageEvent load undici
// (~41 ms against ~7 through require on Node 24); node:process's allowedNodeEnvironmentFlags
// builds the flag table (~9 ms against 0.2 on Node 24, ~6 ms on Node 20); node:fs's promises
// (~5.6 ms against 0.2); node:util ~9 ms against ~1; node:tty, node:crypto (its webcrypto)
// and node:https a little. Each facade is built once per process, on its first import anywhere,
// so every import of one must go this way (bin/ecr-lab.js too). node:vm for another reason: a
// named import of an export a Node lacks fails to link (vm.constants came in Node 20.12, and
// engines promises 20.5), where require() gives undefined.
// test/cli/bundle-builtins.test.ts checks that the bundle keeps no such import.
const VIA_REQUIRE = /^(node:)?(http|https|util|process|fs|tty|crypto|vm)$/;
/** A plugin that hands the imports of built-ins `wanted` picks a one-line module requiring them. */
const requireInstead = (name, wanted) => ({
  name,
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) =>
      (args.namespace === name || !wanted(args) ? undefined : { path: args.path.replace(/^node:/, ''), namespace: name }));
    b.onLoad({ filter: /.*/, namespace: name }, (args) => ({ contents: `module.exports = require('node:${args.path}');`, loader: 'js' }));
  },
});
const builtinsViaRequire = requireInstead('builtins-via-require', (args) => VIA_REQUIRE.test(args.path));

// The Node versions package.json's engines promise must be ones every bundled dependency
// supports: an AWS SDK that drops Node 20 stops the build here, with what to change, instead
// of failing on a learner's machine. Only `>=X.Y.Z` and `^X.Y.Z` alternatives occur in our
// dependencies' engines; a semver library would be the one undeclared dependency of the build.
const lowest = (range) => Math.min(...range.split('||').map((alt) => {
  const [major = 0, minor = 0, patch = 0] = (alt.match(/\d+(\.\d+){0,2}/)?.[0] ?? '0').split('.').map(Number);
  return major * 1e6 + minor * 1e3 + patch;
}));
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
for (const dep of Object.keys(manifest.dependencies)) {
  const own = JSON.parse(readFileSync(new URL(`../node_modules/${dep}/package.json`, import.meta.url), 'utf8'));
  if (own.engines?.node && lowest(own.engines.node) > lowest(manifest.engines.node)) {
    process.stderr.write(`build: ${dep} ${own.version} needs Node ${own.engines.node}, but package.json's engines promise ${manifest.engines.node}. Fix: pin ${dep} to a version that supports it, or raise engines.node and the README's list of Node versions\n`);
    process.exit(1);
  }
}

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
// V8's compiled code for the bundle that bin/ecr-lab.js keeps under the XDG cache dir: Node keys
// each entry on its file's path, and the chunks' names change with their content, so a new
// bundle's entries never replace the old ones (a day of rebuilds left 39 MB). A build drops them
// all; the next start compiles and keeps the new ones.
await rm(join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ecr-lab', 'v8'), { recursive: true, force: true });
// What both builds share. Each build has its own id: the TUI's kept first frames
// (src/cli/first-frame.ts) are named with it, so that a frame drawn by other code is never shown
// as this build's, and the IAM simulator's kept answers (src/local-ecr/iam/answer-cache.ts).
const shared = {
  bundle: true,
  platform: 'node',
  mainFields: ['module', 'main'],
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  minify: true,
  logLevel: 'warning',
  // The IAM simulator is AGPL-3.0 (README, Licences): it stays out of the bundle, unmodified
  // in node_modules; iam-data also reads its JSON files relative to its own modules.
  external: ['react-devtools-core', '@cloud-copilot/*'],
  alias: {
    'cli-highlight': './src/markdown/stubs/cli-highlight.ts',
    'node-emoji': './src/markdown/stubs/node-emoji.ts',
  },
  define: { 'process.env.NODE_ENV': '"production"', 'process.env.DEV': '"false"', __ECR_LAB_BUILD__: JSON.stringify(randomUUID()) },
};
await build({
  ...shared,
  entryPoints: {
    main: 'src/cli/main.ts', 'course-cache': 'src/cli/course-cache.ts', 'credential-helper': 'src/cli/credential-helper.ts',
  },
  outdir: 'dist',
  splitting: true,
  format: 'esm',
  plugins: [fastStringWidth, editDependencies, lazyChildProcess, builtinsViaRequire],
  banner: {
    // CommonJS dependencies bundled into ESM still expect require, __filename and __dirname
    // (some name their temp files after __filename).
    js: [
      "import { createRequire as __ecrLabCreateRequire } from 'node:module';",
      "import { fileURLToPath as __ecrLabFileURLToPath } from 'node:url';",
      'const require = __ecrLabCreateRequire(import.meta.url);',
      'const __filename = __ecrLabFileURLToPath(import.meta.url);',
      "const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));",
    ].join(' '),
  },
});

// dist/cli.cjs: the same CLI as one CommonJS file, which bin/ecr-lab.js runs `run` from through
// a vm.Script with V8's code cache kept after a run (src/cli/code-cache.ts says why). The Ink
// screens stay out: yoga-layout's top-level await has no CommonJS form, and `run` never shows
// them. A built-in imported with import() is required instead: a vm.Script has no loader for it.
const screensLeftOut = {
  name: 'screens-left-out',
  setup(b) {
    b.onResolve({ filter: /^\.\/(tui|present|notes)\.js$/ }, (args) =>
      (/[\\/]src[\\/]cli[\\/]commands[\\/]index\.ts$/.test(args.importer) ? { path: args.path, namespace: 'screen-left-out' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'screen-left-out' }, (args) => ({
      contents: `throw new Error('${args.path} is not in dist/cli.cjs: the screens run from dist/main.js (bin/ecr-lab.js)');`,
      loader: 'js',
    }));
  },
};
const builtinImportsRequired = requireInstead('builtin-imports-required', (args) => args.kind === 'dynamic-import' && args.path.startsWith('node:'));
await build({
  ...shared,
  entryPoints: { cli: 'src/cli/main-script.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  plugins: [fastStringWidth, editDependencies, lazyChildProcess, screensLeftOut, builtinImportsRequired],
  define: { ...shared.define, 'import.meta.url': '__ecrLabImportMetaUrl' },
  // "use strict" first, where esbuild would put it: behind the banner it would not be a
  // directive, and the whole bundle would run in sloppy mode (the ES module build is strict).
  banner: { js: "'use strict'; const __ecrLabImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// What bin/ecr-lab.js (CommonJS) requires before the ES module build, or instead of it, so that
// `run` and the TUI's first frame never wait for Node's ES module loader (on Node 20 its start
// alone costs ~13 ms, and it compiles every module without a code cache): dist/code-cache.cjs
// runs `run` from dist/cli.cjs (src/cli/code-cache.ts), dist/early-frame.cjs shows the TUI's
// kept first frame (src/cli/early-frame.ts). Two files: each start loads only its own.
await build({
  ...shared,
  entryPoints: { 'code-cache': 'src/cli/code-cache.ts', 'early-frame': 'src/cli/early-frame.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  define: { ...shared.define, 'import.meta.url': '__ecrLabImportMetaUrl' },
  banner: { js: "'use strict'; const __ecrLabImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
const cjs = readFileSync(new URL('../dist/cli.cjs', import.meta.url));
// esbuild's minified output writes a call as import( with nothing between; strings do not.
if (/\bimport\(/.test(cjs.toString('utf8'))) {
  process.stderr.write('build: dist/cli.cjs calls import(), which a vm.Script cannot answer on Node before 20.12. Fix: route the module through a plugin in scripts/build.mjs\n');
  process.exit(1);
}
// esbuild writes ASCII, escaping what is not, except inside some regular expressions: an ASCII
// bundle is read as latin1, which makes its string without decoding (~0.4 ms against ~5-9 for
// UTF-8's, 1.4 MB, Node 24). The escapes in src/markdown say so where it mattered.
const encoding = cjs.every((byte) => byte < 0x80) ? 'latin1' : 'utf8';
writeFileSync(new URL('../dist/cli.cjs.json', import.meta.url), `${JSON.stringify({ file: 'cli.cjs', sha256: createHash('sha256').update(cjs).digest('hex'), encoding })}\n`);

// The parsed course, read at start-up while lessons/ is unchanged (see src/cli/content.ts).
execFileSync(process.execPath, [new URL('../dist/course-cache.js', import.meta.url).pathname], { stdio: 'inherit' });

// What `npm start` compares the sources with (see build-stamp.cjs).
writeStamp(started);

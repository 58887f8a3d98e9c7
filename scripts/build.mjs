// Bundles src/cli/main.ts into dist/ so that start-up does not pay Node's module resolution
// for hundreds of files (see STYLE.md, "Known traps"). Heavy parts (the AWS SDK, ink) are
// reached through dynamic import() and land in their own chunks, loaded only when needed.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  external: ['react-devtools-core'],
  define: { 'process.env.NODE_ENV': '"production"', 'process.env.DEV': '"false"' },
  banner: {
    js: "import { createRequire as __ecrLabCreateRequire } from 'node:module'; const require = __ecrLabCreateRequire(import.meta.url);",
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The same stand-ins as the bundle (scripts/build.mjs), so tests see what users see.
  resolve: {
    alias: {
      'cli-highlight': new URL('./src/markdown/stubs/cli-highlight.ts', import.meta.url).pathname,
      'node-emoji': new URL('./src/markdown/stubs/node-emoji.ts', import.meta.url).pathname,
    },
  },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    env: { FORCE_COLOR: '0', NO_COLOR: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 20_000,
    // marked-terminal imports cli-highlight and node-emoji itself: vitest leaves a package in
    // node_modules to Node, which would load the real ones and skip the aliases above.
    server: { deps: { inline: ['marked-terminal'] } },
  },
});

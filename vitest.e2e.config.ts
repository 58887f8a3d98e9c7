import { defineConfig } from 'vitest/config';

// The tests that need the real docker daemon, /usr/bin/aws and skopeo (see .ci/run).
export default defineConfig({
  // The same stand-ins as the bundle (scripts/build.mjs), so tests see what users see.
  resolve: {
    alias: {
      'cli-highlight': new URL('./src/markdown/stubs/cli-highlight.ts', import.meta.url).pathname,
      'node-emoji': new URL('./src/markdown/stubs/node-emoji.ts', import.meta.url).pathname,
    },
  },
  test: {
    include: ['test/e2e/**/*.test.{ts,tsx}'],
    env: { FORCE_COLOR: '0', NO_COLOR: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});

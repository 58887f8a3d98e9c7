import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// The tests that need the real docker daemon, /usr/bin/aws, skopeo and tmux (see .ci/run).
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/e2e/**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    env: { FORCE_COLOR: '0', NO_COLOR: '1' },
    testTimeout: 20_000,
  },
});

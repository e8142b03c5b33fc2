import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/support/build.ts'],
    // KEYHOLE_SAILPOINT_SPECS_URL: no test downloads from GitHub (see test/support/cli.ts).
    env: {
      FORCE_COLOR: '0',
      NO_COLOR: '1',
      KEYHOLE_SAILPOINT_SPECS_URL: 'http://127.0.0.1:9/no-network-in-tests/',
    },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: process-spawning tests fight for CPU when many files run at once.
    maxWorkers: 2,
  },
});

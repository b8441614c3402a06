import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Each file runs in its own process with its own in-process Hardhat network.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

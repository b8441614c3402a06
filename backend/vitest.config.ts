import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC compiles the Nest and TypeORM decorators with their design-type metadata, as tsc does.
const decorators = swc.vite({
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
});

export default defineConfig({
  test: {
    projects: [
      { plugins: [decorators], test: { name: 'unit', include: ['src/**/*.spec.ts'], environment: 'node' } },
      {
        plugins: [decorators],
        test: {
          name: 'medium',
          include: ['test/medium/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts', 'test/support/build-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [decorators],
        test: {
          // Production's faults on production's shape: processes killed, PostgreSQL restarted, the chain cut off.
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts', 'test/support/build-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        plugins: [decorators],
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

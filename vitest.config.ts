import { defineConfig } from 'vitest/config';

/**
 * Test projects. `npm test` runs them in order (see package.json):
 * - unit: pure modules, mocks allowed, fast;
 * - property: fast-check properties (never throws, round trips, query budgets);
 * - integration: a real DNS server (Knot) on loopback, started by the global setup;
 * - package: the built and packed package (exports, bundles, sizes), after `npm run build`;
 * - browser: real headless Chromium through playwright-core, after `npm run build`.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/conformance/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'property',
          include: ['test/property/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'package',
          include: ['test/package/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          // The same Knot DNS server and loopback DoH endpoint as the integration project.
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

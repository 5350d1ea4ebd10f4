import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { dashboardApiPlugin } from './src/server/dev/vite-api-plugin.ts';

const SERIAL_HARDENING_TESTS = ['test/hardening/**/*.test.ts'];

export default defineConfig({
  // dashboardApiPlugin: /api/* served by the Fastify app in `vite` dev only (not in build or vitest).
  plugins: [react(), tailwindcss(), dashboardApiPlugin()],
  build: {
    outDir: 'dist',
    sourcemap: false,
    rolldownOptions: {
      output: {
        // What both the first paint and the lazy panels use goes in one chunk: left alone, the bundler cut it
        // into five small preloaded files, each gzipped on its own (about 1.5 KB more on the first load).
        codeSplitting: {
          groups: [
            {
              name: 'shared',
              test: /src\/shared\/|src\/app\/lib\/|src\/app\/features\/leads\/view-query|node_modules\/(react|@tanstack\/(query-core|react-query))\//,
            },
          ],
        },
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'node_modules/**', ...SERIAL_HARDENING_TESTS],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        // Load, fuzzing, server processes and 100k-lead snapshots saturate the CPU on purpose, and the fault
        // matrix bounds response times: run one file at a time after everything else (groupOrder), so they
        // neither disturb other tests' timeouts nor get disturbed.
        extends: true,
        test: {
          name: 'hardening',
          include: SERIAL_HARDENING_TESTS,
          environment: 'node',
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          include: ['test/**/*.test.tsx'],
          environment: 'jsdom',
          testTimeout: 20_000,
        },
      },
      {
        // Chromium per file: run last and alone (after hardening), so it neither slows timing-bound tests
        // elsewhere nor waits on a saturated CPU itself.
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/support/global-setup.ts'],
          environment: 'node',
          fileParallelism: false,
          sequence: { groupOrder: 2 },
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});

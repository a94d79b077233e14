import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // Integration tests spawn child processes and write real folders; two workers suit two cores.
    maxWorkers: 2,
    // Workers and child processes run the built hosts (see scripts/build-hosts.mjs), built first.
    globalSetup: ['scripts/test-setup.mjs'],
    env: { DOSSIER_WORKER_DIR: fileURLToPath(new URL('./out/node', import.meta.url)) },
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'seeds/**/*.test.ts', 'scripts/**/*.test.ts'], environment: 'node' },
      },
      {
        // The renderer's stores and components, in a DOM (jsdom) with Testing Library.
        extends: true,
        test: { name: 'renderer', include: ['renderer/src/**/*.test.{ts,tsx}'], environment: 'jsdom', setupFiles: ['renderer/src/testing/setup.ts'] },
      },
    ],
  },
});

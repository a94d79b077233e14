import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/src/**/*.test.{ts,tsx}', 'seeds/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Integration tests spawn child processes and write real folders; two workers suit two cores.
    maxWorkers: 2,
    // Workers and child processes run the built hosts (see scripts/build-hosts.mjs), built first.
    globalSetup: ['scripts/test-setup.mjs'],
    env: { DOSSIER_WORKER_DIR: fileURLToPath(new URL('./out/node', import.meta.url)) },
  },
});

import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The import, search and names workers are entries of their own, started beside the main bundle.
      lib: {
        entry: {
          index: resolve('electron/main/index.ts'),
          'import-worker': resolve('electron/backend/import/worker.ts'),
          'search-worker': resolve('electron/backend/search/worker.ts'),
          'names-worker': resolve('electron/backend/entities/names-worker.ts'),
        },
        formats: ['es'],
      },
    },
  },
  preload: {
    // A sandboxed preload is one CommonJS file whose only import is 'electron': bundle everything.
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      lib: { entry: resolve('electron/preload/index.ts'), formats: ['cjs'] },
      rolldownOptions: { output: { entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: resolve('renderer/index.html') },
    },
  },
});

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
      rolldownOptions: {
        // The backend loads heavy modules on first use for the CLI (api/lazy.ts, app.ts); the desktop
        // app loads every API namespace at start, so some of them are imported statically too, and
        // the bundler's note that those dynamic imports stay in the main chunk is expected.
        onwarn(warning, warn) {
          if (warning.code !== 'INEFFECTIVE_DYNAMIC_IMPORT') warn(warning);
        },
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

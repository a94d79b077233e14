/**
 * Where a worker thread's script is. A built host (the desktop app's out/main/, the CLI's and
 * browser mode's out/node/) has the built worker beside the module that starts it. Code run from
 * its TypeScript sources uses the built workers in DOSSIER_WORKER_DIR when that is set (the tests
 * set it to out/node/, built before they run, so no test waits for a compile), and otherwise loads
 * the worker's TypeScript through a tsx bootstrap (development only).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type WorkerName = 'search-worker' | 'import-worker' | 'names-worker';

// Literal URLs each (no template): bundlers treat `new URL('./x', import.meta.url)` as a file reference.
const BESIDE: Record<WorkerName, URL> = {
  'search-worker': new URL('./search-worker.js', import.meta.url),
  'import-worker': new URL('./import-worker.js', import.meta.url),
  'names-worker': new URL('./names-worker.js', import.meta.url),
};

const DEV_BOOTSTRAP: Record<WorkerName, URL> = {
  'search-worker': new URL('./search/worker-dev.mjs', import.meta.url),
  'import-worker': new URL('./import/worker-dev.mjs', import.meta.url),
  'names-worker': new URL('./entities/names-worker-dev.mjs', import.meta.url),
};

/** The script to start for a worker (see the module's comment for the order). */
export function workerScript(name: WorkerName): URL {
  const beside = BESIDE[name];
  if (existsSync(fileURLToPath(beside))) return beside;
  const builtDir = process.env.DOSSIER_WORKER_DIR;
  if (builtDir && existsSync(join(builtDir, `${name}.js`))) return pathToFileURL(join(builtDir, `${name}.js`));
  return DEV_BOOTSTRAP[name];
}

/**
 * The limits every Dossier worker starts with. A worker's young generation may otherwise grow to
 * 48 MB and V8 keeps what it grew: three to five isolates on a laptop. At 8 MB the browser-mode
 * server holds and peaks at markedly less with 5,000 real sources open, while search stays within
 * noise (bench/scale.ts and bench/search.ts; the figures are in docs/PERFORMANCE.md).
 */
export const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 } as const;

/**
 * The import workers' limits: parsing a web page allocates much more, and at 8 MB an HTML import
 * ran slower; at 16 MB it was within the machine's noise of no limit (bench/import.ts,
 * docs/PERFORMANCE.md).
 * They stop 30 s after their last file, so only an import's peak holds what they grew.
 */
export const IMPORT_WORKER_LIMITS = { maxYoungGenerationSizeMb: 16 } as const;

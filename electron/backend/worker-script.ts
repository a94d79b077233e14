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

export type WorkerName = 'search-worker' | 'import-worker';

// Literal URLs each (no template): bundlers treat `new URL('./x', import.meta.url)` as a file reference.
const BESIDE: Record<WorkerName, URL> = {
  'search-worker': new URL('./search-worker.js', import.meta.url),
  'import-worker': new URL('./import-worker.js', import.meta.url),
};

const DEV_BOOTSTRAP: Record<WorkerName, URL> = {
  'search-worker': new URL('./search/worker-dev.mjs', import.meta.url),
  'import-worker': new URL('./import/worker-dev.mjs', import.meta.url),
};

/** The script to start for a worker (see the module's comment for the order). */
export function workerScript(name: WorkerName): URL {
  const beside = BESIDE[name];
  if (existsSync(fileURLToPath(beside))) return beside;
  const builtDir = process.env.DOSSIER_WORKER_DIR;
  if (builtDir && existsSync(join(builtDir, `${name}.js`))) return pathToFileURL(join(builtDir, `${name}.js`));
  return DEV_BOOTSTRAP[name];
}

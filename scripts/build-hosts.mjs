// Builds the Node hosts of the backend into out/node/: the `dossier` command (cli.js), the
// browser-mode server (server.js) and the workers they start (search-worker.js, import-worker.js, names-worker.js),
// bundled by esbuild with the npm packages left as imports, as electron-vite builds the desktop
// main process. It runs at `npm install` (the `prepare` script), before the tests, and on first
// use of `dossier` when the build is missing or older than its sources.
//
// out/node/ sits two folders below the repository, as electron/cli/ does, so that the paths the
// code finds relative to itself (package.json, seeds/, out/renderer/) are the same built or not.
// The chunks stay in out/node/ for the same reason: a worker is found beside the module that
// starts it.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const OUT_DIR = `${root}out/node`;
const STAMP = `${OUT_DIR}/build.json`;

/** The entries: the name of the built file, and its TypeScript source. */
const ENTRIES = {
  cli: 'electron/cli/run.ts',
  server: 'electron/http/run.ts',
  'search-worker': 'electron/backend/search/worker.ts',
  'import-worker': 'electron/backend/import/worker.ts',
  'names-worker': 'electron/backend/entities/names-worker.ts',
};

/**
 * Programs the tests start as child processes (a process that holds a notebook's lock, one that
 * is killed while writing), built apart so the packaged hosts do not carry them.
 */
const TEST_ENTRIES = {
  'hold-lock': 'electron/backend/testing/hold-lock.ts',
  'crash-writer': 'electron/backend/testing/crash-writer.ts',
  'crash-editor': 'electron/backend/testing/crash-editor.ts',
  'sync-crash': 'electron/backend/testing/sync-crash.ts',
};

/** npm packages bundled into the hosts instead of loaded from node_modules (see buildHosts). */
const INLINE = new Set(['zod']);

/** An esbuild plugin: every npm package (and node: module) stays an import, but those of INLINE. */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const [scope, name] = args.path.split('/');
      return INLINE.has(scope.startsWith('@') ? `${scope}/${name}` : scope) ? undefined : { path: args.path, external: true };
    });
  },
};

/**
 * Whether out/node/ is missing or older than one of the files it was built from (or than this
 * script). Costs one stat per source file: a few milliseconds.
 */
export function hostsNeedBuild() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return true;
  }
  if (!Array.isArray(stamp.inputs) || typeof stamp.builtAt !== 'number') return true;
  for (const input of [...stamp.inputs, 'scripts/build-hosts.mjs', 'package-lock.json']) {
    const s = statSync(`${root}${input}`, { throwIfNoEntry: false });
    if (!s || s.mtimeMs > stamp.builtAt) return true;
  }
  return false;
}

/** Builds out/node/ (and out/node/testing/ with the test programs). Throws with esbuild's message on a build error. */
export async function buildHosts({ quiet = false } = {}) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error('the Node hosts are not built and esbuild is not installed: run "npm install" in the repository first');
  }
  const builtAt = Date.now();
  const startedAt = performance.now();
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const common = {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies are loaded from node_modules, as in the desktop build, but for those bundled in
    // (INLINE): zod is some 240 module files, and resolving and loading each one was a fifth of
    // the time of `dossier sources`.
    plugins: [externalPackages],
    splitting: true,
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: root,
    chunkNames: 'chunk-[hash]',
  };
  const hosts = await esbuild.build({ ...common, entryPoints: ENTRIES, outdir: OUT_DIR });
  await esbuild.build({ ...common, entryPoints: TEST_ENTRIES, outdir: `${OUT_DIR}/testing` });
  // The testing programs sit one folder deeper; their sources are listed in the stamp too.
  const inputs = Object.keys(hosts.metafile.inputs).filter((p) => !p.startsWith('node_modules/'));
  inputs.push(...Object.values(TEST_ENTRIES));
  writeFileSync(STAMP, JSON.stringify({ builtAt, inputs: [...new Set(inputs)].sort() }, null, 1));
  if (!quiet) console.log(`Built the Node hosts into out/node/ in ${Math.round(performance.now() - startedAt)} ms.`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const onlyIfStale = process.argv.includes('--if-stale');
  if (!onlyIfStale || hostsNeedBuild()) {
    await buildHosts({ quiet: process.argv.includes('--quiet') }).catch((e) => {
      console.error(`dossier: could not build the Node hosts: ${e.message}`);
      process.exit(1);
    });
  }
}

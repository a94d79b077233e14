// `npm run check:package`: checks electron-builder.yml where Electron's runtime cannot be
// downloaded. It packages the built app (`--dir`) around a stand-in Electron binary that carries
// a real fuse wire, then checks what a user would get: the app code in app.asar, the sample's
// seeds in resources/, and every security fuse flipped as configured.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(join(root, 'node_modules', 'app-builder-lib', 'package.json'));
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's own defaults for fuse wire version 1: RunAsNode on, cookie encryption off, NODE_OPTIONS
// on, --inspect on, asar integrity off, only-asar off, browser V8 snapshot off, file:// privileges on.
const DEFAULT_WIRE = '10110001';
const EXPECTED_WIRE = '01001100';

function fail(message) {
  console.error(`check:package: ${message}`);
  process.exit(1);
}

if (!existsSync(join(root, 'out', 'main', 'index.js'))) {
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) fail('the app did not build');
}

const work = mkdtempSync(join(tmpdir(), 'dossier-package-'));
try {
  const dist = join(work, 'electron-dist');
  mkdirSync(dist);
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in for Electron"\n# '),
    Buffer.from(SENTINEL),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(DEFAULT_WIRE),
    Buffer.from('\n'),
  ]);
  writeFileSync(join(dist, 'electron'), binary);
  chmodSync(join(dist, 'electron'), 0o755);
  writeFileSync(join(dist, 'LICENSE'), 'stand-in');
  mkdirSync(join(dist, 'resources'));

  const output = join(work, 'release');
  const builder = join(root, 'node_modules', 'electron-builder', 'cli.js');
  const run = spawnSync(process.execPath, [builder, '--linux', 'dir', '--publish', 'never', `-c.electronDist=${dist}`, `-c.directories.output=${output}`], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_BUILDER_CACHE: join(work, 'cache') },
  });
  if (run.status !== 0) fail(`electron-builder failed:\n${run.stdout}\n${run.stderr}`);

  const unpacked = join(output, 'linux-unpacked');
  const resources = join(unpacked, 'resources');
  const asar = require('@electron/asar');
  const files = asar.listPackage(join(resources, 'app.asar')).map((f) => f.replaceAll('\\', '/'));
  for (const needed of [
    '/out/main/index.js',
    '/out/main/import-worker.js',
    '/out/main/search-worker.js',
    '/out/main/names-worker.js',
    '/node_modules/compromise/package.json',
    '/out/preload/index.cjs',
    '/out/renderer/index.html',
    '/package.json',
    '/node_modules/pdfjs-dist/legacy/build/pdf.mjs',
    '/node_modules/pdfjs-dist/legacy/build/pdf.worker.mjs',
  ]) {
    if (!files.includes(needed)) fail(`app.asar lacks ${needed}`);
  }
  if (files.some((f) => /\/(e2e|bench|electron\/backend|renderer\/src)\//.test(f))) fail('app.asar contains sources or tests');
  const otherBuilds = files.filter((f) => f.startsWith('/out/') && !/^\/out\/(main|preload|renderer)(\/|$)/.test(f));
  if (otherBuilds.length > 0) fail(`app.asar contains builds other than the desktop app's (out/node/ is for the CLI and browser mode): ${otherBuilds.slice(0, 5).join(', ')}`);
  const runtime = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies);
  for (const dep of runtime) {
    if (!files.some((f) => f.startsWith(`/node_modules/${dep}/`))) fail(`app.asar lacks the runtime dependency ${dep}`);
  }
  for (const devOnly of ['tsx', 'esbuild', 'electron', 'vite', 'typescript']) {
    if (files.some((f) => f.startsWith(`/node_modules/${devOnly}/`))) fail(`app.asar contains the development tool ${devOnly}`);
  }
  const seeds = readdirSync(join(resources, 'seeds')).sort();
  const expectedSeeds = readdirSync(join(root, 'seeds'))
    .filter((f) => f.endsWith('.txt') || f === 'sample.json')
    .sort();
  if (JSON.stringify(seeds) !== JSON.stringify(expectedSeeds)) fail(`resources/seeds holds ${seeds.join(', ')}`);

  const executable = readdirSync(unpacked).find((f) => f === 'dossier' || f === 'Dossier');
  if (!executable) fail(`no Dossier executable in ${readdirSync(unpacked).join(', ')}`);
  const packed = readFileSync(join(unpacked, executable));
  const at = packed.indexOf(SENTINEL) + SENTINEL.length;
  const wire = packed.subarray(at + 2, at + 2 + DEFAULT_WIRE.length).toString();
  if (wire !== EXPECTED_WIRE)
    fail(
      `fuses are ${wire}, expected ${EXPECTED_WIRE} (run-as-node off, cookie encryption on, NODE_OPTIONS off, --inspect off, asar integrity on, only asar on, V8 snapshot off, file:// privileges off)`,
    );
  console.log(`check:package: electron-builder.yml packs ${files.length} files into app.asar, ${seeds.length} seed files, and flips every fuse (${wire}).`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

// Vitest's global setup: the tests start built programs (the dossier command, the workers, the
// test helpers in out/node/testing/), never a TypeScript compile; build them if they are stale.
// Browser mode also needs the renderer, built once if it is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildHosts, hostsNeedBuild } from './build-hosts.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

export default async function setup() {
  if (hostsNeedBuild()) await buildHosts({ quiet: true });
  if (!existsSync(`${root}out/renderer/index.html`)) {
    const build = spawnSync(process.execPath, [`${root}node_modules/electron-vite/bin/electron-vite.js`, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('could not build the renderer for the tests');
  }
}

// `npm start`: builds Dossier, then opens it in Electron. Where Electron's runtime cannot be
// started (not downloadable offline, no display), it says so in one line and opens the same app
// in browser mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findElectronRuntime } from './electron-runtime.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const build = spawnSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (build.status !== 0) process.exit(build.status ?? 1);

function browserMode(reason) {
  console.log(`Dossier: ${reason}; opening Dossier in browser mode instead.`);
  const child = spawn(process.execPath, ['out/node/server.js'], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

const runtime = process.env.DOSSIER_BROWSER ? { reason: 'DOSSIER_BROWSER is set' } : findElectronRuntime(root);
if (!runtime.path) {
  browserMode(runtime.reason);
} else {
  const startedAt = Date.now();
  const electron = spawn(runtime.path, ['.'], { cwd: root, stdio: ['inherit', 'inherit', 'pipe'] });
  let stderr = '';
  electron.stderr.on('data', (chunk) => {
    stderr += chunk;
    process.stderr.write(chunk);
  });
  electron.on('error', (e) => browserMode(`Electron could not be started (${e.message})`));
  electron.on('exit', (code) => {
    // A runtime that dies at once (no display, missing system libraries) is not a running app.
    if (code !== 0 && Date.now() - startedAt < 15_000) {
      const line = stderr.split('\n').find((l) => l.trim()) ?? `exit code ${code}`;
      return browserMode(`Electron could not be started (${line.trim().slice(0, 160)})`);
    }
    process.exit(code ?? 0);
  });
}

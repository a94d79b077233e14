// Finds Electron's runtime without letting a failed download spill a stack trace. The electron
// package fetches its binary on first use; on an offline machine that fails, and Dossier then
// runs in browser mode instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Returns { path } of the Electron executable, or { reason } in one line when it cannot be had.
 * May take a while on the first call on a machine with internet (the runtime is downloaded).
 */
export function findElectronRuntime(cwd = process.cwd()) {
  const result = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd,
    encoding: 'utf8',
    timeout: 5 * 60 * 1000,
  });
  const path = result.stdout?.trim();
  if (result.status === 0 && path && existsSync(path)) return { path };
  if (result.error?.code === 'ETIMEDOUT') return { reason: "downloading Electron's runtime took too long" };
  const offline = /ENOTFOUND|ECONNREFUSED|EAI_AGAIN|fetch failed|ENETUNREACH|failed to install/i.test(`${result.stderr}`);
  const [major, minor] = process.versions.node.split('.').map(Number);
  // Electron 45's downloader (@electron/get) needs Node 22.12; say so where that is the cause.
  const oldNode = major < 22 || (major === 22 && minor < 12) ? ` (the desktop app needs Node 22.12 or later to fetch it; this is Node ${process.versions.node})` : '';
  return { reason: (offline ? "Electron's runtime is not installed and could not be downloaded" : "Electron's runtime is not installed") + oldNode };
}

/**
 * Browser mode: starts the backend on the user's data folder, serves the built renderer and the
 * API on 127.0.0.1, prints the address to open and, unless told not to, asks the system to open it
 * in the default browser. Run by `npm run serve` (out/node/server.js) and `dossier serve`.
 */
import { installLastResort } from '../backend/last-resort';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DossierApp } from '../backend/app';
import { createHandlers } from '../backend/api';
import { defaultDataDir } from '../backend/paths';
import { VERSION } from '../backend/version';
import { startHttpHost } from './server';

const root = fileURLToPath(new URL('../../', import.meta.url));
const rendererDir = `${root}out/renderer`;

function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer.exe' : 'xdg-open';
  try {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser to open: the printed address is enough.
  }
}

export interface BrowserModeOptions {
  /** A notebook folder to open instead of the last one (it joins the recent list, as one opened in the app does). */
  notebook?: string;
  /** Do not ask the system to open the address (also DOSSIER_NO_OPEN, and always under CI). */
  noOpen?: boolean;
}

/**
 * Starts browser mode and resolves with a function that stops it. Throws (with a message for
 * people) when the renderer is not built or the given notebook cannot be opened.
 */
export async function startBrowserMode(options: BrowserModeOptions = {}): Promise<() => Promise<void>> {
  if (!existsSync(`${rendererDir}/index.html`)) {
    throw new Error('the app is not built yet. Run "npm run build" (npm install and npm run serve do it for you).');
  }
  const dataDir = defaultDataDir();
  const app = await DossierApp.start({ host: 'browser', version: VERSION, seedsDir: `${root}seeds`, dataDir, warmSearch: true, openAtStart: options.notebook ? resolve(options.notebook) : undefined });
  const port = process.env.DOSSIER_PORT ? Number(process.env.DOSSIER_PORT) : 0;
  const host = await startHttpHost({ handlers: createHandlers(app), changes: app.changes, rendererDir, port, token: process.env.DOSSIER_TOKEN });
  const opened = app.notebook ? `Notebook: ${app.notebook.info.name} (${app.notebook.paths.dir})\n` : '';
  console.log(`Dossier (browser mode) is running. Open this address in your browser:\n\n  ${host.url}\n\n${opened}Data folder: ${dataDir}\nPress Ctrl+C to stop.`);
  if (!options.noOpen && !process.env.DOSSIER_NO_OPEN && !process.env.CI) openInBrowser(host.url);
  let stopping: Promise<void> | null = null;
  return () =>
    (stopping ??= (async () => {
      await host.close();
      await app.close();
    })());
}

/**
 * Runs browser mode until SIGINT or SIGTERM; resolves once the notebook is closed (its search index
 * saved) and the server stopped.
 */
export async function serveUntilStopped(options: BrowserModeOptions): Promise<void> {
  installLastResort();
  const stop = await startBrowserMode(options);
  // Held until the stop is done: while closing, the loop can be left without a handle for a moment,
  // and the process must not end before the notebook is closed and its index saved.
  const keepAlive = setInterval(() => undefined, 60_000);
  await new Promise<void>((done) => {
    const onSignal = () => void stop().then(done);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  clearInterval(keepAlive);
}

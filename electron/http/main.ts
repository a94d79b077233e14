/**
 * `npm run serve`: the browser-mode host. Starts the backend on the user's data folder, serves the
 * built renderer and the API on 127.0.0.1, prints the address to open and, unless --no-open or
 * DOSSIER_NO_OPEN is set, asks the system to open it in the default browser.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DossierApp } from '../backend/app';
import { createHandlers } from '../backend/api';
import { defaultDataDir } from '../backend/paths';
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

async function main(): Promise<void> {
  if (!existsSync(`${rendererDir}/index.html`)) {
    console.error('dossier: the renderer is not built yet. Run "npm run serve" (it builds first) or "npm run build".');
    process.exit(1);
  }
  const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };
  const dataDir = defaultDataDir();
  const app = await DossierApp.start({ host: 'browser', version, seedsDir: `${root}seeds`, dataDir, warmSearch: true });
  const port = process.env.DOSSIER_PORT ? Number(process.env.DOSSIER_PORT) : 0;
  const host = await startHttpHost({ handlers: createHandlers(app), rendererDir, port, token: process.env.DOSSIER_TOKEN });
  console.log(`Dossier (browser mode) is running. Open this address in your browser:\n\n  ${host.url}\n\nData folder: ${dataDir}\nPress Ctrl+C to stop.`);
  if (!process.argv.includes('--no-open') && !process.env.DOSSIER_NO_OPEN && !process.env.CI) openInBrowser(host.url);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(`dossier: ${(e as Error).message}`);
  process.exit(1);
});

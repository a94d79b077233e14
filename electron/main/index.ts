/**
 * Electron main: the app's lifecycle. Starts the backend on the user's data folder, locks down
 * the session, serves the renderer on app://dossier and registers the API over IPC.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, type BrowserWindow, dialog, Menu, screen, session } from 'electron';
import { placeWindow, readWindowState, writeWindowState } from './window-state';
import { DossierApp } from '../backend/app';
import { installLastResort } from '../backend/last-resort';
import { createHandlers } from '../backend/api';
import { defaultDataDir } from '../backend/paths';
import { registerIpc } from './ipc/handle';
import { forwardChanges } from './changes';
import { buildMenu, MENU_CHANNEL } from './menu';
import { keychainSecrets } from './secrets';
import { electronPrinter } from './print';
import { registerAppScheme, serveRenderer } from './protocol';
import { guardContents, lockDownSession } from './security';
import { createMainWindow } from './window';

// The app's own files: out/ next to this bundle; seeds beside the app (packaged: resources/seeds).
const outDir = join(import.meta.dirname, '..');
const seedsDir = app.isPackaged ? join(process.resourcesPath, 'seeds') : join(app.getAppPath(), 'seeds');

if (process.env.DOSSIER_HOME) app.setPath('userData', process.env.DOSSIER_HOME);
installLastResort();
app.enableSandbox();
registerAppScheme();
app.on('web-contents-created', (_event, contents) => guardContents(contents, { confirm: confirmExternal }));

if (!app.requestSingleInstanceLock()) app.quit();

let window: BrowserWindow | null = null;
let backend: DossierApp | null = null;

/** Before a link opens the web browser: asked until the reporter says not to ask again. */
async function confirmExternal(url: string): Promise<boolean> {
  if (backend?.externalLinksConfirmed) return true;
  const options: Electron.MessageBoxOptions = {
    type: 'question',
    title: 'Open in your web browser?',
    message: 'Open this page in your web browser?',
    detail: `${url}\n\nDossier works offline and sends nothing. Your browser will connect to this site, which will see the visit.`,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 0,
    cancelId: 1,
    checkboxLabel: 'Don’t ask again',
  };
  const answer = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  if (answer.response !== 0) return false;
  if (answer.checkboxChecked) await backend?.confirmExternalLinks();
  return true;
}

async function start(): Promise<void> {
  await app.whenReady();
  lockDownSession(session.defaultSession);
  serveRenderer(join(outDir, 'renderer'));
  const { version } = JSON.parse(readFileSync(join(app.getAppPath(), 'package.json'), 'utf8')) as { version: string };
  const dataDir = process.env.DOSSIER_HOME ?? defaultDataDir();
  backend = await DossierApp.start({
    host: 'electron',
    version,
    seedsDir,
    dataDir,
    warmSearch: true,
    services: {
      chooseFolder: async (purpose) => {
        const options: Electron.OpenDialogOptions = {
          title: purpose === 'open' ? 'Open a notebook folder' : 'Choose a folder for the new notebook',
          properties: purpose === 'open' ? ['openDirectory'] : ['openDirectory', 'createDirectory', 'promptToCreate'],
        };
        const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      chooseImportPaths: async () => {
        const options: Electron.OpenDialogOptions = {
          title: 'Import files into the notebook',
          properties: ['openFile', 'openDirectory', 'multiSelections'],
          filters: [
            { name: 'Documents and e-mail', extensions: ['txt', 'md', 'markdown', 'html', 'htm', 'pdf', 'docx', 'eml', 'mbox', 'mbx', 'msg', 'csv', 'tsv', 'xlsx'] },
            { name: 'All files', extensions: ['*'] },
          ],
        };
        const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
        return result.canceled ? [] : result.filePaths;
      },
      chooseSavePath: async (suggestedName, extension) => {
        const options: Electron.SaveDialogOptions = {
          title: 'Save the export',
          defaultPath: suggestedName,
          filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        };
        const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
      printPdf: electronPrinter(),
      secrets: keychainSecrets(dataDir),
    },
  });
  // The menu's Open Recent follows the recent list: built again after anything a notebook command changes.
  const refreshMenu = () => {
    Menu.setApplicationMenu(
      buildMenu(() => window, {
        recent: backend?.recent ?? [],
        openRecent: (path) =>
          void backend
            ?.openNotebook(path)
            .then(() => (refreshMenu(), window?.webContents.send(MENU_CHANNEL, 'app:reload')))
            .catch((e: unknown) =>
              dialog.showErrorBox('Dossier could not open that notebook', `${(e as Error).message}\n\nIt may have been moved or deleted; open it again from its folder with File › Open Notebook.`),
            ),
      }),
    );
  };
  const handlers = createHandlers(backend);
  for (const channel of Object.keys(handlers) as (keyof typeof handlers)[]) {
    if (!channel.startsWith('notebook:')) continue;
    const run = handlers[channel] as (input: unknown) => unknown;
    (handlers as Record<string, unknown>)[channel] = async (input: unknown) => {
      const result = await run(input);
      refreshMenu();
      return result;
    };
  }
  registerIpc(handlers, () => window);
  forwardChanges(backend.changes, () => window);
  refreshMenu();
  // The window opens where it was, if that is still on a screen.
  const userData = app.getPath('userData');
  const place = placeWindow(
    await readWindowState(userData),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  window = createMainWindow(join(outDir, 'preload', 'index.cjs'), place);
  const keepPlace = () => {
    if (!window || window.isMinimized()) return;
    const b = window.getNormalBounds();
    void writeWindowState(userData, { x: b.x, y: b.y, width: b.width, height: b.height, maximized: window.isMaximized() }).catch(() => undefined);
  };
  let placeTimer: ReturnType<typeof setTimeout> | null = null;
  const keepPlaceSoon = () => {
    if (placeTimer) clearTimeout(placeTimer);
    placeTimer = setTimeout(keepPlace, 500);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event as 'resize', keepPlaceSoon);
  window.on('close', keepPlace);
  window.on('closed', () => (window = null));
}

app.on('second-instance', () => {
  if (window?.isMinimized()) window.restore();
  window?.focus();
});
app.on('activate', () => {
  if (!window && backend) window = createMainWindow(join(outDir, 'preload', 'index.cjs'));
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !backend) return;
  // Release the notebook's lock before exiting.
  event.preventDefault();
  quitting = true;
  void backend.close().finally(() => app.quit());
});

start().catch((e: unknown) => {
  dialog.showErrorBox('Dossier could not start', (e as Error).message);
  app.exit(1);
});

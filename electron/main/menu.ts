/** The application menu. Notebook commands are sent to the page, which shows the dialogs. */
import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/api/menu';

/** The IPC channel the preload listens on for menu commands. */
export const MENU_CHANNEL = 'dossier:menu';

export function buildMenu(getWindow: () => BrowserWindow | null): Menu {
  const send = (command: MenuCommand) => () => getWindow()?.webContents.send(MENU_CHANNEL, command);
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Notebook…', accelerator: 'CmdOrCtrl+Shift+N', click: send('notebook:new') },
        { label: 'Open Notebook…', accelerator: 'CmdOrCtrl+O', click: send('notebook:open') },
        { label: 'Rename Notebook…', click: send('notebook:rename') },
        { type: 'separator' },
        { label: 'Import Files…', accelerator: 'CmdOrCtrl+I', click: send('notebook:import') },
        { label: 'Export Annotations…', click: send('notebook:exportAnnotations') },
        { label: 'Import Annotations…', click: send('notebook:importAnnotations') },
        { type: 'separator' },
        { label: 'Back Up Notebook…', click: send('notebook:backup') },
        { label: 'Restore from Backup…', click: send('notebook:restore') },
        { label: 'Snapshots…', click: send('notebook:snapshots') },
        { type: 'separator' },
        { label: 'Recreate Sample Notebook…', click: send('notebook:recreateSample') },
        { type: 'separator' },
        { label: process.platform === 'darwin' ? 'Settings…' : 'Settings…', accelerator: 'CmdOrCtrl+,', click: send('app:settings') },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit', label: `Quit ${app.name}` },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        { label: 'Search…', accelerator: 'CmdOrCtrl+K', click: send('search:open') },
      ],
    },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'Keyboard Shortcuts', accelerator: 'Shift+/', click: send('app:shortcuts') }],
    },
  ];
  return Menu.buildFromTemplate(template);
}

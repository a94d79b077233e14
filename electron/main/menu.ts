/**
 * The application menu: File, Edit, View, Notebook, Window and Help, with each platform's
 * shortcuts (CmdOrCtrl). Commands are sent to the page, which runs them through the same API and
 * dialogs as its own Notebook menu, so browser mode lacks nothing. Open Recent lists the recent
 * notebooks; the menu is built again when that list changes.
 */
import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/api/menu';

/** The IPC channel the preload listens on for menu commands. */
export const MENU_CHANNEL = 'dossier:menu';

export interface MenuOptions {
  recent: readonly { path: string; name: string }[];
  /** Opens a recent notebook (the backend), then the page reloads its state. */
  openRecent(path: string): void;
}

const VIEWS: [MenuCommand, string][] = [
  ['view:library', 'Library'],
  ['view:annotations', 'Annotations'],
  ['view:entities', 'Entities'],
  ['view:search', 'Search'],
  ['view:factsheet', 'Fact Sheet'],
  ['view:pictures', 'Pictures'],
];

export function menuTemplate(getWindow: () => BrowserWindow | null, options: MenuOptions, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const send = (command: MenuCommand) => () => getWindow()?.webContents.send(MENU_CHANNEL, command);
  const mac = platform === 'darwin';
  const recent: MenuItemConstructorOptions[] =
    options.recent.length === 0
      ? [{ label: 'No recent notebooks', enabled: false }]
      : options.recent.slice(0, 10).map((r) => ({ label: r.name, sublabel: r.path, toolTip: r.path, click: () => options.openRecent(r.path) }));
  return [
    ...(mac
      ? [
          {
            label: app.name,
            submenu: [
              { role: 'about' as const },
              { type: 'separator' as const },
              { label: 'Settings…', accelerator: 'Cmd+,', click: send('app:settings') },
              { type: 'separator' as const },
              { role: 'hide' as const },
              { role: 'hideOthers' as const },
              { role: 'unhide' as const },
              { type: 'separator' as const },
              { role: 'quit' as const },
            ],
          },
        ]
      : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Notebook…', accelerator: 'CmdOrCtrl+Shift+N', click: send('notebook:new') },
        { label: 'Open Notebook…', accelerator: 'CmdOrCtrl+O', click: send('notebook:open') },
        { label: 'Open Recent', submenu: recent },
        { label: 'Rename Notebook…', click: send('notebook:rename') },
        ...(mac ? [] : [{ type: 'separator' as const }, { label: 'Settings…', accelerator: 'Ctrl+,', click: send('app:settings') }]),
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit', label: `Quit ${app.name}`, accelerator: 'Ctrl+Q' },
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
    {
      label: 'View',
      submenu: [
        ...VIEWS.map(([command, label], i): MenuItemConstructorOptions => ({ label, accelerator: `CmdOrCtrl+${i + 1}`, click: send(command) })),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Notebook',
      submenu: [
        { label: 'Import Files…', accelerator: 'CmdOrCtrl+I', click: send('notebook:import') },
        { label: 'Export Annotations…', click: send('notebook:exportAnnotations') },
        { label: 'Import Annotations…', click: send('notebook:importAnnotations') },
        { type: 'separator' },
        { label: 'Back Up Notebook…', click: send('notebook:backup') },
        { label: 'Restore from Backup…', click: send('notebook:restore') },
        { label: 'Snapshots…', click: send('notebook:snapshots') },
        { type: 'separator' },
        { label: 'Share…', click: send('notebook:share') },
        { label: 'Conflicts…', click: send('notebook:conflicts') },
        { type: 'separator' },
        { label: 'Recreate Sample Notebook…', click: send('notebook:recreateSample') },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'Keyboard Shortcuts', accelerator: 'Shift+/', click: send('app:shortcuts') }],
    },
  ];
}

export function buildMenu(getWindow: () => BrowserWindow | null, options: MenuOptions = { recent: [], openRecent: () => undefined }): Menu {
  return Menu.buildFromTemplate(menuTemplate(getWindow, options));
}

/**
 * The preload: builds `window.api` from the contract's channel names, one named function per
 * operation, `window.dossierMenu` for the menu's commands and `window.dossierChanges` for the
 * change stream. The page never sees ipcRenderer.
 * Bundled into one CommonJS file whose only import is 'electron' (the window is sandboxed).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, splitChannel } from '../../shared/api/channels';
import { CHANGES_CHANNEL, type DossierChanges } from '../../shared/api/change-stream';
import { MENU_COMMANDS, type DossierMenu, type MenuCommand } from '../../shared/api/menu';

/** The IPC channel on which the main process sends menu commands. */
const MENU_CHANNEL = 'dossier:menu';

const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
for (const channel of CHANNELS) {
  const [namespace, verb] = splitChannel(channel);
  (api[namespace] ??= {})[verb] = (input: unknown) => ipcRenderer.invoke(channel, input);
}

const menu: DossierMenu = {
  onCommand(listener) {
    const handler = (_event: unknown, command: unknown) => {
      if ((MENU_COMMANDS as readonly unknown[]).includes(command)) listener(command as MenuCommand);
    };
    ipcRenderer.on(MENU_CHANNEL, handler);
    return () => ipcRenderer.removeListener(MENU_CHANNEL, handler);
  },
};

/** The change stream (shared/api/changes.ts): batches as the main process sends them, checked by the page. */
const changes: DossierChanges = {
  subscribe(listener) {
    const handler = (_event: unknown, batch: unknown) => listener(batch);
    ipcRenderer.on(CHANGES_CHANNEL, handler);
    return () => ipcRenderer.removeListener(CHANGES_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('api', api);
contextBridge.exposeInMainWorld('dossierChanges', changes);
contextBridge.exposeInMainWorld('dossierMenu', menu);

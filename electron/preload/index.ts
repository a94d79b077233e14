/**
 * The preload: builds `window.api` from the contract's channel names, one named function per
 * operation, and `window.dossierMenu` for the menu's commands. The page never sees ipcRenderer.
 * Bundled into one CommonJS file whose only import is 'electron' (the window is sandboxed).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, splitChannel } from '../../shared/api/channels';
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

contextBridge.exposeInMainWorld('api', api);
contextBridge.exposeInMainWorld('dossierMenu', menu);

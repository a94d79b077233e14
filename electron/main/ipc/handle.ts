/**
 * The IPC side of the API: one ipcMain handler per channel of the contract. Each checks that the
 * call comes from the main frame of our own window on the app's origin, then hands the input to
 * the shared dispatcher, which parses it and returns a Result. Nothing is thrown back over IPC.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../../../shared/api/channels';
import { fail } from '../../../shared/api/result';
import { dispatch, type Handlers } from '../../backend/api';
import { APP_ORIGIN } from '../security';

/** Whether an IPC call comes from our window's main frame showing our page. */
export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  const frame = event.senderFrame;
  if (!window || !frame || event.sender !== window.webContents) return false;
  return frame === window.webContents.mainFrame && frame.url.startsWith(`${APP_ORIGIN}/`);
}

/** Registers every channel. `getWindow` returns the app's window (null while there is none). */
export function registerIpc(handlers: Handlers, getWindow: () => BrowserWindow | null): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!isTrustedSender(event, getWindow())) return fail('FORBIDDEN', 'This window may not call Dossier.');
      return dispatch(handlers, channel, input);
    });
  }
}

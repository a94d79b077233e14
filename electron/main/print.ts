/**
 * PDF by Electron's own engine: the fact sheet's page is loaded, from memory, into a hidden,
 * sandboxed window without JavaScript, in a private in-memory session that lets no request out
 * (only the page itself), and printed with printToPDF. The window is closed whatever happens.
 */
import { BrowserWindow, session as sessions, type Session } from 'electron';
import type { PdfPrinter } from '../backend/factsheet/pdf';
import { guardContents } from './security';

/** The session print windows use: nothing persisted, nothing but the page loaded. */
export const PRINT_PARTITION = 'dossier-print';

const locked = new WeakSet<Session>();

function printSession(): Session {
  const s = sessions.fromPartition(PRINT_PARTITION);
  if (!locked.has(s)) {
    s.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('data:text/html') }));
    s.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    s.setPermissionCheckHandler(() => false);
    s.on('will-download', (event) => event.preventDefault());
    locked.add(s);
  }
  return s;
}

/** A printer for the desktop app. */
export function electronPrinter(): PdfPrinter {
  return async (html) => {
    const window = new BrowserWindow({
      show: false,
      webPreferences: { session: printSession(), sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true, disableBlinkFeatures: 'Auxclick' },
    });
    guardContents(window.webContents);
    try {
      await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
      const pdf = await window.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false });
      return new Uint8Array(pdf);
    } finally {
      window.destroy();
    }
  };
}

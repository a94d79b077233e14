/** The one factory for app windows, with every security setting on. */
import { BrowserWindow, nativeTheme } from 'electron';
import type { WindowState } from './window-state';
import { APP_ORIGIN } from './security';

export function createMainWindow(preloadPath: string, place: Partial<WindowState> = {}): BrowserWindow {
  const window = new BrowserWindow({
    width: place.width ?? 1280,
    height: place.height ?? 820,
    ...(place.x !== undefined && place.y !== undefined ? { x: place.x, y: place.y } : {}),
    minWidth: 760,
    minHeight: 480,
    show: false,
    title: 'Dossier',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181b' : '#f7f6f3',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      // A middle click would otherwise ask for a new window (denied anyway by guardContents).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => {
    if (place.maximized) window.maximize();
    window.show();
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

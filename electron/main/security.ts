/**
 * The guards every window and session gets, in one place: no request leaves the app, no
 * permission is granted, no navigation, no new windows, no webviews; http(s) links go to the
 * system browser, and only right after the user clicked or pressed a key.
 */
import { shell, type Session, type WebContents } from 'electron';

/** The origin the renderer is served from (see protocol.ts). */
export const APP_ORIGIN = 'app://dossier';

/** How recent a click or key press must be for a link to open in the system browser. */
const GESTURE_WINDOW_MS = 1500;

/** Whether a request may proceed: only the app's own files and devtools. */
export function isAllowedRequest(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`) || url.startsWith('devtools://') || url.startsWith('chrome-devtools://');
}

/** Whether a URL may be handed to the system browser. */
export function isExternalLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** Blocks every network request and permission of a session. */
export function lockDownSession(session: Session): void {
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}

/** What the app asks before a link leaves it for the web (the desktop app asks the first time). */
export interface ExternalLinkPolicy {
  /** True to open `url` in the system browser. */
  confirm(url: string): Promise<boolean>;
}

const OPEN_WITHOUT_ASKING: ExternalLinkPolicy = { confirm: async () => true };

/** Guards one web contents (every window and frame the app creates). */
export function guardContents(contents: WebContents, links: ExternalLinkPolicy = OPEN_WITHOUT_ASKING): void {
  let lastGesture = 0;
  contents.on('input-event', (_event, input) => {
    if (input.type === 'mouseDown' || input.type === 'keyDown') lastGesture = Date.now();
  });
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url) && Date.now() - lastGesture < GESTURE_WINDOW_MS) {
      void links.confirm(url).then(
        (yes) => (yes ? shell.openExternal(url) : undefined),
        () => undefined,
      );
    }
    return { action: 'deny' };
  });
}

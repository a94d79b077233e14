/**
 * The renderer's typed API client. Under Electron the preload provides `window.api`; in browser
 * mode the same functions are built here over HTTP. Nothing else in the renderer can tell which.
 */
import { CHANNELS, splitChannel } from '../../../shared/api/channels';
import type { DossierApi } from '../../../shared/api/contract';
import type { DossierChanges } from '../../../shared/api/change-stream';
import type { DossierMenu } from '../../../shared/api/menu';
import { fail, type Result } from '../../../shared/api/result';

declare global {
  interface Window {
    api?: DossierApi;
    dossierMenu?: DossierMenu;
    dossierChanges?: DossierChanges;
  }
}

const TOKEN_KEY = 'dossier-token';

/**
 * Takes the browser-mode token from the address (#token=...), keeps it for this tab's session
 * and removes it from the address bar so it is not copied along with the URL.
 */
function takeToken(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function httpApi(): DossierApi {
  const token = takeToken();
  const call = async (channel: string, input: unknown): Promise<Result<unknown>> => {
    if (!token) {
      return fail('FORBIDDEN', 'This page was opened without its key. Open the full address Dossier printed when it started (it ends in #token=…).');
    }
    try {
      const response = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Dossier-Token': token },
        body: JSON.stringify(input ?? {}),
      });
      return (await response.json()) as Result<unknown>;
    } catch {
      return fail('IO_ERROR', 'Dossier is not answering. Is it still running? Start it again with "npm start" or "npm run serve".');
    }
  };
  const api: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const channel of CHANNELS) {
    const [namespace, verb] = splitChannel(channel);
    (api[namespace] ??= {})[verb] = (input) => call(channel, input);
  }
  return api as unknown as DossierApi;
}

/** Browser mode's token, for the change stream (lib/changes.ts); null in the desktop app. */
export function browserToken(): string | null {
  return window.api ? null : sessionStorage.getItem(TOKEN_KEY);
}

/** The API, whichever host serves it. */
export const api: DossierApi = window.api ?? httpApi();

/** The desktop menu's commands; absent in browser mode. */
export const menu: DossierMenu | undefined = window.dossierMenu;

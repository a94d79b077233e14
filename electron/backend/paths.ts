/**
 * Where Dossier keeps its own files. The same folder under every host, so that browser mode and
 * the desktop app see the same notebooks: Electron's userData for an app named "Dossier".
 * DOSSIER_HOME overrides it (tests give each run its own).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The app's data folder for this user and platform. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.DOSSIER_HOME) return env.DOSSIER_HOME;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Dossier');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Dossier');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Dossier');
}

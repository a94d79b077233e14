/** Handlers of the `app:` namespace. */
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DossierError } from '../../../shared/api/result';
import type { DossierApp } from '../app';
import type { Handlers } from './dispatch';

/** Whether a folder is there and this user may write in it. */
function writableFolder(path: string): boolean {
  try {
    if (!statSync(path).isDirectory()) return false;
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where exports go unless the reporter says otherwise: their Documents or Downloads folder when
 * they may write there; else an `exports` folder in the app's data folder (made for it), not a bare
 * home folder a server's account may own (browser mode run as root offered /root).
 */
export function defaultExportFolder(dataDir: string | null): string {
  for (const folder of [join(homedir(), 'Documents'), join(homedir(), 'Downloads')]) if (writableFolder(folder)) return folder;
  if (dataDir) {
    const exports = join(dataDir, 'exports');
    try {
      mkdirSync(exports, { recursive: true });
      return exports;
    } catch {
      // A data folder that cannot take one: the home folder, as before.
    }
  }
  return homedir();
}

/** Builds the `app:` handlers over a running app. */
export function appHandlers(
  app: DossierApp,
): Pick<Handlers, 'app:state' | 'app:saveSession' | 'app:settings' | 'app:updateSettings' | 'app:chooseFolder' | 'app:chooseImportPaths' | 'app:chooseSavePath' | 'app:taskStatus' | 'app:cancelTask'> {
  return {
    'app:settings': () => app.settings,
    'app:saveSession': async (session) => ({ saved: await app.saveSession(session) }),
    'app:updateSettings': (patch) => app.updateSettings(patch),
    'app:state': () => ({
      host: app.options.host,
      version: app.options.version,
      canChooseFolder: app.options.services?.chooseFolder !== undefined,
      exportFolder: defaultExportFolder(app.options.dataDir),
      notebook: app.notebook?.info ?? null,
      recent: app.recent,
      startupProblem: app.startupProblem,
      session: app.session,
    }),
    'app:taskStatus': ({ task }) => app.tasks.status(task),
    'app:cancelTask': ({ task }) => ({ running: app.tasks.cancel(task) }),
    'app:chooseFolder': async ({ purpose }) => {
      const choose = app.options.services?.chooseFolder;
      if (!choose) throw new DossierError('UNSUPPORTED', 'This window cannot show a folder dialog; type the folder path instead.');
      return choose(purpose);
    },
    'app:chooseSavePath': async ({ suggestedName, extension }) => {
      const choose = app.options.services?.chooseSavePath;
      if (!choose) throw new DossierError('UNSUPPORTED', 'This window cannot show a save dialog; type the path instead.');
      return choose(suggestedName, extension);
    },
    'app:chooseImportPaths': async () => {
      const choose = app.options.services?.chooseImportPaths;
      if (!choose) throw new DossierError('UNSUPPORTED', 'This window cannot show a file dialog; type the paths instead.');
      return choose();
    },
  };
}

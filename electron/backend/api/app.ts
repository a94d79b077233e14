/** Handlers of the `app:` namespace. */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DossierError } from '../../../shared/api/result';
import type { DossierApp } from '../app';
import type { Handlers } from './dispatch';

/** The user's Documents folder where there is one, else their home folder. */
function defaultExportFolder(): string {
  const documents = join(homedir(), 'Documents');
  return existsSync(documents) ? documents : homedir();
}

/** Builds the `app:` handlers over a running app. */
export function appHandlers(app: DossierApp): Pick<Handlers, 'app:state' | 'app:saveSession' | 'app:settings' | 'app:updateSettings' | 'app:chooseFolder' | 'app:chooseImportPaths' | 'app:chooseSavePath' | 'app:taskStatus' | 'app:cancelTask'> {
  return {
    'app:settings': () => app.settings,
    'app:saveSession': async (session) => ({ saved: await app.saveSession(session) }),
    'app:updateSettings': (patch) => app.updateSettings(patch),
    'app:state': () => ({
      host: app.options.host,
      version: app.options.version,
      canChooseFolder: app.options.services?.chooseFolder !== undefined,
      exportFolder: defaultExportFolder(),
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

/** Handlers of the `app:` namespace. */
import { DossierError } from '../../../shared/api/result';
import type { DossierApp } from '../app';
import type { Handlers } from './dispatch';

/** Builds the `app:` handlers over a running app. */
export function appHandlers(app: DossierApp): Pick<Handlers, 'app:state' | 'app:chooseFolder' | 'app:chooseImportPaths'> {
  return {
    'app:state': () => ({
      host: app.options.host,
      version: app.options.version,
      canChooseFolder: app.options.services?.chooseFolder !== undefined,
      notebook: app.notebook?.info ?? null,
      recent: app.recent,
      startupProblem: app.startupProblem,
    }),
    'app:chooseFolder': async ({ purpose }) => {
      const choose = app.options.services?.chooseFolder;
      if (!choose) throw new DossierError('UNSUPPORTED', 'This window cannot show a folder dialog; type the folder path instead.');
      return choose(purpose);
    },
    'app:chooseImportPaths': async () => {
      const choose = app.options.services?.chooseImportPaths;
      if (!choose) throw new DossierError('UNSUPPORTED', 'This window cannot show a file dialog; type the paths instead.');
      return choose();
    },
  };
}

/** Handlers of the `notebook:` namespace. */
import type { DossierApp } from '../app';
import type { Handlers } from './dispatch';
import { writeExport } from '../files';
import { backupNotebook } from '../store/backup';

/** Builds the `notebook:` handlers over a running app. */
export function notebookHandlers(
  app: DossierApp,
): Pick<Handlers, 'notebook:create' | 'notebook:open' | 'notebook:rename' | 'notebook:recreateSample' | 'notebook:backup' | 'notebook:restore'> {
  return {
    'notebook:create': ({ name, path }) => app.createNotebook(name, path),
    'notebook:open': ({ path }) => app.openNotebook(path),
    'notebook:rename': ({ name }) => app.renameNotebook(name),
    'notebook:recreateSample': () => app.recreateSample(),
    'notebook:backup': async ({ path, overwrite }) => {
      const { bytes, files } = await backupNotebook(app.requireNotebook());
      return { ...(await writeExport(path, bytes, overwrite)), files };
    },
    'notebook:restore': ({ archive, path }) => app.restoreNotebook(archive, path),
  };
}

/** Handlers of the `notebook:` namespace. */
import type { DossierApp } from '../app';
import type { Handlers } from './dispatch';
import { backupNotebook } from '../store/backup';

/** Builds the `notebook:` handlers over a running app. */
export function notebookHandlers(
  app: DossierApp,
): Pick<
  Handlers,
  | 'notebook:create'
  | 'notebook:open'
  | 'notebook:rename'
  | 'notebook:recreateSample'
  | 'notebook:backup'
  | 'notebook:restore'
  | 'notebook:snapshots'
  | 'notebook:snapshot'
  | 'notebook:snapshotChanges'
  | 'notebook:restoreSnapshot'
> {
  return {
    'notebook:create': ({ name, path }) => app.createNotebook(name, path),
    'notebook:open': ({ path }) => app.openNotebook(path),
    'notebook:rename': ({ name }) => app.renameNotebook(name),
    'notebook:recreateSample': () => app.recreateSample(),
    'notebook:backup': ({ path, overwrite, task }) => app.tasks.run(task, 'Writing the archive', (control) => backupNotebook(app.requireNotebook(), path, { overwrite, control })),
    'notebook:snapshots': () => app.listSnapshots(),
    'notebook:snapshot': () => app.takeSnapshot(),
    'notebook:snapshotChanges': ({ name }) => app.snapshotChanges(name),
    'notebook:restoreSnapshot': ({ name, task, forTeam }) => app.tasks.run(task, 'Checking the snapshot', (control) => app.restoreSnapshot(name, control, forTeam === true)),
    'notebook:restore': ({ archive, path, task }) => app.tasks.run(task, 'Checking the archive', (control) => app.restoreNotebook(archive, path, control)),
  };
}

/** Handlers of the `notebook:` namespace. */
import type { DossierApp } from '../app';
import type { Handlers } from './dispatch';

/** Builds the `notebook:` handlers over a running app. */
export function notebookHandlers(
  app: DossierApp,
): Pick<Handlers, 'notebook:create' | 'notebook:open' | 'notebook:rename' | 'notebook:recreateSample'> {
  return {
    'notebook:create': ({ name, path }) => app.createNotebook(name, path),
    'notebook:open': ({ path }) => app.openNotebook(path),
    'notebook:rename': ({ name }) => app.renameNotebook(name),
    'notebook:recreateSample': () => app.recreateSample(),
  };
}

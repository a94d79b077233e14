/**
 * Every API handler over one running app. Hosts call {@link createHandlers} once and pass each
 * request to dispatch() with it.
 */
import type { DossierApp } from '../app';
import { annotationsHandlers } from './annotations';
import { appHandlers } from './app';
import { entitiesHandlers } from './entities';
import { factsheetHandlers } from './factsheet';
import { importHandlers } from './import';
import type { Handlers } from './dispatch';
import { notebookHandlers } from './notebook';
import { searchHandlers } from './search';
import { sourcesHandlers } from './sources';
import { syncHandlers } from './sync';

export { dispatch, type Handlers } from './dispatch';

/** All handlers of the contract; a missing one fails to compile. */
export function createHandlers(app: DossierApp): Handlers {
  return {
    ...appHandlers(app),
    ...notebookHandlers(app),
    ...sourcesHandlers(app),
    ...annotationsHandlers(app),
    ...entitiesHandlers(app),
    ...importHandlers(app),
    ...searchHandlers(app),
    ...factsheetHandlers(app),
    ...syncHandlers(app),
  };
}

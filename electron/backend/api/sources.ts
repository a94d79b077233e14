/** Handlers of the `sources:` namespace. */
import type { DossierApp } from '../app';
import type { Handlers } from './dispatch';

/** Builds the `sources:` handlers over a running app. */
export function sourcesHandlers(app: DossierApp): Pick<Handlers, 'sources:list' | 'sources:get'> {
  return {
    'sources:list': () => app.requireNotebook().listSources(),
    'sources:get': ({ id }) => app.requireNotebook().getSource(id),
  };
}

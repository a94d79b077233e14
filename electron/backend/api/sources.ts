/** Handlers of the `sources:` namespace. */
import { addVersion } from '../annotations/service';
import type { DossierApp } from '../app';
import type { Handlers } from './dispatch';

/** Builds the `sources:` handlers over a running app. */
export function sourcesHandlers(app: DossierApp): Pick<Handlers, 'sources:list' | 'sources:get' | 'sources:addVersion'> {
  return {
    'sources:list': () => app.requireNotebook().listSources(),
    'sources:get': ({ id }) => app.requireNotebook().getSource(id),
    'sources:addVersion': (input) => addVersion(app.requireNotebook(), input),
  };
}

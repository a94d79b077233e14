/** Handlers of the `search:` namespace. */
import type { DossierApp } from '../app';
import type { Handlers } from './dispatch';

/** Builds the `search:` handlers over a running app. */
export function searchHandlers(app: DossierApp): Pick<Handlers, 'search:query'> {
  return {
    'search:query': async ({ query, limit, asYouType }) => (await app.search()).search(query, { limit, asYouType }),
  };
}

/** Handlers of the `sync:` namespace: team notebooks (sync/sharing.ts). */
import type { DossierApp } from '../app';
import type { Handlers } from './dispatch';

/** Builds the `sync:` handlers over a running app. */
export function syncHandlers(app: DossierApp): Pick<Handlers, 'sync:status' | 'sync:share' | 'sync:join' | 'sync:now' | 'sync:conflicts' | 'sync:resolve' | 'sync:stop'> {
  return {
    'sync:status': () => app.syncStatus(),
    'sync:share': (input) => app.shareNotebook(input),
    'sync:join': (input) => app.joinNotebook(input),
    'sync:now': () => app.requireSharing().round(),
    'sync:conflicts': () => app.requireSharing().conflicts(),
    'sync:resolve': async (input) => {
      const sharing = app.requireSharing();
      await sharing.resolve(input.id, 'keep' in input ? { keep: input.keep } : { body: input.body });
      return { conflicts: (await sharing.conflicts()).length };
    },
    'sync:stop': () => app.stopSharing(),
  };
}

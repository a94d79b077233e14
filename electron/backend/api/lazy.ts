/**
 * Every API handler, each namespace's module loaded when one of its channels is first called: the
 * CLI answers `dossier sources` without loading the code of the fact sheet, the import or sharing
 * (and their libraries). The apps load every namespace at once ({@link createHandlers}).
 */
import { CHANNELS, splitChannel, type Namespace } from '../../../shared/api/channels';
import type { DossierApp } from '../app';
import type { Handlers } from './dispatch';

type Part = Partial<Handlers>;

/** Each namespace's handlers, from the module that holds them. */
export const MODULES: Record<Namespace, (app: DossierApp) => Promise<Part>> = {
  app: async (app) => (await import('./app')).appHandlers(app),
  notebook: async (app) => (await import('./notebook')).notebookHandlers(app),
  sources: async (app) => (await import('./sources')).sourcesHandlers(app),
  annotations: async (app) => (await import('./annotations')).annotationsHandlers(app),
  entities: async (app) => (await import('./entities')).entitiesHandlers(app),
  import: async (app) => (await import('./import')).importHandlers(app),
  search: async (app) => (await import('./search')).searchHandlers(app),
  factsheet: async (app) => (await import('./factsheet')).factsheetHandlers(app),
  sync: async (app) => (await import('./sync')).syncHandlers(app),
};

/** The handlers of the contract over `app`, each namespace loaded on its first call. */
export function createLazyHandlers(app: DossierApp): Handlers {
  const loaded = new Map<Namespace, Promise<Part>>();
  const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const channel of CHANNELS) {
    const namespace = splitChannel(channel)[0] as Namespace;
    handlers[channel] = async (input) => {
      let part = loaded.get(namespace);
      if (!part) loaded.set(namespace, (part = MODULES[namespace](app)));
      const handler = (await part)[channel] as ((input: unknown) => unknown) | undefined;
      if (!handler) throw new Error(`${channel} has no handler in the ${namespace} handlers`);
      return handler(input);
    };
  }
  return handlers as unknown as Handlers;
}

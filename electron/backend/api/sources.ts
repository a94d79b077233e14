/** Handlers of the `sources:` namespace. */
import type { DossierApp } from '../app';
import type { Handlers } from './dispatch';

/** A language tag as BCP 47 writes it ("PT-br" → "pt-BR"). */
function canonicalLanguage(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? tag;
  } catch {
    return tag;
  }
}

/** Builds the `sources:` handlers over a running app. */
export function sourcesHandlers(app: DossierApp): Pick<Handlers, 'sources:list' | 'sources:get' | 'sources:addVersion' | 'sources:updateMeta'> {
  return {
    'sources:list': () => app.requireNotebook().listSources(),
    'sources:get': ({ id }) => app.requireNotebook().getSource(id),
    // Re-anchoring (and its approximate matcher) loads with the first new version, not with a listing.
    'sources:addVersion': async (input) => (await import('../annotations/service')).addVersion(app.requireNotebook(), input),
    'sources:updateMeta': async ({ ids, title, outlet, published, byline, lang }) => {
      // An empty outlet or byline is none: "not named", never an outlet called "".
      const patch = {
        ...(title !== undefined ? { title } : {}),
        ...(outlet !== undefined ? { outlet: outlet || null } : {}),
        ...(published !== undefined ? { published } : {}),
        ...(byline !== undefined ? { byline: byline || null } : {}),
        ...(lang !== undefined ? { lang: lang ? canonicalLanguage(lang) : null } : {}),
      };
      return { updated: await app.requireWritable().updateSourceMeta(ids, patch) };
    },
  };
}

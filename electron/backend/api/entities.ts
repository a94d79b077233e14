/** Handlers of the `entities:` namespace. */
import { compareByPosition, linkedEntityIds } from '../../../shared/domain/annotation';
import { comparePartialDates, compareStartDates } from '../../../shared/domain/dates';
import type { Entity } from '../../../shared/domain/entity';
import type { DossierApp } from '../app';
import { findDuplicates } from '../entities/duplicates';
import { entityMentions, linkMentions } from '../entities/mentions';
import { createEntities, createEntity, deleteEntity, liveEntities, markDistinct, mergeEntities, requireEntity, updateEntity } from '../entities/service';
import { suggestEntities } from '../entities/suggest';
import type { Notebook } from '../store/notebook';
import type { Handlers } from './dispatch';

type EntityChannels = Extract<keyof Handlers, `entities:${string}`>;

/** How many annotations link each entity (as a subject, a quote's speaker or a figure's entity). */
function linkCounts(nb: Notebook): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { annotation } of nb.allAnnotations()) for (const id of linkedEntityIds(annotation)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

const withCount = (counts: Map<string, number>) => (e: Entity) => ({ ...e, linkCount: counts.get(e.id) ?? 0 });

/** Builds the `entities:` handlers over a running app. */
export function entitiesHandlers(app: DossierApp): Pick<Handlers, EntityChannels> {
  const nb = () => app.requireNotebook();
  return {
    'entities:list': () => {
      const n = nb();
      const counts = linkCounts(n);
      return liveEntities(n.entities)
        .map(withCount(counts))
        .sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
    },
    'entities:get': ({ id }) => {
      const n = nb();
      const entity = requireEntity(n.entities, id);
      const counts = linkCounts(n);
      const passages = [...n.allAnnotations()]
        .filter(({ annotation }) => linkedEntityIds(annotation).includes(id))
        .map(({ source, annotation }) => ({ annotation, source: { id: source.id, title: source.title, outlet: source.outlet, published: source.published } }))
        .sort((a, b) => comparePartialDates(a.source.published, b.source.published) || a.source.title.localeCompare(b.source.title) || compareByPosition(a.annotation, b.annotation));
      return {
        entity: withCount(counts)(entity),
        parent: entity.parentId ? (liveEntities(n.entities).find((e) => e.id === entity.parentId) ?? null) : null,
        rounds: liveEntities(n.entities)
          .filter((e) => e.parentId === id)
          .map(withCount(counts))
          .sort((a, b) => compareStartDates(a.start, b.start) || a.name.localeCompare(b.name, 'en', { numeric: true })),
        passages,
      };
    },
    'entities:create': (fields) => createEntity(nb(), fields, app.author()),
    'entities:createMany': ({ entities }) => createEntities(nb(), entities, app.author()),
    'entities:update': ({ id, ...fields }) => updateEntity(nb(), id, fields, app.author()),
    'entities:delete': ({ id }) => deleteEntity(nb(), id, app.author()),
    'entities:addAlias': ({ id, alias }) => {
      const e = requireEntity(nb().entities, id);
      return updateEntity(nb(), id, { ...e, aliases: [...e.aliases, alias] }, app.author());
    },
    'entities:merge': ({ keepId, mergeId }) => mergeEntities(nb(), keepId, mergeId, app.author()),
    'entities:markDistinct': async ({ aId, bId }) => {
      await markDistinct(nb(), aId, bId);
      return {};
    },
    'entities:duplicates': () => findDuplicates(nb().entities),
    'entities:mentions': ({ id }) => entityMentions(nb(), id),
    'entities:linkMentions': async ({ id, mentions }) => ({ linked: await linkMentions(nb(), id, mentions) }),
    'entities:suggestions': async ({ sourceId }) => suggestEntities(nb(), sourceId, await app.names()),
    'entities:dismissSuggestions': async ({ keys }) => {
      const n = nb();
      const fresh = [...new Set(keys)].filter((k) => !n.entities.dismissedSuggestions.includes(k));
      if (fresh.length > 0) await n.saveEntities({ ...n.entities, dismissedSuggestions: [...n.entities.dismissedSuggestions, ...fresh] });
      return { dismissed: fresh.length };
    },
    'entities:dismissSuggestion': async ({ key }) => {
      const n = nb();
      if (!n.entities.dismissedSuggestions.includes(key)) await n.saveEntities({ ...n.entities, dismissedSuggestions: [...n.entities.dismissedSuggestions, key] });
      return {};
    },
  };
}

/**
 * Linked mentions: the passages "Link all" on an entity's page makes, one for every place the
 * sources name the entity. They are links, not the reporter's own reading of the text, and the
 * Annotations view lists them apart.
 */
import type { Annotation } from './annotation';
import { normalizeName } from './names';

/** What the list needs to know of an entity. */
export interface EntityRef {
  id: string;
  name: string;
  aliases: string[];
  parentId: string | null;
}

/**
 * A linked mention: a passage that is only an entity's name in the text, linked to that entity
 * and nothing else, with no note, tag or figure ("Link all" on an entity's page makes one for
 * every place that names it). Not the reporter's own reading of the text, so listed apart.
 */
export function isMentionLink(a: Annotation, entities: ReadonlyMap<string, EntityRef>): boolean {
  if (a.kind !== 'passage' || a.note.trim() !== '' || a.tags.length > 0 || a.entityIds.length !== 1 || a.speakerId !== null || a.figure !== null) return false;
  const entity = entities.get(a.entityIds[0]);
  if (!entity) return false;
  const quote = normalizeName(a.target.quote.exact);
  return [entity.name, ...entity.aliases].some((n) => {
    const name = normalizeName(n);
    return name !== '' && quote.includes(name) && quote.length <= name.length + 24;
  });
}

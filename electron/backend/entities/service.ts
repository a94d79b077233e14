/**
 * Entities over a notebook: create, edit, delete, merge, mark as distinct, and link annotations
 * to them. Every check runs before anything is written, so a refused change changes nothing.
 */
import { newId } from '../ids';
import { DossierError } from '../../../shared/api/result';
import type { Annotation } from '../../../shared/domain/annotation';
import type { Entity, EntityFields } from '../../../shared/domain/entity';
import { followMerges, MAX_LINK_HOPS } from '../../../shared/domain/entity-graph';
import { normalizeName } from '../../../shared/domain/names';
import type { EntitiesDoc } from '../store/layout';
import type { Notebook } from '../store/notebook';

/** The entities that are not merged away. */
export function liveEntities(doc: Readonly<EntitiesDoc>): Entity[] {
  return doc.entities.filter((e) => e.mergedInto === null);
}

/** Follows merges: the live entity an id stands for now, or undefined for an unknown id. */
export function resolveEntity(doc: Readonly<EntitiesDoc>, id: string): Entity | undefined {
  return followMerges(new Map(doc.entities.map((e) => [e.id, e])), id);
}

/** A live entity by id, or NOT_FOUND. */
export function requireEntity(doc: Readonly<EntitiesDoc>, id: string): Entity {
  const e = doc.entities.find((x) => x.id === id && x.mergedInto === null);
  if (!e) throw new DossierError('NOT_FOUND', `There is no entity with id ${id} in this notebook.`);
  return e;
}

/** Drops aliases equal to the name or to each other (by matching key). */
function tidyAliases(name: string, aliases: readonly string[]): string[] {
  const seen = new Set([normalizeName(name)]);
  const out: string[] = [];
  for (const a of aliases) {
    const key = normalizeName(a);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(a.trim());
  }
  return out;
}

/** Refuses names or aliases that another entity already uses, and bad parents. */
function validate(doc: Readonly<EntitiesDoc>, fields: EntityFields, selfId: string | null): void {
  const taken = new Map<string, Entity>();
  for (const e of liveEntities(doc)) {
    if (e.id === selfId) continue;
    for (const n of [e.name, ...e.aliases]) taken.set(normalizeName(n), e);
  }
  for (const n of [fields.name, ...fields.aliases]) {
    const other = taken.get(normalizeName(n));
    if (other) throw new DossierError('ALREADY_EXISTS', `“${n.trim()}” is already a name or alias of ${other.name}. Merge the two, or choose another name.`);
  }
  if (fields.parentId === null) return;
  if (fields.type !== 'operation') throw new DossierError('INVALID_INPUT', 'Only an operation can belong to another (as a round of it).');
  if (fields.parentId === selfId) throw new DossierError('INVALID_INPUT', 'An operation cannot be a round of itself.');
  const parent = requireEntity(doc, fields.parentId);
  if (parent.type !== 'operation') throw new DossierError('INVALID_INPUT', `${parent.name} is not an operation, so it cannot have rounds.`);
  for (let p: Entity | undefined = parent, hops = 0; p && hops <= MAX_LINK_HOPS; p = p.parentId ? resolveEntity(doc, p.parentId) : undefined, hops++) {
    if (p.id === selfId) throw new DossierError('INVALID_INPUT', `${parent.name} is itself a round of this operation: that would make a circle.`);
  }
}

/** Creates an entity. */
export async function createEntity(nb: Notebook, fields: EntityFields, by: string | null = null): Promise<Entity> {
  const doc = nb.entities;
  const tidy = { ...fields, name: fields.name.trim(), aliases: tidyAliases(fields.name, fields.aliases) };
  validate(doc, tidy, null);
  const now = new Date().toISOString();
  const entity: Entity = { ...tidy, id: newId(), mergedInto: null, createdAt: now, updatedAt: now, createdBy: by, updatedBy: by };
  await nb.saveEntities({ ...doc, entities: [...doc.entities, entity] });
  return entity;
}

/**
 * Creates several entities in one write (accepting many suggestions): each checked against the
 * notebook and the ones before it; all of them, or none, with the first problem named.
 */
export async function createEntities(nb: Notebook, list: readonly EntityFields[], by: string | null = null): Promise<Entity[]> {
  let doc = nb.entities;
  const made: Entity[] = [];
  const now = new Date().toISOString();
  for (const [i, fields] of list.entries()) {
    const tidy = { ...fields, name: fields.name.trim(), aliases: tidyAliases(fields.name, fields.aliases) };
    try {
      validate(doc, tidy, null);
    } catch (e) {
      if (e instanceof DossierError) throw new DossierError(e.code, `Entity ${i + 1} of ${list.length} (${tidy.name}): ${e.message} Nothing was created.`);
      throw e;
    }
    const entity: Entity = { ...tidy, id: newId(), mergedInto: null, createdAt: now, updatedAt: now, createdBy: by, updatedBy: by };
    made.push(entity);
    doc = { ...doc, entities: [...doc.entities, entity] };
  }
  await nb.saveEntities(doc);
  return made;
}

/** Changes an entity's fields. */
export async function updateEntity(nb: Notebook, id: string, fields: EntityFields, by: string | null = null): Promise<Entity> {
  const doc = nb.entities;
  const existing = requireEntity(doc, id);
  const tidy = { ...fields, name: fields.name.trim(), aliases: tidyAliases(fields.name, fields.aliases) };
  validate(doc, tidy, id);
  const updated: Entity = { ...existing, ...tidy, updatedAt: new Date().toISOString(), updatedBy: by };
  await nb.saveEntities({ ...doc, entities: doc.entities.map((e) => (e.id === id ? updated : e)) });
  return updated;
}

/** Replaces links to `from` in an annotation by `to` (or removes them when `to` is null). */
function relink(a: Annotation, from: string, to: string | null): Annotation {
  const figureAbout = a.figure?.entityId === from;
  if (!a.entityIds.includes(from) && !figureAbout && a.speakerId !== from) return a;
  const ids = a.entityIds.map((x) => (x === from ? to : x)).filter((x): x is string => x !== null);
  return {
    ...a,
    entityIds: [...new Set(ids)],
    // What a figure is about and who speaks move with the entity (or are cleared with it).
    figure: a.figure && figureAbout ? { ...a.figure, entityId: to } : a.figure,
    speakerId: a.speakerId === from ? to : a.speakerId,
  };
}

/** Removes every link of the notebook's annotations to an entity (linked, speaker, a figure's subject); answers how many changed. */
export function unlinkEntity(nb: Notebook, id: string): Promise<number> {
  return nb.rewriteAnnotations((a) => relink(a, id, null));
}

/** The entities an annotation links to: linked, its speaker, what its figure is about. */
export function linksOf(a: Annotation): string[] {
  return [...a.entityIds, ...(a.speakerId ? [a.speakerId] : []), ...(a.figure?.entityId ? [a.figure.entityId] : [])];
}

/**
 * Deletes an entity and unlinks it from every annotation. Its rounds stay, as operations of their
 * own. The annotations themselves are kept. Entities merged into it go with it: they stood for it
 * (a merged one left pointing at nothing would come back as an entity of its own on repair).
 */
export async function deleteEntity(nb: Notebook, id: string, by: string | null = null): Promise<{ unlinked: number }> {
  const doc = nb.entities;
  requireEntity(doc, id);
  const byId = new Map(doc.entities.map((e) => [e.id, e]));
  const gone = new Set([id, ...doc.entities.filter((e) => e.mergedInto !== null && followMerges(byId, e.id)?.id === id).map((e) => e.id)]);
  const now = new Date().toISOString();
  await nb.saveEntities({
    ...doc,
    entities: doc.entities.filter((e) => !gone.has(e.id)).map((e) => (e.parentId !== null && gone.has(e.parentId) ? { ...e, parentId: null, updatedAt: now, updatedBy: by } : e)),
    distinctPairs: doc.distinctPairs.filter(([a, b]) => !gone.has(a) && !gone.has(b)),
  });
  return { unlinked: await nb.rewriteAnnotations((a) => [...gone].reduce((x, g) => relink(x, g, null), a)) };
}

/**
 * Merges `mergeId` into `keepId`: names and aliases combined, description and dates filled in
 * where the kept one has none, rounds and links moved. The merged entity stays as a tombstone
 * pointing at the kept one, so a link not yet moved (a crash mid-merge) still resolves.
 */
export async function mergeEntities(nb: Notebook, keepId: string, mergeId: string, by: string | null = null): Promise<Entity> {
  if (keepId === mergeId) throw new DossierError('INVALID_INPUT', 'An entity cannot be merged with itself.');
  const doc = nb.entities;
  const keep = requireEntity(doc, keepId);
  const merge = requireEntity(doc, mergeId);
  const now = new Date().toISOString();
  const merged: Entity = {
    ...keep,
    aliases: tidyAliases(keep.name, [...keep.aliases, merge.name, ...merge.aliases]),
    description: keep.description || merge.description,
    start: keep.start ?? merge.start,
    end: keep.end ?? merge.end,
    parentId: keep.parentId ?? (merge.parentId === keep.id ? null : merge.parentId),
    updatedAt: now,
    updatedBy: by,
  };
  await nb.saveEntities({
    ...doc,
    entities: doc.entities.map((e) =>
      e.id === keep.id
        ? merged
        : e.id === merge.id
          ? { ...e, mergedInto: keep.id, updatedAt: now, updatedBy: by }
          : e.parentId === merge.id
            ? { ...e, parentId: keep.id, updatedAt: now, updatedBy: by }
            : e,
    ),
    distinctPairs: doc.distinctPairs.filter(([a, b]) => ![a, b].includes(merge.id)),
  });
  await nb.rewriteAnnotations((a) => relink(a, merge.id, keep.id));
  return merged;
}

/** Records that two entities are not the same, so they are never suggested as duplicates. */
export async function markDistinct(nb: Notebook, aId: string, bId: string): Promise<void> {
  if (aId === bId) throw new DossierError('INVALID_INPUT', 'An entity is always the same as itself.');
  const doc = nb.entities;
  requireEntity(doc, aId);
  requireEntity(doc, bId);
  const pair: [string, string] = aId < bId ? [aId, bId] : [bId, aId];
  if (doc.distinctPairs.some(([a, b]) => a === pair[0] && b === pair[1])) return;
  await nb.saveEntities({ ...doc, distinctPairs: [...doc.distinctPairs, pair] });
}

/** Checks that every id names a live entity, and returns the ids as they are now (after merges). */
export function checkEntityIds(doc: Readonly<EntitiesDoc>, ids: readonly string[]): string[] {
  return [
    ...new Set(
      ids.map((id) => {
        const e = resolveEntity(doc, id);
        if (!e) throw new DossierError('NOT_FOUND', `There is no entity with id ${id} (was it deleted?); nothing was linked.`);
        return e.id;
      }),
    ),
  ];
}

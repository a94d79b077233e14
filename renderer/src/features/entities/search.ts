/**
 * Fuzzy lookup of entities by name and alias, for autocomplete and the entity list's search box.
 * fuse.js is the right tool for a few hundred short names: it tolerates typos ("abrahm") and
 * spelling variants ("p hunt 20.2") and ranks the closest first.
 */
import Fuse from 'fuse.js';
import type { Entity } from '../../../../shared/domain/entity';
import { normalizeName } from '../../../../shared/domain/names';

interface Row {
  entity: Entity;
  name: string;
  aliases: string[];
  keys: string[];
}

/** Builds a search over entities; call the result with a query, get entities best first. */
export function entitySearch<E extends Entity>(entities: readonly E[]): (query: string, limit?: number) => E[] {
  const rows: Row[] = entities.map((entity) => ({
    entity,
    name: entity.name,
    aliases: entity.aliases,
    keys: [entity.name, ...entity.aliases].map(normalizeName),
  }));
  const fuse = new Fuse(rows, {
    keys: [
      { name: 'name', weight: 2 },
      { name: 'aliases', weight: 1 },
      { name: 'keys', weight: 1 },
    ],
    threshold: 0.4,
    ignoreLocation: true,
  });
  return (query, limit = 20) => {
    const q = query.trim();
    if (q === '') return entities.slice(0, limit);
    return fuse.search(normalizeName(q) || q, { limit }).map((r) => r.item.entity as E);
  };
}

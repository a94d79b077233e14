/**
 * The links between entities — a merged entity's `mergedInto`, a round's `parentId` — and the
 * invariants they keep whatever order edits arrive in. On one laptop the entity service refuses a
 * merge or a round that would make a circle; in a team notebook two laptops can each make half of
 * one (A merges e1 into e2 while B merges e2 into e1; A makes X a round of Y while B makes Y a
 * round of X). `repairEntityGraph` undoes such a circle the same way on every replica (it depends
 * only on the entities, not on the order they came in), so every laptop ends with the same graph,
 * and the revisions it writes are equal everywhere.
 *
 * Every walk along these links is bounded: a notebook written by another program, or a circle not
 * yet repaired, never makes a loop that does not end.
 */
import type { Entity } from './entity';
import { normalizeName } from './names';

/** The longest chain of merges or rounds followed; past it the chain is treated as broken. */
export const MAX_LINK_HOPS = 64;

/** At most this many aliases an entity keeps (the schema's limit). */
const MAX_ALIASES = 50;

/**
 * The live entity an id stands for after following merges, or undefined for an unknown id, a
 * chain ending at a missing entity, or a circle.
 */
export function followMerges<E extends Pick<Entity, 'id' | 'mergedInto'>>(byId: ReadonlyMap<string, E>, id: string): E | undefined {
  let e = byId.get(id);
  for (let hops = 0; e?.mergedInto && hops <= MAX_LINK_HOPS; hops++) e = byId.get(e.mergedInto);
  return e && e.mergedInto === null ? e : undefined;
}

/** What `repairEntityGraph` changed, in words, with the entities it is about. */
export interface GraphRepair {
  kind: 'merge-circle' | 'round-circle';
  /** The entities of the circle, in id order; the first is the one that changed. */
  ids: string[];
  message: string;
}

/** Each circle of a link (`next`), as the ids on it in id order. */
function circles(byId: ReadonlyMap<string, Entity>, next: (e: Entity) => string | null): string[][] {
  const out: string[][] = [];
  const done = new Set<string>();
  for (const start of [...byId.keys()].sort()) {
    if (done.has(start)) continue;
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let id: string | null = start;
    while (id !== null && byId.has(id) && !done.has(id) && !onPath.has(id)) {
      onPath.set(id, path.length);
      path.push(id);
      id = next(byId.get(id)!);
    }
    if (id !== null && onPath.has(id)) out.push(path.slice(onPath.get(id)).sort());
    for (const p of path) done.add(p);
  }
  return out;
}

/** The survivor's aliases, with every name and alias of the others in the circle (as a merge keeps them). */
function combinedAliases(survivor: Entity, others: readonly Entity[]): string[] {
  const seen = new Set([normalizeName(survivor.name)]);
  const out: string[] = [];
  for (const name of [...survivor.aliases, ...others.flatMap((o) => [o.name, ...o.aliases])]) {
    const key = normalizeName(name);
    if (key === '' || seen.has(key) || out.length >= MAX_ALIASES) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

/**
 * Undoes circles of merges and of rounds, deterministically:
 * - a circle of merges (each merged into the next) keeps the entity with the smallest id as the
 *   live one, with every name and alias of the circle; the others stay merged into the circle;
 * - a circle of rounds (each a round of the next) makes the entity with the smallest id an
 *   operation of its own.
 * Nothing else changes (not even `updatedAt`), so two laptops repairing the same circle write the
 * same record. Returns the entities unchanged (the same array) when there is nothing to repair.
 */
export function repairEntityGraph(entities: readonly Entity[]): { entities: readonly Entity[]; repairs: GraphRepair[] } {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const repairs: GraphRepair[] = [];
  const changed = new Map<string, Entity>();
  for (const ids of circles(byId, (e) => e.mergedInto)) {
    const [first, ...rest] = ids.map((id) => byId.get(id)!);
    changed.set(first.id, { ...first, mergedInto: null, aliases: combinedAliases(first, rest) });
    repairs.push({
      kind: 'merge-circle',
      ids,
      message: `${ids.map((id) => `“${byId.get(id)!.name}”`).join(' and ')} were merged into each other (on two laptops at once); “${first.name}” (${first.id}) is kept, with every name of the others.`,
    });
  }
  const now = (id: string) => changed.get(id) ?? byId.get(id)!;
  const withChanges = new Map([...byId.keys()].map((id) => [id, now(id)]));
  for (const ids of circles(withChanges, (e) => e.parentId)) {
    const first = now(ids[0]);
    changed.set(first.id, { ...first, parentId: null });
    repairs.push({
      kind: 'round-circle',
      ids,
      message: `${ids.map((id) => `“${now(id).name}”`).join(' and ')} were each made a round of the other; “${first.name}” (${first.id}) is an operation of its own again.`,
    });
  }
  if (changed.size === 0) return { entities, repairs };
  return { entities: entities.map((e) => changed.get(e.id) ?? e), repairs };
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entity } from './entity';
import { followMerges, MAX_LINK_HOPS, repairEntityGraph } from './entity-graph';

const at = '2024-01-01T00:00:00.000Z';
function entity(id: string, fields: Partial<Entity> = {}): Entity {
  return {
    id,
    type: 'operation',
    name: `Name ${id}`,
    aliases: [],
    description: '',
    start: null,
    end: null,
    parentId: null,
    mergedInto: null,
    createdAt: at,
    updatedAt: at,
    createdBy: null,
    updatedBy: null,
    ...fields,
  };
}
const byId = (list: readonly Entity[]) => new Map(list.map((e) => [e.id, e]));
const live = (list: readonly Entity[]) => list.filter((e) => e.mergedInto === null).map((e) => e.id);

describe('followMerges', () => {
  it('follows a chain of merges to the live entity', () => {
    const list = [entity('a', { mergedInto: 'b' }), entity('b', { mergedInto: 'c' }), entity('c')];
    expect(followMerges(byId(list), 'a')?.id).toBe('c');
    expect(followMerges(byId(list), 'c')?.id).toBe('c');
  });

  it('ends on a circle, a missing target and an unknown id, with nothing', () => {
    expect(followMerges(byId([entity('a', { mergedInto: 'b' }), entity('b', { mergedInto: 'a' })]), 'a')).toBeUndefined();
    expect(followMerges(byId([entity('a', { mergedInto: 'gone' })]), 'a')).toBeUndefined();
    expect(followMerges(byId([entity('a')]), 'nobody')).toBeUndefined();
  });

  it('gives up on a chain longer than it follows (a notebook written by another program)', () => {
    const n = MAX_LINK_HOPS + 5;
    const list = Array.from({ length: n }, (_, i) => entity(`e${i}`, { mergedInto: i + 1 < n ? `e${i + 1}` : null }));
    expect(followMerges(byId(list), 'e0')).toBeUndefined();
    expect(followMerges(byId(list), `e${n - 3}`)?.id).toBe(`e${n - 1}`);
  });
});

describe('repairEntityGraph', () => {
  it('leaves a graph without circles as it is (the same array)', () => {
    const list = [entity('a', { mergedInto: 'b' }), entity('b'), entity('r', { parentId: 'b' })];
    const out = repairEntityGraph(list);
    expect(out.entities).toBe(list);
    expect(out.repairs).toEqual([]);
  });

  it('two entities merged into each other: the smaller id stays live with every name, the other stays merged into it', () => {
    const list = [entity('e2', { name: 'Manoj Abraham', aliases: ['ADGP Manoj Abraham'], mergedInto: 'e1' }), entity('e1', { name: 'Manoj Abraham IPS', aliases: ['M. Abraham'], mergedInto: 'e2' })];
    const { entities, repairs } = repairEntityGraph(list);
    expect(live(entities)).toEqual(['e1']);
    const kept = entities.find((e) => e.id === 'e1')!;
    expect(kept.aliases).toEqual(['M. Abraham', 'Manoj Abraham', 'ADGP Manoj Abraham']);
    expect(kept.updatedAt).toBe(at);
    expect(entities.find((e) => e.id === 'e2')!.mergedInto).toBe('e1');
    expect(repairs).toEqual([expect.objectContaining({ kind: 'merge-circle', ids: ['e1', 'e2'] })]);
    expect(repairs[0].message).toContain('“Manoj Abraham IPS” (e1) is kept');
  });

  it('a circle of rounds: the smaller id becomes an operation of its own', () => {
    const list = [entity('y', { parentId: 'x' }), entity('x', { parentId: 'y' }), entity('z', { parentId: 'x' })];
    const { entities, repairs } = repairEntityGraph(list);
    expect(entities.find((e) => e.id === 'x')!.parentId).toBeNull();
    expect(entities.find((e) => e.id === 'y')!.parentId).toBe('x');
    expect(entities.find((e) => e.id === 'z')!.parentId).toBe('x');
    expect(repairs.map((r) => r.kind)).toEqual(['round-circle']);
  });

  it('an entity merged into itself, and a round of itself, are repaired', () => {
    const { entities } = repairEntityGraph([entity('a', { mergedInto: 'a', parentId: 'a' })]);
    expect(entities[0]).toMatchObject({ mergedInto: null, parentId: null });
  });

  it('keeps at most 50 aliases when a circle is combined', () => {
    const many = (p: string) => Array.from({ length: 40 }, (_, i) => `${p} alias ${i}`);
    const { entities } = repairEntityGraph([entity('a', { aliases: many('A'), mergedInto: 'b' }), entity('b', { aliases: many('B'), mergedInto: 'a' })]);
    expect(entities.find((e) => e.id === 'a')!.aliases).toHaveLength(50);
  });

  // The same repair on every replica, whatever order the entities are in; afterwards no circle, and every entity that was live or in a merge circle resolves to a live one.
  it('is the same whatever the order, and leaves no circle (property)', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const link = fc.option(fc.constantFrom(...ids), { nil: null });
    const graph = fc.array(fc.record({ mergedInto: link, parentId: link }), { minLength: ids.length, maxLength: ids.length }).map((links) => links.map((l, i) => entity(ids[i], l)));
    fc.assert(
      fc.property(graph, fc.func(fc.integer()), (list, key) => {
        const shuffled = [...list].sort((x, y) => key(x.id) - key(y.id) || x.id.localeCompare(y.id));
        const a = repairEntityGraph(list).entities;
        const b = repairEntityGraph(shuffled).entities;
        expect(byId(b)).toEqual(byId(a));
        const map = byId(a);
        for (const e of a) {
          let steps = 0;
          for (let m: Entity | undefined = e; m?.mergedInto && steps <= ids.length; m = map.get(m.mergedInto)) steps++;
          expect(steps).toBeLessThanOrEqual(ids.length);
          steps = 0;
          for (let p: Entity | undefined = e; p?.parentId && steps <= ids.length; p = map.get(p.parentId)) steps++;
          expect(steps).toBeLessThanOrEqual(ids.length);
        }
        expect(repairEntityGraph(a).repairs).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

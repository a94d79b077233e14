/**
 * The notebook-wide list of annotations: what each filter keeps (a kind, a tag in any case, a
 * reporter who made or changed one, an entity with its rounds, mentions linked in one go), the two
 * orders (source date with undated last, or newest first), and the list following the notebook
 * while it is on screen. The annotations are of a story that is not the sample (a UK budget).
 */
import { renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { deliver } from '../../lib/changes';
import { annotationItem, source } from '../../testing/annotations';
import { answer, answerLater, callCount } from '../../testing/fake-backend';
import { annotationListShown, authorsOf, filterAndSort, tagsOf, useAnnotationList, type EntityRef, type Filters } from './store';

const budget = source('s-budget', 'Brown unveils budget', '2007-03-21');
const leak = source('s-leak', 'Treasury memo leaked', null);
const review = source('s-review', 'Spending review', '2004-07');

const items = [
  annotationItem('a-figure', budget, 'income tax cut to 20p', { kind: 'figure', tags: ['Tax'], createdBy: 'Asha', createdAt: '2026-03-02T10:00:00.000Z' }),
  annotationItem('a-quote', review, '"prudence with a purpose"', { kind: 'quote', speakerId: 'e-brown', tags: ['tax'], createdBy: 'Ben', updatedBy: 'Asha', createdAt: '2026-03-05T10:00:00.000Z' }),
  annotationItem('a-memo', leak, 'the memo warned of a £5bn gap', { entityIds: ['e-treasury'], createdBy: 'Ben', createdAt: '2026-03-01T10:00:00.000Z' }),
  // Linked in one go from Gordon Brown's page: his name, and nothing the reporter wrote.
  annotationItem('a-mention', budget, 'Gordon Brown', {
    entityIds: ['e-brown'],
    createdAt: '2026-03-03T10:00:00.000Z',
    target: { quote: { exact: 'Gordon Brown', prefix: '', suffix: '' }, position: { start: 40, end: 52 } },
  }),
];

const entities = new Map<string, EntityRef>([
  ['e-brown', { id: 'e-brown', name: 'Gordon Brown', aliases: ['the Chancellor'], parentId: null } as EntityRef],
  ['e-hmt', { id: 'e-hmt', name: 'HM Treasury', aliases: [], parentId: null } as EntityRef],
  ['e-treasury', { id: 'e-treasury', name: 'Treasury press office', aliases: [], parentId: 'e-hmt' } as EntityRef],
]);

const ALL: Filters = { kind: 'all', tag: 'all', author: 'all', entity: 'all', mentions: 'hide', sort: 'source-date' };
const ids = (filters: Partial<Filters>) => filterAndSort(items, { ...ALL, ...filters }, entities).map((i) => i.annotation.id);

describe('filters and order', () => {
  it('lists by source date, the undated source last, and leaves out mentions linked in one go', () => {
    expect(ids({})).toEqual(['a-quote', 'a-figure', 'a-memo']);
  });

  it('lists newest first when asked', () => {
    expect(ids({ sort: 'created', mentions: 'show' })).toEqual(['a-quote', 'a-mention', 'a-figure', 'a-memo']);
  });

  it('shows the mentions alone, or with the rest', () => {
    expect(ids({ mentions: 'only' })).toEqual(['a-mention']);
    expect(ids({ mentions: 'show' })).toHaveLength(4);
  });

  it('keeps one kind, and a tag whatever its case', () => {
    expect(ids({ kind: 'quote' })).toEqual(['a-quote']);
    expect(ids({ tag: 'TAX' })).toEqual(['a-quote', 'a-figure']);
  });

  it('keeps what a reporter made or last changed', () => {
    expect(ids({ author: 'Asha' })).toEqual(['a-quote', 'a-figure']);
    expect(ids({ author: 'Ben' })).toEqual(['a-quote', 'a-memo']);
  });

  it('keeps what is linked to an entity, by its speaker too, and takes in its parts', () => {
    expect(ids({ entity: 'e-brown' })).toEqual(['a-quote']);
    expect(ids({ entity: 'e-hmt' })).toEqual(['a-memo']);
  });

  it('offers each tag once in its first spelling, and every reporter', () => {
    expect(tagsOf(items)).toEqual(['Tax']);
    expect(authorsOf(items)).toEqual(['Asha', 'Ben']);
  });
});

describe('the list over the change stream', () => {
  beforeEach(() => {
    useAnnotationList.setState({ items: [], loaded: false, error: null, filters: ALL });
  });

  it('reads the list again when a source changes while the view is shown, and not once it is closed', async () => {
    const view = renderHook(() => annotationListShown.use());
    answer('annotations:listAll', items.slice(0, 2));
    await useAnnotationList.getState().load();
    answer('annotations:listAll', items);
    deliver([{ kind: 'source', sourceId: 's-leak' }]);
    await vi.waitFor(() => expect(useAnnotationList.getState().items).toHaveLength(4));
    view.unmount();
    deliver([{ kind: 'source', sourceId: 's-leak' }]);
    expect(callCount('annotations:listAll')).toBe(2);
  });

  it('keeps the later answer when an earlier one comes last', async () => {
    const list = answerLater('annotations:listAll');
    const first = useAnnotationList.getState().load();
    const second = useAnnotationList.getState().load();
    list.release(items, 1);
    list.release(items.slice(0, 1), 0);
    await Promise.all([first, second]);
    expect(useAnnotationList.getState().items).toHaveLength(4);
  });

  it('says why the list could not be read, and keeps what it showed', async () => {
    answer('annotations:listAll', items);
    await useAnnotationList.getState().load();
    answer('annotations:listAll', () => ({ ok: false, error: { code: 'NO_NOTEBOOK', message: 'No notebook is open.' } }));
    await useAnnotationList.getState().load();
    expect(useAnnotationList.getState().error?.message).toBe('No notebook is open.');
    expect(useAnnotationList.getState().items).toHaveLength(4);
  });

  it('drops filters on the last notebook’s tags, reporters and entities when another opens, and keeps the order', () => {
    useAnnotationList.getState().setFilters({ tag: 'tax', author: 'Ben', entity: 'e-brown', kind: 'quote', sort: 'created' });
    deliver([{ kind: 'notebook' }]);
    expect(useAnnotationList.getState().filters).toEqual({ ...ALL, kind: 'quote', sort: 'created' });
  });
});

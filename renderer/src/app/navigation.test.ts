/**
 * The cross-view actions over the real stores and a fake backend: opening a passage from the
 * Annotations list or a search shows it in the reader, scrolled to and flashing; opening a source
 * at the words a search found marks them; the library's filters are lifted only when they would
 * hide the source opened (keeping the order); an entity opens on its page.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { SourceSummary } from '../../../shared/domain/source';
import { useAnnotate } from '../features/annotate';
import { useEntities } from '../features/entities';
import { NO_FILTER, useLibrary } from '../features/library';
import { annotationItem, source } from '../testing/annotations';
import { answer, calls } from '../testing/fake-backend';
import { useNavigation } from './navigation';

const summary = (id: string, title: string, outlet: string, published: string | null) => ({ ...source(id, title, published), outlet }) as unknown as SourceSummary;
const SOURCES = [summary('s-ft', 'Northern Rock seeks emergency support', 'Financial Times', '2007-09-14'), summary('s-bbc', 'Queues form outside branches', 'BBC News', '2007-09-15')];
const memo = annotationItem('a-queue', source('s-bbc', 'Queues form outside branches', '2007-09-15'), 'customers queued for hours').annotation;

beforeEach(() => {
  useNavigation.setState({ view: 'search' });
  useLibrary.setState({ notebookId: 'nb', sources: SOURCES, loaded: true, selectedId: null, reader: { status: 'idle' }, filter: NO_FILTER });
  useAnnotate.getState().reset();
  answer('sources:get', ({ id }) => ({ ok: true, value: { ...SOURCES.find((s) => s.id === id)!, text: 'customers queued for hours' } }) as never);
  answer('annotations:list', [memo]);
  answer('annotations:tags', []);
});

describe('opening what another view found', () => {
  it('opens a passage in the reader, selected and flashing', async () => {
    const flash = useAnnotate.getState().flash;
    await useNavigation.getState().openPassage('s-bbc', 'a-queue');
    expect(useNavigation.getState().view).toBe('library');
    expect(useLibrary.getState().reader).toMatchObject({ status: 'ready', source: { id: 's-bbc' } });
    expect(useAnnotate.getState()).toMatchObject({ sourceId: 's-bbc', selectedId: 'a-queue' });
    expect(useAnnotate.getState().flash).toBe(flash + 1);
  });

  it('opens a source at the words a search found', async () => {
    await useNavigation.getState().openSource('s-bbc', { start: 0, end: 9 });
    expect(useAnnotate.getState().found).toMatchObject({ start: 0, end: 9 });
    expect(useAnnotate.getState().selectedId).toBeNull();
  });

  it('lifts the library’s filters when they hide the source opened, keeping the order', async () => {
    useLibrary.setState({ filter: { ...NO_FILTER, outlet: 'Financial Times', sort: 'title' } });
    await useNavigation.getState().openSource('s-bbc', null);
    expect(useLibrary.getState().filter).toEqual({ ...NO_FILTER, sort: 'title' });
  });

  it('keeps the library’s filters when the source opened is among those shown', async () => {
    const filter = { ...NO_FILTER, outlet: 'BBC News' };
    useLibrary.setState({ filter });
    await useNavigation.getState().openPassage('s-bbc', 'a-queue');
    expect(useLibrary.getState().filter).toEqual(filter);
  });

  it('opens an entity on its page', async () => {
    answer('entities:get', { entity: { id: 'e-rock', name: 'Northern Rock' } } as never);
    answer('entities:list', []);
    await useNavigation.getState().openEntity('e-rock');
    expect(useNavigation.getState().view).toBe('entities');
    expect(useEntities.getState().panel).toEqual({ kind: 'entity', id: 'e-rock' });
    expect(calls.some((c) => c.channel === 'entities:get' && (c.input as { id: string }).id === 'e-rock')).toBe(true);
  });
});

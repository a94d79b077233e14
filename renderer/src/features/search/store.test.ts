/**
 * The search store over a fake backend: fast typing never shows an older query's results, an empty
 * query clears them, and results on screen follow the notebook — an import or an edit runs the query
 * again with the same number of results, another notebook never shows the last one's hits, and
 * nothing is asked while no one can see the results.
 */
import { renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { deliver } from '../../lib/changes';
import { answer, answerLater, callCount, calls, refuse } from '../../testing/fake-backend';
import { searchShown, useSearch, type SearchResults } from './store';

/** Results as the backend gives them; the store passes them on, so a title is enough to tell them apart. */
const results = (...titles: string[]) => ({ sources: titles.map((title) => ({ id: title, title })), annotations: [], entities: [] }) as unknown as SearchResults;

beforeEach(() => {
  useSearch.setState({ query: '', results: null, error: null, busy: false, paletteOpen: false, limit: 8 });
});

describe('typing a query', () => {
  it('shows the results of the last query typed, whatever order the answers come in', async () => {
    const query = answerLater('search:query');
    const first = useSearch.getState().setQuery('abra');
    const second = useSearch.getState().setQuery('abraham');
    query.release(results('Manoj Abraham takes charge'), 1);
    query.release(results('Abrar Ahmed'), 0);
    await Promise.all([first, second]);
    expect(useSearch.getState().results).toEqual(results('Manoj Abraham takes charge'));
    expect(useSearch.getState().busy).toBe(false);
  });

  it('asks for whole words once the query ends with a space, and for prefixes while typing', async () => {
    answer('search:query', results());
    await useSearch.getState().setQuery('pocso');
    await useSearch.getState().setQuery('pocso ');
    expect(calls.map((c) => (c.input as { asYouType: boolean }).asYouType)).toEqual([true, false]);
  });

  it('clears the results for an empty query without asking the backend', async () => {
    answer('search:query', results('A'));
    await useSearch.getState().setQuery('raid');
    await useSearch.getState().setQuery('   ');
    expect(useSearch.getState().results).toBeNull();
    expect(callCount('search:query')).toBe(1);
  });

  it('says why a query was refused and stops the spinner', async () => {
    refuse('search:query', { code: 'INVALID_INPUT', message: 'kind:weather is not a kind of entity.' });
    await useSearch.getState().setQuery('kind:weather');
    expect(useSearch.getState().error?.message).toBe('kind:weather is not a kind of entity.');
    expect(useSearch.getState().busy).toBe(false);
  });

  it('runs the palette’s query again with the view’s longer lists', async () => {
    answer('search:query', results('A'));
    await useSearch.getState().setQuery('blair');
    await useSearch.getState().rerun({ limit: 50 });
    expect(calls.at(-1)?.input).toMatchObject({ query: 'blair', limit: 50 });
  });
});

describe('following the notebook', () => {
  it('runs the query again after an import, with as many results as were asked for, while the view is shown', async () => {
    const view = renderHook(() => searchShown.use());
    answer('search:query', results('A'));
    await useSearch.getState().setQuery('lakh', { limit: 50 });
    answer('search:query', results('A', 'B, imported now'));
    deliver([{ kind: 'sources' }]);
    await vi.waitFor(() => expect(useSearch.getState().results).toEqual(results('A', 'B, imported now')));
    expect(calls.at(-1)?.input).toMatchObject({ query: 'lakh', limit: 50 });
    view.unmount();
  });

  it('asks nothing when no one sees the results', async () => {
    answer('search:query', results('A'));
    await useSearch.getState().setQuery('lakh');
    deliver([{ kind: 'source', sourceId: 's1' }, { kind: 'entities' }]);
    expect(callCount('search:query')).toBe(1);
  });

  it('never shows the last notebook’s hits in another notebook', async () => {
    answer('search:query', results('From the old notebook'));
    await useSearch.getState().setQuery('abraham');
    deliver([{ kind: 'notebook' }]);
    // The palette is closed: the old hits go, and nothing is asked until it opens again.
    expect(useSearch.getState().results).toBeNull();
    expect(callCount('search:query')).toBe(1);
    answer('search:query', results('From the new notebook'));
    useSearch.getState().openPalette();
    await vi.waitFor(() => expect(useSearch.getState().results).toEqual(results('From the new notebook')));
  });
});

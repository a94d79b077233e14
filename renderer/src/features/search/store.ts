/**
 * The search feature's store: the palette (Ctrl/Cmd+K) and the full view share one query and its
 * results. Answers that arrive after a newer query was sent are dropped, so fast typing never
 * shows the results of an older query. Results on screen follow the notebook: an import, an edit
 * or a colleague's sync runs the query again, and another notebook is searched afresh.
 */
import type { Output } from '../../../../shared/api/contract';
import type { ApiError } from '../../../../shared/api/result';
import { api } from '../../lib/api';
import { onChanges, shownFlag } from '../../lib/changes';
import { createStore } from '../../lib/store';

export type SearchResults = Output<'search:query'>;

interface SearchStore {
  query: string;
  results: SearchResults | null;
  error: ApiError | null;
  busy: boolean;
  paletteOpen: boolean;
  /** How many results the last query asked for (the palette asks for fewer than the view). */
  limit: number;
  setQuery(query: string, options?: { limit?: number }): Promise<void>;
  /** Runs the current query again with other options (the full view asks for more results than the palette). */
  rerun(options: { limit: number }): Promise<void>;
  openPalette(): void;
  closePalette(): void;
}

let latest = 0;

/** How many results the palette shows. */
const PALETTE_LIMIT = 8;

export const useSearch = createStore<SearchStore>()((set, get) => ({
  query: '',
  results: null,
  error: null,
  busy: false,
  paletteOpen: false,
  limit: PALETTE_LIMIT,
  async setQuery(query, options) {
    const ticket = ++latest;
    const limit = options?.limit ?? PALETTE_LIMIT;
    set({ query, limit, busy: query.trim() !== '' });
    if (query.trim() === '') return set({ results: null, error: null, busy: false });
    const result = await api.search.query({ query, limit, asYouType: !/\s$/.test(query) });
    if (ticket !== latest) return;
    if (result.ok) set({ results: result.value, error: null, busy: false });
    else set({ error: result.error, busy: false });
  },
  async rerun(options) {
    const { query } = get();
    if (query.trim() !== '') await get().setQuery(query, options);
  },
  openPalette() {
    set({ paletteOpen: true });
    const { query } = get();
    if (query) void get().setQuery(query);
  },
  closePalette() {
    set({ paletteOpen: false });
  },
}));

/** The Search view is on screen. */
export const searchShown = shownFlag();

/** Runs the query again, with the same number of results, where someone can see them. */
function refresh(): void {
  const { query, limit, paletteOpen } = useSearch.getState();
  if (query.trim() !== '' && (paletteOpen || searchShown.shown)) void useSearch.getState().setQuery(query, { limit });
}

// What a search finds changes with the sources, their annotations and the entities (aliases widen a search).
onChanges(['sources', 'source', 'entities'], refresh);
// Another notebook: the old results name sources it does not have.
onChanges(['notebook'], () => {
  useSearch.setState({ results: null, error: null });
  refresh();
});

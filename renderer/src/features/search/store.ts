/**
 * The search feature's store: the palette (Ctrl/Cmd+K) and the full view share one query and its
 * results. Answers that arrive after a newer query was sent are dropped, so fast typing never
 * shows the results of an older query.
 */
import type { Output } from '../../../../shared/api/contract';
import type { ApiError } from '../../../../shared/api/result';
import { api } from '../../lib/api';
import { createStore } from '../../lib/store';

export type SearchResults = Output<'search:query'>;

interface SearchStore {
  query: string;
  results: SearchResults | null;
  error: ApiError | null;
  busy: boolean;
  paletteOpen: boolean;
  setQuery(query: string, options?: { limit?: number }): Promise<void>;
  /** Runs the current query again with other options (the full view asks for more results than the palette). */
  rerun(options: { limit: number }): Promise<void>;
  openPalette(): void;
  closePalette(): void;
}

let latest = 0;

export const useSearch = createStore<SearchStore>()((set, get) => ({
  query: '',
  results: null,
  error: null,
  busy: false,
  paletteOpen: false,
  async setQuery(query, options) {
    const ticket = ++latest;
    set({ query, busy: query.trim() !== '' });
    if (query.trim() === '') return set({ results: null, error: null, busy: false });
    const result = await api.search.query({ query, limit: options?.limit ?? 8, asYouType: !/\s$/.test(query) });
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

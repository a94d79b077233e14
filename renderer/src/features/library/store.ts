/**
 * The library feature's store: the open notebook's sources and the one being read.
 */
import type { ApiError } from '../../../../shared/api/result';
import type { Source, SourceSummary } from '../../../../shared/domain/source';
import { api } from '../../lib/api';
import { createStore } from '../../lib/store';
import { useAnnotate } from '../annotate/store';

type Reader =
  | { status: 'idle' }
  | { status: 'loading'; id: string }
  | { status: 'ready'; source: Source }
  | { status: 'error'; id: string; error: ApiError };

interface LibraryStore {
  /** The notebook whose sources are loaded, so that switching notebooks clears the reader. */
  notebookId: string | null;
  sources: SourceSummary[];
  loaded: boolean;
  error: ApiError | null;
  selectedId: string | null;
  reader: Reader;
  reload(notebookId: string | null): Promise<void>;
  select(id: string): Promise<void>;
  /** Reloads the list and the open source in place (after its text changed). */
  refreshSelected(): Promise<void>;
}

export const useLibrary = createStore<LibraryStore>()((set, get) => ({
  notebookId: null,
  sources: [],
  loaded: false,
  error: null,
  selectedId: null,
  reader: { status: 'idle' },
  async reload(notebookId) {
    if (notebookId === null) {
      return set({ notebookId, sources: [], loaded: true, error: null, selectedId: null, reader: { status: 'idle' } });
    }
    const result = await api.sources.list({});
    if (!result.ok) return set({ error: result.error, loaded: true });
    const switched = notebookId !== get().notebookId;
    set({ notebookId, sources: result.value, loaded: true, error: null });
    if (switched) {
      set({ selectedId: null, reader: { status: 'idle' } });
      // Undo and the open annotations belong to the notebook that was open.
      useAnnotate.getState().reset();
    }
  },
  async select(id) {
    set({ selectedId: id, reader: { status: 'loading', id } });
    const result = await api.sources.get({ id });
    // A later click wins over a slow earlier answer.
    if (get().selectedId !== id) return;
    set({ reader: result.ok ? { status: 'ready', source: result.value } : { status: 'error', id, error: result.error } });
  },
  async refreshSelected() {
    const id = get().selectedId;
    const [list, one] = await Promise.all([api.sources.list({}), id ? api.sources.get({ id }) : Promise.resolve(null)]);
    if (list.ok) set({ sources: list.value });
    if (one?.ok && get().selectedId === one.value.id) set({ reader: { status: 'ready', source: one.value } });
  },
}));

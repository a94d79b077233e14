/**
 * The library feature's store: the open notebook's sources and the one being read.
 */
import type { ApiError } from '../../../../shared/api/result';
import type { Source, SourceSummary } from '../../../../shared/domain/source';
import { api } from '../../lib/api';
import { createStore } from '../../lib/store';
import { onChanges } from '../../lib/changes';
import { NO_FILTER, type LibraryFilter } from './filter';

/** What a bulk edit sets on the sources chosen: a date and/or an outlet (null clears). */
export interface MetaPatch {
  published?: string | null;
  outlet?: string | null;
  /** The text's language (BCP 47), or null for not known. */
  lang?: string | null;
}

type Reader = { status: 'idle' } | { status: 'loading'; id: string } | { status: 'ready'; source: Source } | { status: 'error'; id: string; error: ApiError };

interface LibraryStore {
  /** The notebook whose sources are loaded, so that switching notebooks clears the reader. */
  notebookId: string | null;
  sources: SourceSummary[];
  loaded: boolean;
  error: ApiError | null;
  selectedId: string | null;
  reader: Reader;
  /** How the list is filtered and sorted (kept while the app runs, per notebook). */
  filter: LibraryFilter;
  /** The sources ticked for a bulk edit; null when the list is not in select mode. */
  checked: ReadonlySet<string> | null;
  setFilter(patch: Partial<LibraryFilter>): void;
  setSelecting(on: boolean): void;
  toggleChecked(id: string): void;
  setChecked(ids: readonly string[]): void;
  /** Sets a date and/or an outlet on these sources; the error in words, or how many changed. */
  updateMeta(ids: readonly string[], patch: MetaPatch): Promise<{ updated: number } | { error: ApiError }>;
  reload(notebookId: string | null): Promise<void>;
  select(id: string): Promise<void>;
  /** Reloads the list and the open source in place (after its text changed). */
  refreshSelected(): Promise<void>;
  /** Reads the list of sources again (a change elsewhere), leaving the open source as it is. */
  reloadList(): Promise<void>;
}

/** The source being fetched, so a second click on it waits for the same answer. */
let opening: { id: string; done: Promise<void> } | null = null;

/** Each read of the list, so that a slow earlier answer does not overwrite a later one. */
let listTicket = 0;

export const useLibrary = createStore<LibraryStore>()((set, get) => ({
  notebookId: null,
  sources: [],
  loaded: false,
  error: null,
  selectedId: null,
  reader: { status: 'idle' },
  filter: NO_FILTER,
  checked: null,
  setFilter(patch) {
    set({ filter: { ...get().filter, ...patch } });
  },
  setSelecting(on) {
    set({ checked: on ? new Set() : null });
  },
  toggleChecked(id) {
    const checked = new Set(get().checked ?? []);
    if (checked.has(id)) checked.delete(id);
    else checked.add(id);
    set({ checked });
  },
  setChecked(ids) {
    set({ checked: new Set(ids) });
  },
  async updateMeta(ids, patch) {
    const result = await api.sources.updateMeta({ ids: [...ids], ...patch });
    if (!result.ok) return { error: result.error };
    await get().refreshSelected();
    return result.value;
  },
  async reload(notebookId) {
    if (notebookId === null) {
      return set({ notebookId, sources: [], loaded: true, error: null, selectedId: null, reader: { status: 'idle' } });
    }
    const result = await api.sources.list({});
    if (!result.ok) return set({ error: result.error, loaded: true });
    const switched = notebookId !== get().notebookId;
    set({ notebookId, sources: result.value, loaded: true, error: null });
    if (switched) {
      set({ selectedId: null, reader: { status: 'idle' }, filter: NO_FILTER, checked: null });
    }
  },
  select(id) {
    const { selectedId, reader } = get();
    // The source already open stays as it is (a second click, or the session putting it back):
    // taking its text and cards down to draw them again would cost a long source a visible pause.
    if (selectedId === id && reader.status === 'ready') return Promise.resolve();
    if (selectedId === id && opening?.id === id) return opening.done;
    set({ selectedId: id, reader: { status: 'loading', id } });
    const done = (async () => {
      const result = await api.sources.get({ id });
      // A later click wins over a slow earlier answer.
      if (get().selectedId !== id) return;
      set({ reader: result.ok ? { status: 'ready', source: result.value } : { status: 'error', id, error: result.error } });
    })().finally(() => {
      if (opening?.done === done) opening = null;
    });
    opening = { id, done };
    return done;
  },
  async refreshSelected() {
    const id = get().selectedId;
    const mine = ++listTicket;
    const [list, one] = await Promise.all([api.sources.list({}), id ? api.sources.get({ id }) : Promise.resolve(null)]);
    // A later read wins over a slow earlier answer.
    if (mine !== listTicket) return;
    if (list.ok) set({ sources: list.value });
    if (one?.ok && get().selectedId === one.value.id) set({ reader: { status: 'ready', source: one.value } });
  },
  async reloadList() {
    const mine = ++listTicket;
    const list = await api.sources.list({});
    if (mine === listTicket && list.ok) set({ sources: list.value });
  },
}));

// Sources added or changed, here or by a colleague or an import: the list and the open source read again.
onChanges(['sources', 'source'], (events) => {
  const { loaded, selectedId, notebookId } = useLibrary.getState();
  if (!loaded || notebookId === null) return;
  const touchesOpen = events.some((e) => e.kind === 'sources' || (e.kind === 'source' && e.sourceId === selectedId));
  void (touchesOpen ? useLibrary.getState().refreshSelected() : useLibrary.getState().reloadList());
});

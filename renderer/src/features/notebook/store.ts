/**
 * The notebook feature's store: which notebook is open, the recent ones, the open dialog, and the
 * actions that create, open, rename and recreate notebooks. After each change the library is
 * reloaded, since it shows the open notebook's sources.
 */
import type { Output } from '../../../../shared/api/contract';
import type { ApiError } from '../../../../shared/api/result';
import { api } from '../../lib/api';
import { createStore } from '../../lib/store';
import { useLibrary } from '../library/store';

export type AppState = Output<'app:state'>;
export type NotebookDialog = 'new' | 'open' | 'rename' | 'sample' | null;

interface NotebookStore {
  app: AppState | null;
  loadError: ApiError | null;
  /** The last failed action's error, shown in the dialog that caused it. */
  actionError: ApiError | null;
  busy: boolean;
  dialog: NotebookDialog;
  load(): Promise<void>;
  showDialog(dialog: NotebookDialog): void;
  create(name: string, path?: string): Promise<boolean>;
  open(path: string): Promise<boolean>;
  rename(name: string): Promise<boolean>;
  recreateSample(): Promise<boolean>;
  chooseFolder(purpose: 'open' | 'create'): Promise<string | null>;
}

export const useNotebook = createStore<NotebookStore>()((set, get) => {
  /** Runs a change, then refreshes the app state and the library; returns whether it worked. */
  const change = async (run: () => Promise<{ ok: boolean; error?: ApiError }>): Promise<boolean> => {
    set({ busy: true, actionError: null });
    const result = await run();
    set({ busy: false, actionError: result.ok ? null : (result.error ?? null) });
    if (result.ok) {
      set({ dialog: null });
      await get().load();
    }
    return result.ok;
  };
  return {
    app: null,
    loadError: null,
    actionError: null,
    busy: false,
    dialog: null,
    async load() {
      const result = await api.app.state({});
      if (!result.ok) return set({ loadError: result.error });
      set({ app: result.value, loadError: null });
      await useLibrary.getState().reload(result.value.notebook?.id ?? null);
    },
    showDialog(dialog) {
      set({ dialog, actionError: null });
    },
    create: (name, path) => change(() => api.notebook.create(path ? { name, path } : { name })),
    open: (path) => change(() => api.notebook.open({ path })),
    rename: (name) => change(() => api.notebook.rename({ name })),
    recreateSample: () => change(() => api.notebook.recreateSample({})),
    async chooseFolder(purpose) {
      const result = await api.app.chooseFolder({ purpose });
      if (!result.ok) {
        set({ actionError: result.error });
        return null;
      }
      return result.value;
    },
  };
});

/** The open notebook, or null. */
export const selectNotebook = (s: NotebookStore) => s.app?.notebook ?? null;

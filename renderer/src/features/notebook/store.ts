/**
 * The notebook feature's store: which notebook is open, the recent ones, the open dialog, and the
 * actions that create, open, rename and recreate notebooks. After each change the library is
 * reloaded, since it shows the open notebook's sources.
 */
import type { Output } from '../../../../shared/api/contract';
import type { ApiError } from '../../../../shared/api/result';
import { api } from '../../lib/api';
import { createStore } from '../../lib/store';
import { onChanges } from '../../lib/changes';
import { formatBytes } from '../../lib/format';
import { useLibrary } from '../library';

export type AppState = Output<'app:state'>;
export type NotebookDialog = 'new' | 'open' | 'rename' | 'sample' | 'export-annotations' | 'import-annotations' | 'backup' | 'restore' | 'snapshots' | null;
export type SnapshotInfo = Output<'notebook:snapshots'>[number];
/** What a colleague changed since a snapshot (a shared notebook). */
export type SnapshotChange = Output<'notebook:snapshotChanges'>[number];

/** A backup or restore under way: how far it is, and the name to cancel it by. */
export interface RunningTask {
  id: string;
  step: string;
  done: number;
  total: number;
}

/** What a file action answers (see ExchangeDialogs): done, a file in the way, or an error. */
export type Outcome = { done: string } | { exists: string } | { error: ApiError };

interface NotebookStore {
  app: AppState | null;
  loadError: ApiError | null;
  /** The last failed action's error, shown in the dialog that caused it. */
  actionError: ApiError | null;
  busy: boolean;
  /** The backup or restore under way, with its progress. */
  task: RunningTask | null;
  dialog: NotebookDialog;
  load(): Promise<void>;
  showDialog(dialog: NotebookDialog): void;
  create(name: string, path?: string): Promise<boolean>;
  open(path: string): Promise<boolean>;
  rename(name: string): Promise<boolean>;
  recreateSample(): Promise<boolean>;
  chooseFolder(purpose: 'open' | 'create'): Promise<string | null>;
  chooseSavePath(suggestedName: string, extension: string): Promise<string | null>;
  chooseFile(): Promise<string | null>;
  exportAnnotations(format: 'w3c' | 'csv', path: string, overwrite: boolean): Promise<Outcome>;
  importAnnotations(path: string): Promise<Outcome>;
  backup(path: string, overwrite: boolean): Promise<Outcome>;
  restore(archive: string, folder: string): Promise<Outcome>;
  /** The open notebook's snapshots, newest first (null until loaded). */
  snapshots: SnapshotInfo[] | null;
  loadSnapshots(): Promise<void>;
  takeSnapshot(): Promise<Outcome>;
  /** What colleagues changed since a snapshot: what restoring it keeps, or rolls back for the team. */
  snapshotChanges(name: string): Promise<SnapshotChange[] | { error: ApiError }>;
  restoreSnapshot(name: string, forTeam?: boolean): Promise<Outcome>;
  /** Cancels the backup or restore under way; its action then answers that nothing was written. */
  cancelTask(): Promise<void>;
}

const TASK_POLL_MS = 250;

export const useNotebook = createStore<NotebookStore>()((set, get) => {
  /** Runs a backup or restore under a fresh task name, following its progress until it answers. */
  const asTask = async <T>(step: string, run: (task: string) => Promise<T>): Promise<T> => {
    const id = `t${crypto.randomUUID().replaceAll('-', '')}`;
    set({ busy: true, task: { id, step, done: 0, total: 0 } });
    let finished = false;
    const follow = async () => {
      while (!finished) {
        await new Promise((r) => setTimeout(r, TASK_POLL_MS));
        const s = await api.app.taskStatus({ task: id });
        if (finished || get().task?.id !== id) return;
        if (s.ok && s.value) set({ task: { id, step: s.value.step, done: s.value.done, total: s.value.total } });
      }
    };
    void follow();
    try {
      return await run(id);
    } finally {
      finished = true;
      set({ busy: false, task: null });
    }
  };
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
    task: null,
    snapshots: null,
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
    async chooseSavePath(suggestedName, extension) {
      const result = await api.app.chooseSavePath({ suggestedName, extension });
      return result.ok ? result.value : null;
    },
    async chooseFile() {
      const result = await api.app.chooseImportPaths({});
      return result.ok ? (result.value[0] ?? null) : null;
    },
    async exportAnnotations(format, path, overwrite) {
      set({ busy: true });
      const r = await api.annotations.export({ format, path, overwrite });
      set({ busy: false });
      if (r.ok) return { done: `Saved ${r.value.count} annotation${r.value.count === 1 ? '' : 's'} to ${r.value.path} (${formatBytes(r.value.bytes)}).` };
      return r.error.code === 'ALREADY_EXISTS' ? { exists: path } : { error: r.error };
    },
    async importAnnotations(path) {
      set({ busy: true });
      const r = await api.annotations.importW3C({ path });
      set({ busy: false });
      if (!r.ok) return { error: r.error };
      await useLibrary.getState().refreshSelected();
      const skipped = r.value.skipped;
      const present = r.value.alreadyPresent > 0 ? `; ${r.value.alreadyPresent} ${r.value.alreadyPresent === 1 ? 'was' : 'were'} already in the notebook` : '';
      return {
        done: `Imported ${r.value.imported} annotation${r.value.imported === 1 ? '' : 's'}${present}.${
          skipped.length > 0
            ? ` Not imported: ${skipped.length} — ${skipped
                .slice(0, 3)
                .map((x) => x.reason)
                .join('; ')}${skipped.length > 3 ? '; …' : ''}.`
            : ''
        }`,
      };
    },
    async backup(path, overwrite) {
      const r = await asTask('Writing the archive', (task) => api.notebook.backup({ path, overwrite, task }));
      if (r.ok) return { done: `Saved the whole notebook (${r.value.files} files) to ${r.value.path} (${formatBytes(r.value.bytes)}).` };
      return r.error.code === 'ALREADY_EXISTS' ? { exists: path } : { error: r.error };
    },
    async restore(archive, folder) {
      const r = await asTask('Checking the archive', (task) => api.notebook.restore(folder ? { archive, path: folder, task } : { archive, task }));
      if (!r.ok) return { error: r.error };
      await get().load();
      return { done: `Restored “${r.value.name}” into ${r.value.path} and opened it.` };
    },
    async loadSnapshots() {
      const r = await api.notebook.snapshots({});
      set({ snapshots: r.ok ? r.value : [] });
    },
    async takeSnapshot() {
      set({ busy: true });
      const r = await api.notebook.snapshot({});
      set({ busy: false });
      if (!r.ok) return { error: r.error };
      await get().loadSnapshots();
      return { done: `Took a snapshot: ${r.value.sources} sources, ${r.value.annotations} annotations.` };
    },
    async snapshotChanges(name) {
      const r = await api.notebook.snapshotChanges({ name });
      return r.ok ? r.value : { error: r.error };
    },
    async restoreSnapshot(name, forTeam = false) {
      const r = await asTask('Checking the snapshot', (task) => api.notebook.restoreSnapshot({ name, task, ...(forTeam ? { forTeam } : {}) }));
      if (!r.ok) return { error: r.error };
      await get().load();
      await get().loadSnapshots();
      return { done: restoredWords(r.value.kept, r.value.rolledBack) };
    },
    async cancelTask() {
      const task = get().task;
      if (task) await api.app.cancelTask({ task: task.id });
    },
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

/** What a snapshot restore did, in words: in a shared notebook, what it kept of colleagues' work. */
export function restoredWords(kept: readonly { id: string; by: string | null }[], rolledBack: readonly { id: string; by: string | null }[] = []): string {
  const undo = 'How it was just before is kept as a snapshot too (“before restore”), so this can be undone.';
  const who = (list: readonly { by: string | null }[]) => [...new Set(list.map((k) => k.by ?? 'someone unnamed'))].join(', ');
  const records = (n: number) => `${n} record${n === 1 ? '' : 's'}`;
  if (rolledBack.length > 0)
    return `The notebook is back as it was at that snapshot, for the whole team. ${records(rolledBack.length)} that colleagues changed since (${who(rolledBack)}) ${rolledBack.length === 1 ? 'was' : 'were'} rolled back too; each of their versions is listed in Conflicts, where anyone can choose it back. ${undo}`;
  if (kept.length === 0) return `The notebook is back as it was at that snapshot. ${undo}`;
  return `Your own edits since that snapshot are rolled back, for the team too. ${records(kept.length)} that colleagues changed since (${who(kept)}) ${kept.length === 1 ? 'was' : 'were'} kept as ${kept.length === 1 ? 'it is' : 'they are'}: a restore never undoes a colleague’s work unless you choose so. ${undo}`;
}

// Another notebook is open (opened here, joined, restored from a snapshot, or from the desktop menu's
// Open Recent), or this one was renamed: the window follows.
onChanges(['notebook'], () => void useNotebook.getState().load());

/**
 * The fact sheet feature's store: which entity the sheet is about, the sheet as the backend
 * built it (the renderer formats it, never recomputes it), and the reporter's actions on it —
 * resolve or reopen a conflict, save the summary, export. Answers for an older subject than the
 * one now chosen are dropped.
 */
import type { FactSheetFormat } from '../../../../shared/api/contract-factsheet';
import type { Output } from '../../../../shared/api/contract';
import type { ApiError } from '../../../../shared/api/result';
import { api } from '../../lib/api';
import { createStore } from '../../lib/store';
import { onChanges, shownFlag } from '../../lib/changes';

export type FactSheet = Output<'factsheet:build'>;

/** An export that needs the reporter's yes: the file is there already. */
export interface PendingReplace {
  path: string;
  format: FactSheetFormat;
}

/** The last file written, as the panel says it: which file, how big, when. */
export interface SavedExport {
  path: string;
  bytes: number;
  format: FactSheetFormat;
  /** When it was written (ISO time). */
  at: string;
}

/**
 * Where an export stands: running, saved, failed, or waiting for "replace it?" — with the format
 * and path chosen, kept here (not in the panel) so that the panel, shown again, says the same
 * format, path and last save together, never a stale message beside reset fields.
 */
export interface ExportState {
  busy: boolean;
  saved: SavedExport | null;
  error: ApiError | null;
  replace: PendingReplace | null;
  format: FactSheetFormat;
  /** The path typed or chosen; null follows the suggestion (subject and format). */
  typedPath: string | null;
}

const IDLE = { busy: false, error: null, replace: null } as const;

interface FactSheetStore {
  /** The entity chosen; null is the whole notebook; undefined until the view picks one. */
  subject: string | null | undefined;
  sheet: FactSheet | null;
  error: ApiError | null;
  busy: boolean;
  exportState: ExportState;
  choose(subject: string | null): Promise<void>;
  reload(): Promise<void>;
  resolve(input: { entityId: string; metric: string; value: number; upper: number | null; note: string }): Promise<ApiError | null>;
  reopen(entityId: string, metric: string): Promise<void>;
  saveSummary(summary: string): Promise<ApiError | null>;
  exportTo(format: FactSheetFormat, path: string, overwrite?: boolean): Promise<void>;
  cancelReplace(): void;
  setExportFormat(format: FactSheetFormat): void;
  setExportPath(path: string | null): void;
  /** The system's save dialog (desktop app only); null when cancelled or not available. */
  chooseSavePath(suggestedName: string, extension: FactSheetFormat): Promise<string | null>;
}

let ticket = 0;

export const useFactSheet = createStore<FactSheetStore>()((set, get) => ({
  subject: undefined,
  sheet: null,
  error: null,
  busy: false,
  exportState: { ...IDLE, saved: null, format: 'md', typedPath: null },
  async choose(subject) {
    // Another subject: another suggested file; the format chosen stays.
    if (subject !== get().subject) set({ exportState: { ...IDLE, saved: null, format: get().exportState.format, typedPath: null } });
    set({ subject });
    await get().reload();
  },
  async reload() {
    const { subject } = get();
    if (subject === undefined) return;
    const mine = ++ticket;
    set({ busy: true });
    const result = await api.factsheet.build({ entityId: subject });
    if (mine !== ticket) return;
    if (result.ok) set({ sheet: result.value, error: null, busy: false });
    else set({ error: result.error, busy: false });
  },
  async resolve(input) {
    const result = await api.factsheet.resolve(input);
    if (!result.ok) return result.error;
    await get().reload();
    return null;
  },
  async reopen(entityId, metric) {
    const result = await api.factsheet.reopen({ entityId, metric });
    if (!result.ok) set({ error: result.error });
    await get().reload();
  },
  async saveSummary(summary) {
    const result = await api.factsheet.summary({ entityId: get().subject ?? null, summary });
    if (!result.ok) return result.error;
    await get().reload();
    return null;
  },
  async exportTo(format, path, overwrite = false) {
    const state = () => get().exportState;
    set({ exportState: { ...state(), busy: true, error: null, replace: null } });
    const result = await api.factsheet.export({ entityId: get().subject ?? null, format, path, overwrite });
    if (result.ok) set({ exportState: { ...state(), ...IDLE, saved: { path: result.value.path, bytes: result.value.bytes, format, at: new Date().toISOString() } } });
    else if (result.error.code === 'ALREADY_EXISTS') set({ exportState: { ...state(), ...IDLE, replace: { path, format } } });
    else set({ exportState: { ...state(), ...IDLE, error: result.error } });
  },
  cancelReplace() {
    set({ exportState: { ...get().exportState, ...IDLE } });
  },
  setExportFormat(format) {
    const { typedPath } = get().exportState;
    // A typed path keeps its folder and name; its extension follows the format.
    set({ exportState: { ...get().exportState, format, typedPath: typedPath === null ? null : typedPath.replace(/\.[a-z]{2,5}$/i, '') + `.${format}` } });
  },
  setExportPath(typedPath) {
    set({ exportState: { ...get().exportState, typedPath } });
  },
  async chooseSavePath(suggestedName, extension) {
    const result = await api.app.chooseSavePath({ suggestedName, extension });
    if (!result.ok) set({ exportState: { ...get().exportState, ...IDLE, error: result.error } });
    return result.ok ? result.value : null;
  },
}));

/** The Fact sheet view is on screen (it builds the sheet again when it opens). */
export const factSheetShown = shownFlag();

// The sheet is built from the sources, their annotations, the entities and the resolutions: built again when any changes, while it is shown.
onChanges(['source', 'sources', 'entities', 'factsheet'], () => {
  if (factSheetShown.shown) void useFactSheet.getState().reload();
});
// Another notebook: its own sheet, of the whole notebook.
onChanges(['notebook'], () => {
  if (useFactSheet.getState().subject !== undefined) void useFactSheet.getState().choose(null);
});

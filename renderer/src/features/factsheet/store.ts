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

export type FactSheet = Output<'factsheet:build'>;

/** An export that needs the reporter's yes: the file is there already. */
export interface PendingReplace {
  path: string;
  format: FactSheetFormat;
}

/** Where an export stands: running, saved (the message), failed, or waiting for "replace it?". */
export interface ExportState {
  busy: boolean;
  done: string | null;
  error: ApiError | null;
  replace: PendingReplace | null;
}

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
  /** The system's save dialog (desktop app only); null when cancelled or not available. */
  chooseSavePath(suggestedName: string, extension: FactSheetFormat): Promise<string | null>;
}

let ticket = 0;

export const useFactSheet = createStore<FactSheetStore>()((set, get) => ({
  subject: undefined,
  sheet: null,
  error: null,
  busy: false,
  exportState: { busy: false, done: null, error: null, replace: null },
  async choose(subject) {
    set({ subject, exportState: { busy: false, done: null, error: null, replace: null } });
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
    set({ exportState: { busy: true, done: null, error: null, replace: null } });
    const result = await api.factsheet.export({ entityId: get().subject ?? null, format, path, overwrite });
    if (result.ok) set({ exportState: { busy: false, done: `Saved ${result.value.path} (${formatBytes(result.value.bytes)}).`, error: null, replace: null } });
    else if (result.error.code === 'ALREADY_EXISTS') set({ exportState: { busy: false, done: null, error: null, replace: { path, format } } });
    else set({ exportState: { busy: false, done: null, error: result.error, replace: null } });
  },
  cancelReplace() {
    set({ exportState: { busy: false, done: null, error: null, replace: null } });
  },
  async chooseSavePath(suggestedName, extension) {
    const result = await api.app.chooseSavePath({ suggestedName, extension });
    if (!result.ok) set({ exportState: { busy: false, done: null, error: result.error, replace: null } });
    return result.ok ? result.value : null;
  },
}));

function formatBytes(n: number): string {
  return n < 1024 ? `${n} bytes` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

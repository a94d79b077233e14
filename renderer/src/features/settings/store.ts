/**
 * The settings feature's store: the app's settings as the backend keeps them, applied to the page
 * as they arrive, and the Settings dialog and shortcut sheet being open.
 */
import type { ApiError } from '../../../../shared/api/result';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../../../shared/domain/settings';
import { api } from '../../lib/api';
import { createStore } from '../../lib/store';
import { applySettings } from './theme';

interface SettingsStore {
  settings: Settings;
  loaded: boolean;
  dialog: 'settings' | 'shortcuts' | null;
  error: ApiError | null;
  load(): Promise<void>;
  /** Saves a change; the page shows it at once, and goes back if the backend refuses it. */
  update(patch: SettingsPatch): Promise<ApiError | null>;
  open(dialog: 'settings' | 'shortcuts'): void;
  /** The system's folder dialog (desktop app); null when cancelled. */
  chooseFolder(): Promise<string | null>;
  close(): void;
}

let ticket = 0;

export const useSettings = createStore<SettingsStore>()((set, get) => ({
  settings: DEFAULT_SETTINGS,
  loaded: false,
  dialog: null,
  error: null,
  async load() {
    const result = await api.app.settings({});
    if (!result.ok) return set({ error: result.error, loaded: true });
    applySettings(result.value);
    set({ settings: result.value, loaded: true, error: null });
  },
  async update(patch) {
    const before = get().settings;
    const shown = { ...before, ...patch };
    applySettings(shown);
    set({ settings: shown });
    const mine = ++ticket;
    const result = await api.app.updateSettings(patch);
    // A later change's answer is the one that counts: an earlier answer arriving late is not drawn.
    if (mine !== ticket) return result.ok ? null : result.error;
    if (!result.ok) {
      applySettings(before);
      set({ settings: before, error: result.error });
      return result.error;
    }
    applySettings(result.value);
    set({ settings: result.value, error: null });
    return null;
  },
  open(dialog) {
    set({ dialog, error: null });
  },
  async chooseFolder() {
    const chosen = await api.app.chooseFolder({ purpose: 'create' });
    if (!chosen.ok) set({ error: chosen.error });
    return chosen.ok ? chosen.value : null;
  },
  close() {
    set({ dialog: null });
  },
}));

/**
 * The sharing feature's store: whether the open notebook is shared and how its sync is going
 * (polled while it is shared), the records in conflict, and the actions of the Share dialog and
 * the Conflicts panel. When colleagues' edits come in, the views that show the notebook fetch
 * what they show again.
 */
import type { Input, Output } from '../../../../shared/api/contract';
import type { ApiError } from '../../../../shared/api/result';
import type { SyncConflict, SyncStatus } from '../../../../shared/domain/sync';
import { api } from '../../lib/api';
import { createStore } from '../../lib/store';
import { onChanges } from '../../lib/changes';

export type ShareInput = Input<'sync:share'>;
export type SyncRound = Output<'sync:now'>;

interface SharingStore {
  status: SyncStatus | null;
  dialog: 'share' | 'conflicts' | null;
  conflicts: SyncConflict[] | null;
  busy: boolean;
  error: ApiError | null;
  /** What the last action did, in words (shown in the dialog). */
  done: string | null;
  open(dialog: 'share' | 'conflicts'): void;
  close(): void;
  /**
   * Reads the sync state (and the conflicts, when their list is open). Colleagues' edits reach the
   * views as changes of what they draw (lib/changes.ts), not from here.
   */
  poll(): Promise<void>;
  share(input: ShareInput): Promise<boolean>;
  join(input: ShareInput & { path?: string }): Promise<boolean>;
  syncNow(): Promise<void>;
  /** The system's network came back (the window's `online` event): one round now, quietly. */
  networkBack(): Promise<void>;
  stop(): Promise<void>;
  loadConflicts(): Promise<void>;
  resolve(id: string, choice: { keep: string } | { body: unknown }): Promise<boolean>;
}

const moved = (r: SyncRound) => `sent ${r.sent} record${r.sent === 1 ? '' : 's'}, took in ${r.received}`;

export const useSharing = createStore<SharingStore>()((set, get) => {
  const act = async <T>(run: () => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>, after: (value: T) => Promise<string | null> | string | null): Promise<boolean> => {
    set({ busy: true, error: null, done: null });
    const result = await run();
    if (!result.ok) {
      set({ busy: false, error: result.error });
      return false;
    }
    const done = await after(result.value);
    set({ busy: false, done });
    return true;
  };
  return {
    status: null,
    dialog: null,
    conflicts: null,
    busy: false,
    error: null,
    done: null,
    open(dialog) {
      set({ dialog, error: null, done: null });
      if (dialog === 'conflicts') void get().loadConflicts();
    },
    close() {
      set({ dialog: null, error: null, done: null });
    },
    async poll() {
      const result = await api.sync.status({});
      if (!result.ok) return;
      const status = result.value;
      const before = get().status;
      set({ status });
      // The conflict list open, and counted differently or more came in: read it again.
      if (status.shared && get().dialog === 'conflicts' && (!before?.shared || before.conflicts !== status.conflicts || (before.shared && status.received > before.received)))
        await get().loadConflicts();
    },
    share: (input) =>
      act(
        () => api.sync.share(input),
        async ({ status, round }) => {
          set({ status });
          return `Shared: ${moved(round)}. Colleagues open it with Notebook → Share… → Join, with the same address and database.`;
        },
      ),
    join: (input) =>
      act(
        () => api.sync.join(input),
        async ({ notebook, round }) => {
          // The joined notebook is open now: the views hear it as a change of notebook.
          await get().poll();
          return `Joined “${notebook.name}”: ${notebook.sourceCount} source${notebook.sourceCount === 1 ? '' : 's'}, ${moved(round)}.`;
        },
      ),
    syncNow: async () => {
      await act(
        () => api.sync.now({}),
        async (round) => {
          await get().poll();
          return `Synced: ${moved(round)}.`;
        },
      );
    },
    async networkBack() {
      // The system says the network is back: sync now rather than at the next retry (up to a minute away). A failure shows in the status.
      await api.sync.now({});
      await get().poll();
    },
    stop: async () => {
      await act(
        () => api.sync.stop({}),
        (status) => {
          set({ status });
          return 'Sharing is off for this notebook. It keeps everything; colleagues’ copies are untouched.';
        },
      );
    },
    async loadConflicts() {
      const result = await api.sync.conflicts({});
      set(result.ok ? { conflicts: result.value } : { conflicts: [], error: result.error });
    },
    resolve: (id, choice) =>
      act(
        () => api.sync.resolve({ id, ...choice }),
        async () => {
          await get().loadConflicts();
          await get().poll();
          return null;
        },
      ),
  };
});

// The sharing state changed (a round, a conflict, the server gone or back), or another notebook is open: read it.
onChanges(['sharing', 'notebook'], () => void useSharing.getState().poll());

/**
 * The sharing feature over its store: the sync state in the header (read again when the backend
 * says it changed; a round at once when the system's network comes back), the Share dialog and the
 * Conflicts panel.
 */
import { useEffect } from 'react';
import { pick } from '../../lib/store';
import { useNotebook } from '../notebook';
import { useSettings } from '../settings';
import { ConflictsPanel } from './components/ConflictsPanel';
import { ShareDialog } from './components/ShareDialog';
import { SyncStatusLine } from './components/SyncStatusLine';
import { useSharing } from './store';

export function SyncStatusView() {
  const status = useSharing((s) => s.status);
  const poll = useSharing((s) => s.poll);
  const open = useSharing((s) => s.open);
  const notebookPath = useNotebook((s) => s.app?.notebook?.path ?? null);
  const shared = status?.shared === true;
  useEffect(() => {
    void poll();
  }, [poll, notebookPath]);
  useEffect(() => {
    if (!shared) return;
    // Back from a tunnel: edits made offline go at once, not at the next retry.
    const back = () => void useSharing.getState().networkBack();
    window.addEventListener('online', back);
    return () => window.removeEventListener('online', back);
  }, [shared]);
  if (!status?.shared) return null;
  return <SyncStatusLine status={status} onOpen={() => open('share')} onConflicts={() => open('conflicts')} />;
}

export function SharingDialogs() {
  const s = useSharing(pick((x) => ({ dialog: x.dialog, status: x.status, conflicts: x.conflicts, busy: x.busy, error: x.error, done: x.done })));
  const actions = useSharing.getState();
  const hasNotebook = useNotebook((x) => x.app?.notebook != null);
  const displayName = useSettings((x) => x.settings.displayName);
  const updateSettings = useSettings((x) => x.update);
  if (s.dialog === 'share') {
    return (
      <ShareDialog
        status={s.status}
        hasNotebook={hasNotebook}
        displayName={displayName}
        busy={s.busy}
        error={s.error}
        done={s.done}
        onSetName={(name) => updateSettings({ displayName: name })}
        onShare={(input) => void actions.share(input)}
        onJoin={(input) => void actions.join(input).then((joined) => joined && actions.close())}
        onSyncNow={() => void actions.syncNow()}
        onStop={() => void actions.stop()}
        onConflicts={() => actions.open('conflicts')}
        onClose={actions.close}
      />
    );
  }
  if (s.dialog === 'conflicts') {
    return (
      <ConflictsPanel conflicts={s.conflicts} shared={s.status?.shared === true} busy={s.busy} error={s.error} onResolve={(id, choice) => void actions.resolve(id, choice)} onClose={actions.close} />
    );
  }
  return null;
}

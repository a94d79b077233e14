/**
 * The sync state of a shared notebook in the header, in words: synced (and when), syncing N
 * changes, offline since …, or what went wrong; with the conflicts waiting for a choice. A
 * notebook that is not shared shows nothing here.
 */
import type { SharedSyncStatus } from '../../../../../shared/domain/sync';

const time = (iso: string) => {
  const d = new Date(iso);
  const today = new Date().toDateString() === d.toDateString();
  return d.toLocaleString(undefined, today ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' });
};

const host = (server: string) => {
  try {
    return new URL(server).host;
  } catch {
    return server;
  }
};

/** The state in a reporter's words, with times in their clock. */
export function statusWords(s: SharedSyncStatus): string {
  const n = s.pending;
  switch (s.state) {
    case 'synced':
      return `Synced with ${host(s.server)}${s.lastSyncedAt ? ` at ${time(s.lastSyncedAt)}` : ''}.`;
    case 'syncing':
      return `Syncing${n > 0 ? ` ${n} change${n === 1 ? '' : 's'}` : ''} with ${host(s.server)}…`;
    case 'offline':
      return `Offline${s.offlineSince ? ` since ${time(s.offlineSince)}` : ''} — ${n > 0 ? `${n} edit${n === 1 ? '' : 's'} wait` : 'edits wait'} here and go when ${host(s.server)} can be reached.`;
    case 'error':
      return s.message;
  }
}

const SHORT: Record<SharedSyncStatus['state'], string> = { synced: 'Synced', syncing: 'Syncing…', offline: 'Offline', error: 'Sync stopped' };

export function SyncStatusLine({ status, onOpen, onConflicts }: { status: SharedSyncStatus; onOpen(): void; onConflicts(): void }) {
  const words = statusWords(status);
  return (
    <span className={`sync-line sync-${status.state}`}>
      <button type="button" className="sync-state-button" title={words} aria-label={`Sharing: ${words}`} onClick={onOpen}>
        <span className="sync-dot" aria-hidden="true" />
        {status.state === 'offline' && status.pending > 0 ? `Offline · ${status.pending} waiting` : SHORT[status.state]}
      </button>
      <span className="visually-hidden" role="status">
        {status.state === 'error' || status.state === 'offline' ? words : ''}
      </span>
      {status.conflicts > 0 ? (
        <button type="button" className="badge warn conflicts-badge" onClick={onConflicts}>
          {status.conflicts} conflict{status.conflicts === 1 ? '' : 's'}
        </button>
      ) : null}
    </span>
  );
}

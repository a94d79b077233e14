/**
 * The backend's side of the change stream (shared/api/changes.ts): the app publishes what changed,
 * each host forwards it to its windows. Events are sent a batch at a time, at most every
 * {@link BATCH_MS}, each kind and source once a batch: a sync that moves hundreds of records, or an
 * import of thousands of files, is a few batches, not thousands of messages.
 */
import type { ChangeEvent } from '../../shared/api/changes';
import type { NotebookChange } from './store/notebook';

export const BATCH_MS = 100;

export class ChangeFeed {
  private readonly listeners = new Set<(batch: ChangeEvent[]) => void>();
  private readonly pending = new Map<string, ChangeEvent>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly batchMs = BATCH_MS) {}

  /** Calls `listener` with each batch; returns the unsubscribe. */
  subscribe(listener: (batch: ChangeEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  publish(event: ChangeEvent): void {
    if (this.listeners.size === 0) return;
    if (event.kind === 'sources') {
      // Sources added in one batch are one event with all their ids.
      const earlier = this.pending.get('sources');
      this.pending.set('sources', earlier?.kind === 'sources' ? { kind: 'sources', sourceIds: [...earlier.sourceIds, ...event.sourceIds] } : event);
    } else {
      this.pending.set(event.kind === 'source' ? `source:${event.sourceId}` : event.kind, event);
    }
    this.timer ??= setTimeout(() => this.flush(), this.batchMs);
  }

  /** Sends what is pending now (the timer's work; a closing host calls it too). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending.clear();
    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch (e) {
        console.error('[dossier] a change listener failed:', e);
      }
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
    this.listeners.clear();
  }
}

/** A notebook's own change as an event of the stream. */
export function eventOf(change: NotebookChange): ChangeEvent {
  switch (change.kind) {
    case 'sources-added':
      return { kind: 'sources', sourceIds: change.sourceIds };
    case 'shard':
      return { kind: 'source', sourceId: change.sourceId };
    case 'entities':
      return { kind: 'entities' };
    case 'factsheet':
      return { kind: 'factsheet' };
    case 'name':
      return { kind: 'notebook' };
  }
}

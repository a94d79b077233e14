/**
 * Who writes to a replica: the bridge's sends, and everything else (replication from the server,
 * a conflict's resolution). Every PouchDB write that takes a change sequence (put, remove,
 * bulkDocs, replication's writes) goes through the store's one `_bulkDocs`, one at a time, in
 * the order called; writes of `_local/` documents take none.
 *
 * The bridge uses this to know when the changes it is about to read back would all be its own
 * sends (a first share writes the whole notebook, and reading it back cost a third of the share).
 */
import type { Replica } from './pouch';

/** The option a bridge's send passes with its writes. */
export const BRIDGE_SEND = 'dossierBridgeSend';

type BulkDocs = (req: unknown, opts: Record<string, unknown> | undefined, callback: (err: unknown, res?: unknown) => void) => void;

export class ReplicaWrites {
  /** Writes not made by a bridge's send, called so far. */
  private othersCalled = 0;
  private othersDone = 0;

  private constructor() {}

  /** Watches a replica's writes (once per replica object; watching again returns the same watch). */
  static watch(replica: Replica): ReplicaWrites {
    const target = replica as unknown as { _bulkDocs?: BulkDocs; [WATCH]?: ReplicaWrites };
    const existing = target[WATCH];
    if (existing) return existing;
    const inner = target._bulkDocs;
    if (typeof inner !== 'function') throw new Error('this PouchDB store has no _bulkDocs to watch');
    const watch = new ReplicaWrites();
    target._bulkDocs = function (this: unknown, req, opts, callback) {
      if (opts?.[BRIDGE_SEND] === true) return inner.call(this, req, opts, callback);
      watch.othersCalled++;
      return inner.call(this, req, opts, (err, res) => {
        watch.othersDone++;
        callback(err, res);
      });
    };
    target[WATCH] = watch;
    return watch;
  }

  /** A mark of the writes of others so far: `quietSince(mark)` says none was called since, and none was under way at the mark. */
  mark(): number | null {
    return this.othersCalled === this.othersDone ? this.othersCalled : null;
  }

  quietSince(mark: number | null): boolean {
    return mark !== null && this.othersCalled === mark;
  }
}

const WATCH = Symbol('dossier.replicaWrites');

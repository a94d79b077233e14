/**
 * A team notebook's connection to its server: the replica beside the notebook (sync/replica/),
 * the bridge between them, and CouchDB replication with the server, one round at a time
 * (`dossier sync`) or continuously while the app runs.
 */
import { mkdir } from 'node:fs/promises';
import type { Notebook } from '../store/notebook';
import { Bridge, type BridgeRound } from './bridge';
import { fetchWithin, SERVER_LIMITS, type ServerLimits } from './guarded-fetch';
import { openReplica, PouchDB, type Database, type RecordDocBody, type Replica } from './pouch';
import type { RemoteAddress } from './remote';
import { syncPaths } from './paths';

export { syncPaths } from './paths';

export interface Credentials {
  username: string;
  password: string;
}

/**
 * The server's database, as PouchDB reaches it over HTTP. `create`: make it when it is missing
 * (sharing a notebook first); `refused`: told of each document refused as beyond what a team makes.
 */
export function remoteDatabase(address: RemoteAddress, credentials: Credentials | null, create: boolean, refused: ServerLimits['refused'] = () => undefined): Database<RecordDocBody> {
  // Requests (and the password with them) go to the server's origin only: no redirect elsewhere;
  // a document no team could make is refused before PouchDB takes it (guarded-fetch.ts).
  const fetch = fetchWithin(address.server, undefined, { ...SERVER_LIMITS, refused });
  return new PouchDB<RecordDocBody>(address.url, { adapter: 'http', skip_setup: !create, fetch, ...(credentials ? { auth: credentials } : {}) });
}

/** What one sync round did. */
export interface SyncRound extends BridgeRound {
  /** Documents sent to the server and received from it. */
  uploaded: number;
  downloaded: number;
  /** The replica's change sequence the server has everything up to (the push's checkpoint). */
  pushedTo: number | null;
}

/** A notebook's replica and bridge, opened together. */
export class ShareSession {
  private constructor(
    readonly replica: Replica,
    readonly bridge: Bridge,
  ) {}

  /**
   * Opens the replica and the bridge. `joining`: the notebook was just created to receive a shared
   * one, so its own name is not an edit to send (the shared notebook's name is taken in).
   */
  static async open(nb: Notebook, author: () => string | null, options: { joining?: boolean } = {}): Promise<ShareSession> {
    const paths = syncPaths(nb.paths.dir);
    await mkdir(paths.folder, { recursive: true });
    const replica = openReplica(paths.replica);
    const bridge = await Bridge.open(nb, replica, paths, { author, joining: options.joining ?? false });
    return new ShareSession(replica, bridge);
  }

  /** One round: edits made here into the replica, both ways with the server, then the server's edits into the notebook. */
  async syncOnce(remote: Database<RecordDocBody>): Promise<SyncRound> {
    const before = await this.bridge.round();
    const empty = (await this.replica.info()).update_seq === 0;
    // Pull, then push: the push then goes over what was pulled in the same round, and its
    // checkpoint ends past it (run together, a large join left the live push thousands of records behind).
    const pull = await this.replica.replicate.from(remote, { batch_size: 500, batches_limit: 2 });
    // A replica that was empty before this pull (a colleague's join) holds only what the server
    // just sent: the push starts after it, instead of asking the server about each of those
    // records again (for 55,000 records, 110 requests and a third of a join's time). PouchDB
    // records that starting point as the push's checkpoint, where live sync then carries on.
    const since = empty ? (await this.replica.info()).update_seq : undefined;
    let push = await this.replica.replicate.to(remote, { batch_size: 500, batches_limit: 2, ...(since ? { since } : {}) });
    let uploaded = push.docs_written;
    const written = (await this.replica.info()).update_seq;
    const after = await this.bridge.round();
    // Taking in can make this laptop write (a repair, a text or name the server lost): sent now, so
    // that a round leaves nothing of this laptop's unsent.
    if ((await this.replica.info()).update_seq !== written) {
      push = await this.replica.replicate.to(remote, { batch_size: 500, batches_limit: 2 });
      uploaded += push.docs_written;
    }
    return {
      sent: before.sent + after.sent,
      received: before.received + after.received,
      waiting: after.waiting,
      refused: after.refused,
      kept: [...before.kept, ...after.kept],
      rolledBack: [...before.rolledBack, ...after.rolledBack],
      uploaded,
      downloaded: pull.docs_written,
      pushedTo: typeof push.last_seq === 'number' ? push.last_seq : null,
    };
  }

  async close(): Promise<void> {
    await this.bridge.close();
    await this.replica.close();
  }
}

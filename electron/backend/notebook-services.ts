/**
 * What runs beside the open notebook: its search index, the reader of its names (for entity
 * suggestions), automatic snapshots, sharing with the team's server, and the forwarding of its
 * changes to the windows. The app (app.ts) starts them when a notebook opens and stops them before
 * it closes; each is tied to one notebook, so a switch never serves the old one's.
 */
import type { AppOptions } from './app-options';
import { type ChangeFeed, eventOf } from './changes';
import type { NameReader } from './entities/name-reader';
import type { SearchIndex } from './search/service';
import { Notebook } from './store/notebook';
import type { SnapshotPolicy } from './store/snapshot-policy';
import type { Snapshotter } from './store/snapshots';
import { DossierError } from '../../shared/api/result';
import type { SyncRound } from '../../shared/api/contract-sync';
import type { SyncStatus } from '../../shared/domain/sync';
import { SNAPSHOT_POLICY } from './store/snapshot-policy';
import type { SnapshotInfo } from './store/snapshots';
import { remoteAddress } from './sync/remote';
import { environmentSecrets, memorySecrets, Sharing, type SecretStore, type SharingOptions } from './sync/sharing';

/** A team server and database to share through, with the reporter's name and password there. */
export interface ShareInput {
  server: string;
  database: string;
  username: string | null;
  password: string | null;
}

/** What a colleague changed since a snapshot (see {@link NotebookServices.snapshotChanges}). */
export interface SnapshotChange {
  id: string;
  by: string | null;
  at: string;
  how: 'added' | 'edited' | 'deleted';
  what: string;
}

/** How long after the last sources arrived the names of their texts start to be read (an import's batches come closer together). */
const READ_NAMES_AFTER_MS = 5_000;

export class NotebookServices {
  /** The open notebook's sharing with its team's server, when it is shared. */
  sharing: Sharing | null = null;
  /** Why sharing of the open notebook is not running, when it could not start. */
  sharingProblem: string | null = null;
  searchIndex: SearchIndex | null = null;
  private nameReader: NameReader | null = null;
  private snapshotter: Snapshotter | null = null;
  private stopReadingNames: (() => void) | null = null;
  private stopForwarding: (() => void) | null = null;
  /** Where this host keeps passwords of team servers (one store for the app's life). */
  private secrets: SecretStore | null = null;

  constructor(
    private readonly options: AppOptions,
    private readonly changes: ChangeFeed,
    private readonly author: () => string | null,
    /** The snapshot schedule now (false: none). */
    private readonly policy: () => SnapshotPolicy | false,
  ) {}

  /**
   * The notebook's search index, built in the background when the notebook opens and kept current
   * by its changes. Another notebook closes the old index.
   */
  async search(notebook: Notebook): Promise<SearchIndex> {
    // The search engine and its libraries load on the first search (`dossier sources` never needs them).
    const { SearchIndex } = await import('./search/service');
    if (this.searchIndex?.notebook !== notebook) {
      void this.searchIndex?.close();
      this.searchIndex = new SearchIndex(notebook, { inThread: this.options.searchInThread });
    }
    return this.searchIndex;
  }

  /**
   * What the notebook's texts name, for the entity suggestions: read by a worker in the background
   * a few seconds after sources arrive (an import, a colleague's sync), so the suggestions are
   * ready when the reporter asks. Another notebook closes the old reader.
   */
  async names(notebook: Notebook): Promise<NameReader> {
    const { NameReader } = await import('./entities/name-reader');
    if (this.nameReader?.nb !== notebook) {
      void this.nameReader?.close();
      this.nameReader = new NameReader(notebook, { inThread: this.options.searchInThread, onProgress: () => this.changes.publish({ kind: 'names' }) });
    }
    return this.nameReader;
  }

  /** Starts building the notebook's search index, so the first search does not wait for all of it. */
  warm(notebook: Notebook | null): void {
    if (notebook && this.options.warmSearch) void this.search(notebook);
  }

  /**
   * Opens a notebook folder and, in the app's hosts, starts its search index at the same time:
   * the index's workers load their saved parts while the notebook reads its files.
   */
  async open(dir: string, asReader = false): Promise<{ notebook: Notebook; index: SearchIndex | null }> {
    const index = this.options.warmSearch ? (await import('./search/service')).SearchIndex.prepare(dir, { inThread: this.options.searchInThread }) : null;
    try {
      const notebook = await Notebook.open(dir, { asReader });
      return { notebook, index: index?.attach(notebook) ?? null };
    } catch (e) {
      await index?.close();
      throw e;
    }
  }

  /** Closes the search index and the names reader (before their notebook closes, or its folder is replaced). */
  async closeReaders(): Promise<void> {
    this.stopReadingNames?.();
    this.stopReadingNames = null;
    const reader = this.nameReader;
    this.nameReader = null;
    await reader?.close();
    const index = this.searchIndex;
    this.searchIndex = null;
    await index?.close();
  }

  /** Starts what runs beside `nb`: change forwarding, names reading, snapshots, and sharing when it is shared. */
  async start(nb: Notebook): Promise<void> {
    // Every change of the notebook, whoever made it, goes to the windows.
    this.stopForwarding = nb.onChange((c) => this.changes.publish(eventOf(c)));
    // The apps read the names of new sources in the background; the CLI reads them when asked.
    if (this.options.host !== 'cli') {
      this.stopReadingNames = nb.onChange((c) => {
        if (c.kind === 'sources-added') void this.names(nb).then((reader) => reader.later(READ_NAMES_AFTER_MS));
      });
    }
    if (nb.readOnly) {
      // A shared notebook that cannot be written does not sync; it says so, instead of "not shared".
      const config = await Sharing.readConfig(nb).catch(() => null);
      if (config?.enabled) this.sharingProblem = `This notebook is shared through ${config.server}, but it is open read-only (${nb.readOnly}): nothing is sent or taken in until it can be written.`;
      return;
    }
    await this.startSnapshots(nb);
    try {
      this.sharing = await Sharing.start(nb, this.sharingOptions());
    } catch (e) {
      // The notebook opens whatever the server says; the status line says why sharing is not running.
      this.sharingProblem = `Sharing could not start: ${(e as Error).message}`;
    }
  }

  /** Stops what {@link start} started, except the search index (which saves itself when its notebook closes). */
  async stop(): Promise<void> {
    this.stopForwarding?.();
    this.stopForwarding = null;
    this.stopReadingNames?.();
    this.stopReadingNames = null;
    const reader = this.nameReader;
    this.nameReader = null;
    await reader?.close();
    await this.stopSnapshots();
    await this.stopSharing();
    this.sharingProblem = null;
  }

  /** Takes automatic snapshots of `nb` by the policy now (none for a read-only notebook). */
  async startSnapshots(nb: Notebook): Promise<void> {
    const policy = this.policy();
    if (!policy || nb.readOnly || this.snapshotter) return;
    const { Snapshotter } = await import('./store/snapshots');
    this.snapshotter = new Snapshotter(nb, policy);
    await this.snapshotter.start();
  }

  /** Stops automatic snapshots; `final` takes the last one of a closing notebook (not before a restore). */
  async stopSnapshots(final?: boolean): Promise<void> {
    const snapshotter = this.snapshotter;
    this.snapshotter = null;
    await snapshotter?.stop(final);
  }

  /** Stops sharing (its replica closes); the notebook stays shared, and sharing starts again with {@link start}. */
  async stopSharing(): Promise<void> {
    const sharing = this.sharing;
    this.sharing = null;
    await sharing?.stop();
  }

  /** How this host shares: continuously in the apps, a round at a time in the CLI. */
  sharingOptions(): SharingOptions {
    return {
      secrets: (this.secrets ??= this.options.services?.secrets ?? (this.options.host === 'cli' ? environmentSecrets() : memorySecrets())),
      author: this.author,
      live: this.options.host !== 'cli',
      onStatus: () => this.changes.publish({ kind: 'sharing' }),
      retryMaxMs: this.options.syncRetryMaxMs ?? (Number(process.env.DOSSIER_SYNC_RETRY_MAX_MS) || undefined),
    };
  }

  /** The notebook's sharing state. */
  syncStatus(): SyncStatus {
    return this.sharing ? this.sharing.status() : { shared: false };
  }

  /** The notebook's sharing, or a refusal that says what to do. */
  requireSharing(): Sharing {
    if (this.sharing) return this.sharing;
    throw new DossierError('NOT_FOUND', this.sharingProblem ?? 'This notebook is not shared. Share it first (Notebook → Share…, or dossier share).');
  }

  /**
   * Shares `nb` through a server (see Sharing.share). Shared already through the same server, the
   * reporter gives the name or password anew; through another, it is refused.
   */
  async share(nb: Notebook, input: ShareInput): Promise<{ status: SyncStatus; round: SyncRound }> {
    const address = remoteAddress(input.server, input.database);
    if (this.sharing) {
      const { server, database } = this.sharing.config;
      if (server !== address.server || database !== address.database)
        throw new DossierError('ALREADY_EXISTS', `This notebook is already shared through ${server}/${database}. Turn sharing off first to share it elsewhere.`);
      await this.stopSharing();
    }
    const { sharing, round } = await Sharing.share(nb, { ...input, create: true }, this.sharingOptions());
    this.sharing = sharing;
    this.sharingProblem = null;
    return { status: sharing.status(), round };
  }

  /** Turns sharing off for `nb`; what it holds stays. */
  async turnOff(nb: Notebook): Promise<SyncStatus> {
    this.requireSharing();
    await this.stopSharing();
    await Sharing.turnOff(nb);
    return { shared: false };
  }

  /** The notebook's snapshots, newest first. */
  async listSnapshots(nb: Notebook): Promise<SnapshotInfo[]> {
    return (await import('./store/snapshots')).listSnapshots(nb.paths.dir);
  }

  /** Takes a snapshot of `nb` now, and prunes by the policy. */
  async takeSnapshot(nb: Notebook): Promise<SnapshotInfo> {
    const { pruneSnapshots, takeSnapshot } = await import('./store/snapshots');
    const taken = await takeSnapshot(nb);
    await pruneSnapshots(nb.paths.dir, this.policy() || SNAPSHOT_POLICY);
    return taken;
  }

  /**
   * What colleagues changed since snapshot `name` was taken (nothing, for a notebook that is not
   * shared): what restoring it keeps, or rolls back for the team.
   */
  async snapshotChanges(nb: Notebook, name: string): Promise<SnapshotChange[]> {
    const { listSnapshots, takenAtOf } = await import('./store/snapshots');
    const takenAt = takenAtOf(name);
    if (!takenAt || !(await listSnapshots(nb.paths.dir)).some((s) => s.name === name))
      throw new DossierError('NOT_FOUND', `There is no snapshot ${name} in this notebook (see the list of snapshots).`);
    return this.sharing ? this.sharing.colleagueChangesSince(takenAt) : [];
  }
}

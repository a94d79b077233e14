/**
 * The backend as one object: the open notebook and the app's memory of notebooks. Every host
 * (Electron main, the browser-mode HTTP host, the CLI) makes one of these and serves the API
 * handlers built on it.
 */
import { rename, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { DossierError } from '../../shared/api/result';
import { folderNameFor, type NotebookInfo, type NotebookSession } from '../../shared/domain/notebook';
import { AppStateStore, withRecent, type AppStateFile } from './app-state';
import { SettingsStore } from './settings';
import { DEFAULT_SETTINGS, Settings, type SettingsPatch } from '../../shared/domain/settings';
import { AUTHOR_MAX_LENGTH } from '../../shared/domain/author';
import { ImportJobs } from './import/jobs';
import { ExtractorPool } from './import/pool';
import { SearchIndex } from './search/service';
import { NameReader } from './entities/name-reader';
import { ChangeFeed, eventOf } from './changes';
import { chromiumPrinter, type PdfPrinter } from './factsheet/pdf';
import { createSampleNotebook } from './sample/sample';
import { Notebook } from './store/notebook';
import { restoreBackup } from './store/backup';
import { checkImportFile } from './files';
import { Tasks, type TaskControl } from './tasks';
import type { SyncStatus } from '../../shared/domain/sync';
import type { SyncRound } from '../../shared/api/contract-sync';
import { noteSnapshotRestore, restoreReconciled } from './sync/recovery';
import { remoteAddress } from './sync/remote';
import { environmentSecrets, memorySecrets, Sharing, type SecretStore, type SharingOptions } from './sync/sharing';
import {
  listSnapshots,
  prepareSnapshotRestore,
  pruneSnapshots,
  SNAPSHOT_POLICY,
  Snapshotter,
  swapInSnapshot,
  takeSnapshot,
  takenAtOf,
  type SnapshotInfo,
  type SnapshotPolicy,
} from './store/snapshots';

/** Which process hosts the backend. */
export type HostKind = 'electron' | 'browser' | 'cli';

/** What only some hosts can do. */
export interface HostServices {
  /** Shows the system's folder dialog; null when the user cancels. */
  chooseFolder?: (purpose: 'open' | 'create') => Promise<string | null>;
  /** Shows the system's dialog for files and folders to import; empty when the user cancels. */
  chooseImportPaths?: () => Promise<string[]>;
  /** Shows the system's save dialog for an export; null when the user cancels. */
  chooseSavePath?: (suggestedName: string, extension: string) => Promise<string | null>;
  /** Prints a self-contained HTML page to PDF (the desktop app: Electron's printToPDF); Chromium headless otherwise. */
  printPdf?: PdfPrinter;
  /** Where passwords of team servers are kept (the desktop app: encrypted by the system's keychain). */
  secrets?: SecretStore;
}

export interface AppOptions {
  host: HostKind;
  version: string;
  /** The folder with sample.json and the sample's article files. */
  seedsDir: string;
  /**
   * Where the app keeps state.json and its notebooks. Null for the CLI, which never changes what
   * the desktop app reopens.
   */
  dataDir: string | null;
  services?: HostServices;
  /** Build the search index as soon as a notebook opens (the app's hosts); otherwise on the first search. */
  warmSearch?: boolean;
  /** Run the search engine on the calling thread (the CLI, which answers one query and exits). */
  searchInThread?: boolean;
  /**
   * A notebook folder to open at start instead of the last one (`dossier serve --notebook DIR`).
   * It joins the recent list; the sample is not made. If it cannot be opened, start fails.
   */
  openAtStart?: string;
  /**
   * Automatic snapshots of the open notebook (store/snapshots.ts): the policy, or false for none.
   * By default the app hosts take them (SNAPSHOT_POLICY, or DOSSIER_SNAPSHOTS="every=60,hourly=24,daily=7")
   * and the CLI does not.
   */
  snapshots?: SnapshotPolicy | false;
  /**
   * The longest wait between two tries to reach a team's server while offline, in milliseconds
   * (60 s unless given, or DOSSIER_SYNC_RETRY_MAX_MS; tests shorten it).
   */
  syncRetryMaxMs?: number;
}

/** The snapshot policy from DOSSIER_SNAPSHOTS ("every=MINUTES,hourly=N,daily=N", "off"), else the default. */
export function snapshotPolicyFromEnv(value = process.env.DOSSIER_SNAPSHOTS): SnapshotPolicy | false {
  if (!value) return SNAPSHOT_POLICY;
  if (value === 'off') return false;
  const policy = { ...SNAPSHOT_POLICY };
  for (const part of value.split(',')) {
    const m = /^(every|hourly|daily)=(\d{1,6})$/.exec(part.trim());
    if (!m || Number(m[2]) < 1) throw new DossierError('INVALID_INPUT', `DOSSIER_SNAPSHOTS: “${part}” is not every=MINUTES, hourly=N or daily=N (each at least 1), or off.`);
    policy[m[1] === 'every' ? 'everyMinutes' : (m[1] as 'hourly' | 'daily')] = Number(m[2]);
  }
  return policy;
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null)) !== null;
}

/** How long after the last sources arrived the names of their texts start to be read (an import's batches come closer together). */
const READ_NAMES_AFTER_MS = 5_000;

export class DossierApp {
  notebook: Notebook | null = null;
  startupProblem: string | null = null;
  private state: AppStateFile = { lastNotebook: null, recent: [], sampleCreated: false };
  private readonly stateStore: AppStateStore | null;
  private queue: Promise<unknown> = Promise.resolve();
  private pool: ExtractorPool | null = null;

  private jobs: ImportJobs | null = null;
  /** Backups and restores running now, which the user may follow and cancel. */
  readonly tasks = new Tasks();
  /** Takes automatic snapshots of the open notebook (none for the CLI). */
  private snapshotter: Snapshotter | null = null;
  private searchIndex: SearchIndex | null = null;
  private nameReader: NameReader | null = null;
  private stopReadingNames: (() => void) | null = null;
  private stopForwarding: (() => void) | null = null;
  /** What changed, for the hosts to send to their windows (shared/api/changes.ts). */
  readonly changes = new ChangeFeed();
  /** The open notebook's sharing with its team's server, when it is shared. */
  sharing: Sharing | null = null;
  /** Where this host keeps passwords of team servers (one store for the app's life). */
  private secrets: SecretStore | null = null;
  /** Why sharing of the open notebook is not running, when it could not start. */
  sharingProblem: string | null = null;

  /** Prints a fact sheet's page to PDF with the host's browser engine. */
  readonly printPdf: PdfPrinter = (html) => (this.options.services?.printPdf ?? chromiumPrinter())(html);

  /**
   * The search index of the open notebook, built in the background when the notebook opens and
   * kept current by its changes. A notebook switch closes the old index.
   */
  search(): SearchIndex {
    const notebook = this.requireNotebook();
    if (this.searchIndex?.notebook !== notebook) {
      void this.searchIndex?.close();
      this.searchIndex = new SearchIndex(notebook, { inThread: this.options.searchInThread });
    }
    return this.searchIndex;
  }

  /**
   * What the open notebook's texts name, for the entity suggestions: read by a worker in the
   * background a few seconds after sources arrive (an import, a colleague's sync), so the
   * suggestions are ready when the reporter asks. A notebook switch closes the old reader.
   */
  names(): NameReader {
    const notebook = this.requireNotebook();
    if (this.nameReader?.nb !== notebook) {
      void this.nameReader?.close();
      this.nameReader = new NameReader(notebook, { inThread: this.options.searchInThread, onProgress: () => this.changes.publish({ kind: 'names' }) });
    }
    return this.nameReader;
  }

  private async closeNames(): Promise<void> {
    this.stopReadingNames?.();
    this.stopReadingNames = null;
    const reader = this.nameReader;
    this.nameReader = null;
    await reader?.close();
  }

  /** Starts building the open notebook's search index, so the first search does not wait for all of it. */
  warmSearch(): void {
    if (this.notebook && this.options.warmSearch) this.search();
  }

  /**
   * Opens a notebook folder and, in the app's hosts, starts its search index at the same time:
   * the index's workers load their saved parts while the notebook reads its files.
   */
  private async openWithIndex(dir: string, asReader = false): Promise<{ notebook: Notebook; index: SearchIndex | null }> {
    const index = this.options.warmSearch ? SearchIndex.prepare(dir, { inThread: this.options.searchInThread }) : null;
    try {
      const notebook = await Notebook.open(dir, { asReader });
      return { notebook, index: index?.attach(notebook) ?? null };
    } catch (e) {
      await index?.close();
      throw e;
    }
  }

  /** The worker pool that reads imported files, started on first use. */
  get extractor(): ExtractorPool {
    return (this.pool ??= new ExtractorPool());
  }

  /** The import jobs (read, review, save), over the worker pool. */
  get importJobs(): ImportJobs {
    const pool = this.extractor;
    return (this.jobs ??= new ImportJobs((name, bytes) => pool.extract(name, bytes)));
  }

  private snapshotPolicy: SnapshotPolicy | false;
  private readonly settingsStore: SettingsStore | null;
  private currentSettings: Settings = DEFAULT_SETTINGS;

  private constructor(readonly options: AppOptions) {
    this.snapshotPolicy = options.snapshots ?? (options.dataDir ? snapshotPolicyFromEnv() : false);
    this.stateStore = options.dataDir ? new AppStateStore(options.dataDir) : null;
    this.settingsStore = options.dataDir ? new SettingsStore(options.dataDir) : null;
  }

  /** The app's settings (the defaults where the host keeps none, as the CLI). */
  get settings(): Settings {
    return this.currentSettings;
  }

  /** The snapshot schedule: a test's or DOSSIER_SNAPSHOTS' when given, else the settings'. */
  private policyFromSettings(s: Settings): SnapshotPolicy | false {
    if (this.options.snapshots !== undefined || process.env.DOSSIER_SNAPSHOTS) return this.snapshotPolicy;
    return s.snapshots.everyMinutes === 0 ? false : { everyMinutes: s.snapshots.everyMinutes, hourly: s.snapshots.hourly, daily: s.snapshots.daily };
  }

  /** Changes settings, keeps them, and applies the snapshot schedule to the open notebook at once. */
  updateSettings(patch: SettingsPatch): Promise<Settings> {
    return this.serial(async () => {
      if (!this.settingsStore) throw new DossierError('UNSUPPORTED', 'The command line keeps no settings; they belong to the app.');
      if (patch.notebookFolder) {
        const s = await stat(patch.notebookFolder).catch(() => null);
        if (!s?.isDirectory()) throw new DossierError('NOT_FOUND', `There is no folder at ${patch.notebookFolder}; choose a folder that exists for new notebooks.`);
      }
      const next = Settings.parse({ ...this.currentSettings, ...patch });
      await this.settingsStore.write(next);
      this.currentSettings = next;
      const policy = this.policyFromSettings(next);
      if (JSON.stringify(policy) !== JSON.stringify(this.snapshotPolicy)) {
        this.snapshotPolicy = policy;
        await this.snapshotter?.stop();
        this.snapshotter = null;
        if (policy && this.notebook && !this.notebook.readOnly) {
          this.snapshotter = new Snapshotter(this.notebook, policy);
          await this.snapshotter.start();
        }
      }
      return next;
    });
  }

  /**
   * Starts the backend. With a data folder it reopens the last notebook, or on the very first
   * start creates and opens the sample. A last notebook that cannot be opened leaves the app with
   * no notebook and a `startupProblem` saying why.
   */
  static async start(options: AppOptions): Promise<DossierApp> {
    const app = new DossierApp(options);
    if (!app.stateStore) return app;
    const read = await app.settingsStore!.read();
    app.currentSettings = read.settings;
    app.snapshotPolicy = app.policyFromSettings(read.settings);
    const { state, problem } = await app.stateStore.read();
    app.startupProblem = [problem, read.problem].filter(Boolean).join(' ') || null;
    if (state) app.state = state;
    if (options.openAtStart) {
      ({ notebook: app.notebook, index: app.searchIndex } = await app.openWithIndex(options.openAtStart));
      await app.remember();
      await app.startServices(app.notebook);
      return app;
    }
    if (state) {
      if (state.lastNotebook) {
        try {
          ({ notebook: app.notebook, index: app.searchIndex } = await app.openWithIndex(state.lastNotebook));
        } catch (e) {
          app.startupProblem = `Could not reopen your last notebook: ${(e as Error).message}`;
        }
      }
      if (app.notebook) await app.startServices(app.notebook);
      return app;
    }
    app.notebook = await createSampleNotebook(options.seedsDir, await app.freeFolder('Operation P-Hunt (sample)'));
    app.state = withRecent({ ...app.state, sampleCreated: true }, app.notebook.paths.dir, app.notebook.info.name);
    await app.stateStore.write(app.state);
    app.warmSearch();
    await app.startServices(app.notebook);
    return app;
  }

  /** The folder where new notebooks go when the user does not choose one. */
  get notebooksDir(): string {
    if (!this.options.dataDir) throw new DossierError('UNSUPPORTED', 'Give a folder for the notebook.');
    return join(this.options.dataDir, 'notebooks');
  }

  private async freeFolder(name: string, inFolder: string | null = null): Promise<string> {
    const base = join(inFolder ?? this.notebooksDir, folderNameFor(name));
    for (let i = 1; ; i++) {
      const candidate = i === 1 ? base : `${base}-${i}`;
      if (!(await exists(candidate))) return candidate;
    }
  }

  /** Runs app-level changes one at a time, so two quick clicks cannot open two notebooks. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The open notebook, or NO_NOTEBOOK. */
  /** Who is editing, as edits record it: the display name in the settings, else DOSSIER_AUTHOR; null when neither is set. */
  author(): string | null {
    const name = (this.currentSettings.displayName ?? process.env.DOSSIER_AUTHOR ?? '').trim();
    return name === '' ? null : name.slice(0, AUTHOR_MAX_LENGTH);
  }

  requireNotebook(): Notebook {
    if (!this.notebook) throw new DossierError('NO_NOTEBOOK', 'No notebook is open. Create or open one first.');
    return this.notebook;
  }

  /** The open notebook when it can be changed: an import into a read-only one is refused before any file is read. */
  requireWritable(): Notebook {
    const notebook = this.requireNotebook();
    notebook.assertWritable();
    return notebook;
  }

  get recent(): AppStateFile['recent'] {
    return this.state.recent;
  }

  /** Where the reporter was in the open notebook when they left it. */
  get session(): NotebookSession | null {
    const dir = this.notebook?.paths.dir;
    return dir ? (this.state.sessions?.[dir] ?? null) : null;
  }

  /** Remembers where the reporter is in the open notebook; sessions of notebooks no longer recent are dropped. */
  saveSession(session: NotebookSession): Promise<boolean> {
    return this.serial(async () => {
      const dir = this.notebook?.paths.dir;
      if (!this.stateStore || !dir) return false;
      const keep = new Set(this.state.recent.map((r) => r.path));
      const sessions = Object.fromEntries(Object.entries({ ...(this.state.sessions ?? {}), [dir]: session }).filter(([path]) => keep.has(path)));
      this.state = { ...this.state, sessions };
      await this.stateStore.write(this.state);
      return true;
    });
  }

  /** Whether a link may open the web browser without asking (the reporter said so once). */
  get externalLinksConfirmed(): boolean {
    return this.state.externalLinksConfirmed === true;
  }

  /** Remembers "don't ask again" for links that open the web browser. */
  async confirmExternalLinks(): Promise<void> {
    this.state = { ...this.state, externalLinksConfirmed: true };
    await this.stateStore?.write(this.state);
  }

  /** What runs beside an open notebook: automatic snapshots, and sharing when the notebook is shared. */
  private async startServices(nb: Notebook): Promise<void> {
    // Every change of the notebook, whoever made it, goes to the windows.
    this.stopForwarding = nb.onChange((c) => this.changes.publish(eventOf(c)));
    // The apps read the names of new sources in the background; the CLI reads them when asked.
    if (this.options.host !== 'cli') {
      this.stopReadingNames = nb.onChange((c) => {
        if (c.kind === 'sources-added' && this.notebook === nb) this.names().later(READ_NAMES_AFTER_MS);
      });
    }
    if (nb.readOnly) {
      // A shared notebook that cannot be written does not sync; it says so, instead of "not shared".
      const config = await Sharing.readConfig(nb).catch(() => null);
      if (config?.enabled) this.sharingProblem = `This notebook is shared through ${config.server}, but it is open read-only (${nb.readOnly}): nothing is sent or taken in until it can be written.`;
      return;
    }
    if (this.snapshotPolicy) {
      this.snapshotter = new Snapshotter(nb, this.snapshotPolicy);
      await this.snapshotter.start();
    }
    try {
      this.sharing = await Sharing.start(nb, this.sharingOptions());
    } catch (e) {
      // The notebook opens whatever the server says; the status line says why sharing is not running.
      this.sharingProblem = `Sharing could not start: ${(e as Error).message}`;
    }
  }

  private async stopServices(): Promise<void> {
    this.stopForwarding?.();
    this.stopForwarding = null;
    await this.closeNames();
    await this.snapshotter?.stop();
    this.snapshotter = null;
    const sharing = this.sharing;
    this.sharing = null;
    this.sharingProblem = null;
    await sharing?.stop();
  }

  /** How this host shares: continuously in the apps, a round at a time in the CLI. */
  sharingOptions(): SharingOptions {
    return {
      secrets: (this.secrets ??= this.options.services?.secrets ?? (this.options.host === 'cli' ? environmentSecrets() : memorySecrets())),
      author: () => this.author(),
      live: this.options.host !== 'cli',
      onStatus: () => this.changes.publish({ kind: 'sharing' }),
      retryMaxMs: this.options.syncRetryMaxMs ?? (Number(process.env.DOSSIER_SYNC_RETRY_MAX_MS) || undefined),
    };
  }

  /** Makes `next` the open notebook (with its index, when one was started), closing the previous one only once the new one is open. */
  private async switchTo(next: Notebook, nextIndex: SearchIndex | null = null): Promise<NotebookInfo> {
    const previous = this.notebook;
    // The old notebook's index saves itself into that notebook's folder before the folder is let go.
    const index = this.searchIndex;
    this.searchIndex = nextIndex;
    this.notebook = next;
    this.startupProblem = null;
    await this.stopServices();
    await this.startServices(next);
    await index?.close();
    await previous?.close();
    this.warmSearch();
    await this.remember();
    this.changes.publish({ kind: 'notebook' });
    return next.info;
  }

  private async remember(): Promise<void> {
    if (!this.stateStore || !this.notebook) return;
    this.state = withRecent(this.state, this.notebook.paths.dir, this.notebook.info.name);
    await this.stateStore.write(this.state);
  }

  /** Opens a notebook folder; on failure the current notebook stays open. */
  openNotebook(path: string, options: { asReader?: boolean } = {}): Promise<NotebookInfo> {
    return this.serial(async () => {
      const dir = resolve(path);
      if (this.notebook?.paths.dir === dir) return this.notebook.info;
      const { notebook, index } = await this.openWithIndex(dir, options.asReader === true);
      return this.switchTo(notebook, index);
    });
  }

  /** Creates a notebook (in the notebooks folder unless a path is given) and opens it. */
  createNotebook(name: string, path?: string): Promise<NotebookInfo> {
    return this.serial(async () => {
      const dir = path ? resolve(path) : await this.freeFolder(name, this.currentSettings.notebookFolder);
      return this.switchTo(await Notebook.create(dir, { name }));
    });
  }

  /**
   * Restores a backup archive (a file on this machine) into `path`, or into the notebooks folder
   * under a folder named after it, and opens it.
   */
  restoreNotebook(archivePath: string, path?: string, control?: TaskControl): Promise<NotebookInfo> {
    return this.serial(async () => {
      await checkImportFile(archivePath);
      let dir = path ? resolve(path) : null;
      if (!dir) {
        // The name is only known from inside the archive: restore to a free folder of the archive's file name first.
        dir = await this.freeFolder(
          basename(archivePath)
            .replace(/\.(zip|dossier)$/i, '')
            .replace(/-backup.*$/, '') || 'restored',
        );
      }
      await restoreBackup(archivePath, dir, { control });
      return this.switchTo(await Notebook.open(dir));
    });
  }

  /** Renames the open notebook. */
  renameNotebook(name: string): Promise<NotebookInfo> {
    return this.serial(async () => {
      const notebook = this.requireNotebook();
      await notebook.rename(name);
      await this.remember();
      return notebook.info;
    });
  }

  /**
   * Makes a fresh sample and opens it. The old sample folder, with whatever the user wrote in it,
   * is renamed to a dated backup first.
   */
  recreateSample(): Promise<NotebookInfo> {
    return this.serial(async () => {
      const target = join(this.notebooksDir, folderNameFor('Operation P-Hunt (sample)'));
      if (this.notebook?.paths.dir === target) {
        await this.closeNames();
        await this.searchIndex?.close();
        this.searchIndex = null;
        await this.notebook.close();
        this.notebook = null;
      }
      if (await exists(target)) {
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        await rename(target, `${target}.backup-${stamp}`);
      }
      const sample = await createSampleNotebook(this.options.seedsDir, target);
      this.state = { ...this.state, sampleCreated: true };
      return this.switchTo(sample);
    });
  }

  /** The open notebook's sharing state. */
  syncStatus(): SyncStatus {
    if (this.sharing) return this.sharing.status();
    return { shared: false };
  }

  /** The open notebook's sharing, or a refusal that says what to do. */
  requireSharing(): Sharing {
    if (this.sharing) return this.sharing;
    throw new DossierError('NOT_FOUND', this.sharingProblem ?? 'This notebook is not shared. Share it first (Notebook → Share…, or dossier share).');
  }

  /** Shares the open notebook through a server (see Sharing.share). */
  shareNotebook(input: { server: string; database: string; username: string | null; password: string | null }): Promise<{ status: SyncStatus; round: SyncRound }> {
    return this.serial(async () => {
      const nb = this.requireWritable();
      const address = remoteAddress(input.server, input.database);
      if (this.sharing) {
        const { server, database } = this.sharing.config;
        if (server !== address.server || database !== address.database)
          throw new DossierError('ALREADY_EXISTS', `This notebook is already shared through ${server}/${database}. Turn sharing off first to share it elsewhere.`);
        // The same server again: the reporter gives the name or password anew (a password this machine does not know, a changed one).
        const previous = this.sharing;
        this.sharing = null;
        await previous.stop();
      }
      const { sharing, round } = await Sharing.share(nb, { ...input, create: true }, this.sharingOptions());
      this.sharing = sharing;
      this.sharingProblem = null;
      return { status: sharing.status(), round };
    });
  }

  /** Opens a notebook colleagues share: a new notebook here, filled from the server, then open. */
  joinNotebook(input: { server: string; database: string; username: string | null; password: string | null; path?: string }): Promise<{ notebook: NotebookInfo; round: SyncRound }> {
    return this.serial(async () => {
      remoteAddress(input.server, input.database);
      const dir = input.path ? resolve(input.path) : await this.freeFolder(input.database, this.currentSettings.notebookFolder);
      const nb = await Notebook.create(dir, { name: input.database });
      let shared: { sharing: Sharing; round: SyncRound };
      try {
        shared = await Sharing.share(nb, { ...input, create: false, joining: true }, this.sharingOptions());
      } catch (e) {
        // Nothing of a notebook that could not be joined is left behind.
        await nb.close();
        await rm(dir, { recursive: true, force: true }).catch(() => undefined);
        throw e;
      }
      await shared.sharing.stop();
      const info = await this.switchTo(nb);
      return { notebook: info, round: shared.round };
    });
  }

  /** Turns sharing off for the open notebook; what it holds stays. */
  stopSharing(): Promise<SyncStatus> {
    return this.serial(async () => {
      const nb = this.requireWritable();
      const sharing = this.requireSharing();
      this.sharing = null;
      await sharing.stop();
      await Sharing.turnOff(nb);
      return { shared: false };
    });
  }

  /** The open notebook's snapshots, newest first. */
  listSnapshots(): Promise<SnapshotInfo[]> {
    return listSnapshots(this.requireNotebook().paths.dir);
  }

  /** Takes a snapshot of the open notebook now (and prunes by the policy). */
  takeSnapshot(): Promise<SnapshotInfo> {
    return this.serial(async () => {
      const notebook = this.requireNotebook();
      const taken = await takeSnapshot(notebook);
      await pruneSnapshots(notebook.paths.dir, this.snapshotPolicy || SNAPSHOT_POLICY);
      return taken;
    });
  }

  /**
   * What colleagues changed since snapshot `name` was taken (nothing, for a notebook that is not
   * shared): what restoring it keeps, or rolls back for the team with `forTeam`.
   */
  async snapshotChanges(name: string): Promise<{ id: string; by: string | null; at: string; how: 'added' | 'edited' | 'deleted'; what: string }[]> {
    const dir = this.requireNotebook().paths.dir;
    const takenAt = takenAtOf(name);
    if (!takenAt || !(await listSnapshots(dir)).some((s) => s.name === name)) throw new DossierError('NOT_FOUND', `There is no snapshot ${name} in this notebook (see the list of snapshots).`);
    return this.sharing ? this.sharing.colleagueChangesSince(takenAt) : [];
  }

  /**
   * Restores the open notebook as it was at snapshot `name` (a snapshot of the present state is
   * taken first) and reopens it. A snapshot that would not make a whole notebook changes nothing.
   */
  restoreSnapshot(name: string, control?: TaskControl, forTeam = false): Promise<NotebookInfo & { kept: { id: string; by: string | null }[]; rolledBack: { id: string; by: string | null }[] }> {
    return this.serial(async () => {
      const notebook = this.requireNotebook();
      const dir = notebook.paths.dir;
      const building = await prepareSnapshotRestore(notebook, name, control);
      const snapshotter = this.snapshotter;
      this.snapshotter = null;
      await snapshotter?.stop(false);
      // The replica lives in the folder being swapped: it is closed first, and reopened after.
      const sharing = this.sharing;
      this.sharing = null;
      await sharing?.stop();
      await this.closeNames();
      await this.searchIndex?.close();
      this.searchIndex = null;
      await notebook.close();
      this.notebook = null;
      // A team notebook's bridge learns that what will differ is a restore, which rolls back only
      // this reporter's own edits (sync/recovery.ts); written before the swap, so a crash cannot lose it.
      const restore = { snapshot: name, takenAt: takenAtOf(name)!, forTeam };
      try {
        await noteSnapshotRestore(dir, restore);
        await swapInSnapshot(dir, building);
      } catch (e) {
        await restoreReconciled(dir).catch(() => undefined);
        await rm(building, { recursive: true, force: true }).catch(() => undefined);
        await this.switchTo(await Notebook.open(dir));
        throw new DossierError('IO_ERROR', `Could not put the snapshot in place: ${(e as Error).message}. The notebook is as it was.`);
      }
      const info = await this.switchTo(await Notebook.open(dir));
      // In a team notebook, what the restore kept of colleagues' work is said with its result.
      // (switchTo started sharing again: read it afresh, not as set to null above.)
      const reopened = this.sharing as Sharing | null;
      const reconciled = (await reopened?.reconcileHere().catch(() => null)) ?? { kept: [], rolledBack: [] };
      return { ...info, ...reconciled };
    });
  }

  /** Closes the open notebook and releases its lock. */
  async close(): Promise<void> {
    await this.queue;
    await this.stopServices();
    await this.pool?.close();
    this.pool = null;
    this.jobs = null;
    await this.searchIndex?.close();
    this.searchIndex = null;
    await this.notebook?.close();
    this.notebook = null;
    this.changes.close();
  }
}

/**
 * The backend as one object: the open notebook and the app's memory of notebooks. Every host
 * (Electron main, the browser-mode HTTP host, the CLI) makes one of these and serves the API
 * handlers built on it.
 */
import { rename, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { DossierError } from '../../shared/api/result';
import type { SyncRound } from '../../shared/api/contract-sync';
import { AUTHOR_MAX_LENGTH } from '../../shared/domain/author';
import { folderNameFor, type NotebookInfo, type NotebookSession, type RecentNotebook } from '../../shared/domain/notebook';
import { DEFAULT_SETTINGS, Settings, type SettingsPatch } from '../../shared/domain/settings';
import type { SyncStatus } from '../../shared/domain/sync';
import { snapshotPolicyFromEnv, type AppOptions } from './app-options';
import { AppMemory } from './app-state';
import { ChangeFeed } from './changes';
import type { NameReader } from './entities/name-reader';
import type { PdfPrinter } from './factsheet/pdf';
import { checkImportFile } from './files';
import type { ImportJobs } from './import/jobs';
import type { ExtractorPool } from './import/pool';
import { NotebookServices, type ShareInput, type SnapshotChange } from './notebook-services';
import type { SearchIndex } from './search/service';
import { SettingsStore } from './settings';
import { Notebook } from './store/notebook';
import type { SnapshotPolicy } from './store/snapshot-policy';
import type { SnapshotInfo } from './store/snapshots';
import { remoteAddress } from './sync/remote';
import { Sharing, type SharingOptions } from './sync/sharing';
import { Tasks, type TaskControl } from './tasks';

export type { AppOptions, HostKind, HostServices } from './app-options';
export { snapshotPolicyFromEnv } from './app-options';

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null)) !== null;
}

export class DossierApp {
  notebook: Notebook | null = null;
  startupProblem: string | null = null;
  private readonly memory: AppMemory;
  private queue: Promise<unknown> = Promise.resolve();
  private pool: ExtractorPool | null = null;
  private jobs: ImportJobs | null = null;
  /** Backups and restores running now, which the user may follow and cancel. */
  readonly tasks = new Tasks();
  /** What changed, for the hosts to send to their windows (shared/api/changes.ts). */
  readonly changes = new ChangeFeed();
  /** The search index, names, snapshots and sharing of the open notebook. */
  private readonly services: NotebookServices;

  /** Prints a fact sheet's page to PDF with the host's browser engine. */
  readonly printPdf: PdfPrinter = async (html) => (this.options.services?.printPdf ?? (await import('./factsheet/pdf')).chromiumPrinter())(html);

  /** The open notebook's sharing with its team's server, when it is shared. */
  get sharing(): Sharing | null {
    return this.services.sharing;
  }

  /** Why sharing of the open notebook is not running, when it could not start. */
  get sharingProblem(): string | null {
    return this.services.sharingProblem;
  }

  /** The open notebook's search index (see NotebookServices.search). */
  search(): Promise<SearchIndex> {
    return this.services.search(this.requireNotebook());
  }

  /** What the open notebook's texts name, for the entity suggestions (see NotebookServices.names). */
  names(): Promise<NameReader> {
    return this.services.names(this.requireNotebook());
  }

  /** Starts building the open notebook's search index, so the first search does not wait for all of it. */
  warmSearch(): void {
    this.services.warm(this.notebook);
  }

  /** The worker pool that reads imported files, started on first use. */
  async extractor(): Promise<ExtractorPool> {
    const { ExtractorPool } = await import('./import/pool');
    return (this.pool ??= new ExtractorPool());
  }

  /** The import jobs (read, review, save), over the worker pool. */
  async importJobs(): Promise<ImportJobs> {
    const pool = await this.extractor();
    const { ImportJobs } = await import('./import/jobs');
    return (this.jobs ??= new ImportJobs((name, bytes) => pool.extract(name, bytes)));
  }

  private snapshotPolicy: SnapshotPolicy | false;
  private readonly settingsStore: SettingsStore | null;
  private currentSettings: Settings = DEFAULT_SETTINGS;

  private constructor(readonly options: AppOptions) {
    this.snapshotPolicy = options.snapshots ?? (options.dataDir ? snapshotPolicyFromEnv() : false);
    this.memory = new AppMemory(options.dataDir);
    this.settingsStore = options.dataDir ? new SettingsStore(options.dataDir) : null;
    this.services = new NotebookServices(
      options,
      this.changes,
      () => this.author(),
      () => this.snapshotPolicy,
    );
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
        await this.services.stopSnapshots();
        if (this.notebook) await this.services.startSnapshots(this.notebook);
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
    if (!app.memory.kept) return app;
    const read = await app.settingsStore!.read();
    app.currentSettings = read.settings;
    app.snapshotPolicy = app.policyFromSettings(read.settings);
    const { state, problem } = await app.memory.read();
    app.startupProblem = [problem, read.problem].filter(Boolean).join(' ') || null;
    const services = app.services;
    if (options.openAtStart) {
      ({ notebook: app.notebook, index: services.searchIndex } = await services.open(options.openAtStart));
      await app.remember();
      await services.start(app.notebook);
      return app;
    }
    if (state) {
      if (state.lastNotebook) {
        try {
          ({ notebook: app.notebook, index: services.searchIndex } = await services.open(state.lastNotebook));
        } catch (e) {
          app.startupProblem = `Could not reopen your last notebook: ${(e as Error).message}`;
        }
      }
      if (app.notebook) await services.start(app.notebook);
      return app;
    }
    const { createSampleNotebook } = await import('./sample/sample');
    app.notebook = await createSampleNotebook(options.seedsDir, await app.freeFolder('Operation P-Hunt (sample)'));
    await app.memory.remember(app.notebook.paths.dir, app.notebook.info.name, { sampleCreated: true });
    app.warmSearch();
    await services.start(app.notebook);
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

  /** Who is editing, as edits record it: the display name in the settings, else DOSSIER_AUTHOR; null when neither is set. */
  author(): string | null {
    const name = (this.currentSettings.displayName ?? process.env.DOSSIER_AUTHOR ?? '').trim();
    return name === '' ? null : name.slice(0, AUTHOR_MAX_LENGTH);
  }

  /** The open notebook, or NO_NOTEBOOK. */
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

  get recent(): RecentNotebook[] {
    return this.memory.recent;
  }

  /** Where the reporter was in the open notebook when they left it. */
  get session(): NotebookSession | null {
    return this.notebook ? this.memory.sessionOf(this.notebook.paths.dir) : null;
  }

  /** Remembers where the reporter is in the open notebook. */
  saveSession(session: NotebookSession): Promise<boolean> {
    return this.serial(async () => (this.notebook ? this.memory.saveSession(this.notebook.paths.dir, session) : false));
  }

  /** Whether a link may open the web browser without asking (the reporter said so once). */
  get externalLinksConfirmed(): boolean {
    return this.memory.externalLinksConfirmed;
  }

  /** Remembers "don't ask again" for links that open the web browser. */
  confirmExternalLinks(): Promise<void> {
    return this.memory.confirmExternalLinks();
  }

  /** How this host shares (see NotebookServices.sharingOptions). */
  sharingOptions(): SharingOptions {
    return this.services.sharingOptions();
  }

  /** Makes `next` the open notebook (with its index, when one was started), closing the previous one only once the new one is open. */
  private async switchTo(next: Notebook, nextIndex: SearchIndex | null = null): Promise<NotebookInfo> {
    const previous = this.notebook;
    // The old notebook's index saves itself into that notebook's folder before the folder is let go.
    const index = this.services.searchIndex;
    this.services.searchIndex = nextIndex;
    this.notebook = next;
    this.startupProblem = null;
    await this.services.stop();
    await this.services.start(next);
    await index?.close();
    await previous?.close();
    this.warmSearch();
    await this.remember();
    this.changes.publish({ kind: 'notebook' });
    return next.info;
  }

  private async remember(): Promise<void> {
    if (this.notebook) await this.memory.remember(this.notebook.paths.dir, this.notebook.info.name);
  }

  /** Opens a notebook folder; on failure the current notebook stays open. */
  openNotebook(path: string, options: { asReader?: boolean } = {}): Promise<NotebookInfo> {
    return this.serial(async () => {
      const dir = resolve(path);
      if (this.notebook?.paths.dir === dir) return this.notebook.info;
      const { notebook, index } = await this.services.open(dir, options.asReader === true);
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
      const { restoreBackup } = await import('./store/backup');
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
        await this.services.closeReaders();
        await this.notebook.close();
        this.notebook = null;
      }
      if (await exists(target)) {
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        await rename(target, `${target}.backup-${stamp}`);
      }
      const { createSampleNotebook } = await import('./sample/sample');
      const sample = await createSampleNotebook(this.options.seedsDir, target);
      this.memory.sampleMade();
      return this.switchTo(sample);
    });
  }

  /** The open notebook's sharing state. */
  syncStatus(): SyncStatus {
    return this.services.syncStatus();
  }

  /** The open notebook's sharing, or a refusal that says what to do. */
  requireSharing(): Sharing {
    return this.services.requireSharing();
  }

  /** Shares the open notebook through a server (see NotebookServices.share). */
  shareNotebook(input: ShareInput): Promise<{ status: SyncStatus; round: SyncRound }> {
    return this.serial(() => this.services.share(this.requireWritable(), input));
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
    return this.serial(() => this.services.turnOff(this.requireWritable()));
  }

  /** The open notebook's snapshots, newest first. */
  listSnapshots(): Promise<SnapshotInfo[]> {
    return this.services.listSnapshots(this.requireNotebook());
  }

  /** Takes a snapshot of the open notebook now (and prunes by the policy). */
  takeSnapshot(): Promise<SnapshotInfo> {
    return this.serial(() => this.services.takeSnapshot(this.requireNotebook()));
  }

  /** What colleagues changed since snapshot `name` was taken (see NotebookServices.snapshotChanges). */
  snapshotChanges(name: string): Promise<SnapshotChange[]> {
    return this.services.snapshotChanges(this.requireNotebook(), name);
  }

  /**
   * Restores the open notebook as it was at snapshot `name` (a snapshot of the present state is
   * taken first) and reopens it. A snapshot that would not make a whole notebook changes nothing.
   */
  restoreSnapshot(name: string, control?: TaskControl, forTeam = false): Promise<NotebookInfo & { kept: { id: string; by: string | null }[]; rolledBack: { id: string; by: string | null }[] }> {
    return this.serial(async () => {
      const notebook = this.requireNotebook();
      const dir = notebook.paths.dir;
      const { prepareSnapshotRestore, swapInSnapshot, takenAtOf } = await import('./store/snapshots');
      const { noteSnapshotRestore, restoreReconciled } = await import('./sync/recovery');
      const building = await prepareSnapshotRestore(notebook, name, control);
      await this.services.stopSnapshots(false);
      // The replica lives in the folder being swapped: it is closed first, and reopened after.
      await this.services.stopSharing();
      await this.services.closeReaders();
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
      const reopened = this.services.sharing;
      const reconciled = (await reopened?.reconcileHere().catch(() => null)) ?? { kept: [], rolledBack: [] };
      return { ...info, ...reconciled };
    });
  }

  /** Closes the open notebook and releases its lock. */
  async close(): Promise<void> {
    await this.queue;
    await this.services.stop();
    await this.pool?.close();
    this.pool = null;
    this.jobs = null;
    await this.services.closeReaders();
    await this.notebook?.close();
    this.notebook = null;
    this.changes.close();
  }
}

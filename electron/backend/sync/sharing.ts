/**
 * Sharing of the open notebook with the team's server, as the app and the CLI run it: the
 * notebook's sharing settings (sync/share.json: which server and database, as whom; off until
 * turned on, per notebook), the password (never in the notebook: in the host's secret store), and
 * the state in words — synced, syncing N changes, offline since …, or what went wrong.
 *
 * The desktop and browser-mode apps sync continuously (CouchDB's live replication, retried with
 * back-off while offline, and the bridge run a moment after each edit); the CLI runs one round.
 */
import { z } from 'zod';
import { DossierError } from '../../../shared/api/result';
import type { SharedSyncStatus, SyncConflict, SyncStatus } from '../../../shared/domain/sync';
import type { Notebook } from '../store/notebook';
import { readJsonFile, serialize, writeFileDurably } from '../store/durable-file';
import type { Database, RecordDocBody } from './pouch';
import { remoteAddress, type RemoteAddress } from './remote';
import { remoteDatabase, ShareSession, syncPaths, type Credentials, type SyncRound } from './share';
import { mkdir } from 'node:fs/promises';

/** sync/share.json. */
export const ShareConfig = z
  .object({
    server: z.string().min(1),
    database: z.string().min(1),
    username: z.string().min(1).max(200).nullable(),
    sharedAt: z.iso.datetime(),
    enabled: z.boolean(),
  })
  .strict();
export type ShareConfig = z.infer<typeof ShareConfig>;

/**
 * Where a host keeps passwords. The desktop app encrypts them with the system's keychain
 * (Electron's safeStorage); browser mode keeps them in memory only; the CLI takes one from
 * DOSSIER_SYNC_PASSWORD each time and keeps none.
 */
export interface SecretStore {
  /** Said to the reporter: where the password goes. */
  readonly where: string;
  get(key: string): Promise<string | null>;
  /** Throws, saying why, when this host cannot keep a password safely. */
  set(key: string, secret: string): Promise<void>;
  remove(key: string): Promise<void>;
}

/** Passwords in memory only, until the process ends. */
export function memorySecrets(where = 'in memory only, until Dossier stops (this host has no safe place on disk for it)'): SecretStore {
  const secrets = new Map<string, string>();
  return {
    where,
    get: async (key) => secrets.get(key) ?? null,
    set: async (key, secret) => void secrets.set(key, secret),
    remove: async (key) => void secrets.delete(key),
  };
}

/** The CLI's: the password of DOSSIER_SYNC_PASSWORD, given each time, never kept. */
export function environmentSecrets(env: NodeJS.ProcessEnv = process.env): SecretStore {
  return {
    where: 'not kept: the command line takes it from DOSSIER_SYNC_PASSWORD each time',
    get: async () => env.DOSSIER_SYNC_PASSWORD ?? null,
    set: async () => undefined,
    remove: async () => undefined,
  };
}

const secretKey = (config: Pick<ShareConfig, 'server' | 'database' | 'username'>) => `${config.server}/${config.database}|${config.username ?? ''}`;

/** What went wrong with the server, in words a reporter can act on. */
export function describeSyncError(e: unknown, address: Pick<RemoteAddress, 'server' | 'database'>): { offline: boolean; message: string } {
  const err = e as { status?: number; name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  const host = (() => {
    try {
      return new URL(address.server).host;
    } catch {
      return address.server;
    }
  })();
  const code = err?.code ?? err?.cause?.code;
  if (err?.status === 401) return { offline: false, message: `${host} refused the name or password. Check them under Notebook → Share….` };
  if (err?.status === 403) return { offline: false, message: `${host} does not allow this account to change the database “${address.database}”. Ask whoever runs the server for access.` };
  if (err?.status === 404) return { offline: false, message: `There is no database “${address.database}” on ${host}. Check its name, or share the notebook first to create it.` };
  if (code && /CERT|SSL|TLS/i.test(code)) return { offline: false, message: `The certificate of ${host} could not be verified (${code}); nothing was sent. Check the address with whoever runs the server.` };
  if (code && /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH/.test(code)) return { offline: true, message: `${host} cannot be reached (${code}); edits wait here and go when it can.` };
  if (err?.name === 'TypeError' && /fetch failed/i.test(err.message ?? '')) return { offline: true, message: `${host} cannot be reached; edits wait here and go when it can.` };
  return { offline: false, message: `Syncing with ${host} failed: ${err?.message ?? String(e)}` };
}

export interface SharingOptions {
  secrets: SecretStore;
  /** The reporter's display name, written with each edit sent. */
  author(): string | null;
  /** Sync continuously (the apps) rather than a round at a time (the CLI). */
  live: boolean;
  /** Called when the state changes (the apps tell the window). */
  onStatus?: (status: SyncStatus) => void;
  /** Milliseconds after an edit before it is sent (the apps); edits close together go together. */
  settleMs?: number;
}

export class Sharing {
  private live: ReturnType<Database<RecordDocBody>['sync']> | null = null;
  private state: SharedSyncStatus['state'] = 'synced';
  private message = '';
  private offlineSince: string | null = null;
  private lastSyncedAt: string | null = null;
  private conflictCount = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private rounds: Promise<unknown> = Promise.resolve();
  private unsubscribe: () => void = () => undefined;
  private stopped = false;

  private constructor(
    readonly config: ShareConfig,
    private readonly address: RemoteAddress,
    private readonly session: ShareSession,
    private readonly remote: Database<RecordDocBody>,
    private readonly options: SharingOptions,
  ) {}

  /** The notebook's sharing settings, or null when it is not shared. */
  static async readConfig(nb: Notebook): Promise<ShareConfig | null> {
    return readJsonFile(syncPaths(nb.paths.dir).config, ShareConfig);
  }

  /**
   * Turns sharing on for a notebook: checks the address, reaches the server (creating the
   * database when `create`), keeps the password where the host keeps passwords, writes the
   * settings, and runs the first round. Nothing is written when the server cannot be reached or
   * refuses.
   */
  static async share(nb: Notebook, input: { server: string; database: string; username: string | null; password: string | null; create: boolean; joining?: boolean }, options: SharingOptions): Promise<{ sharing: Sharing; round: SyncRound }> {
    nb.assertWritable();
    const address = remoteAddress(input.server, input.database);
    const credentials: Credentials | null = input.username && input.password !== null ? { username: input.username, password: input.password } : null;
    if (input.username && input.password === null) throw new DossierError('INVALID_INPUT', `Give the password for ${input.username}${options.live ? '' : ' (in DOSSIER_SYNC_PASSWORD)'}.`);
    const remote = remoteDatabase(address, credentials, input.create);
    try {
      await remote.info();
    } catch (e) {
      await remote.close().catch(() => undefined);
      throw new DossierError(e && (e as { status?: number }).status === 404 ? 'NOT_FOUND' : 'IO_ERROR', describeSyncError(e, address).message);
    }
    const config: ShareConfig = { server: address.server, database: address.database, username: input.username, sharedAt: new Date().toISOString(), enabled: true };
    if (credentials) await options.secrets.set(secretKey(config), credentials.password);
    const paths = syncPaths(nb.paths.dir);
    await mkdir(paths.folder, { recursive: true });
    await writeFileDurably(paths.config, serialize(config));
    const session = await ShareSession.open(nb, options.author, { joining: input.joining ?? false });
    const sharing = new Sharing(config, address, session, remote, options);
    const round = await sharing.round();
    sharing.begin();
    return { sharing, round };
  }

  /** Turns sharing off in the notebook's settings (the replica stays, for when it is turned on again). */
  static async turnOff(nb: Notebook): Promise<void> {
    const config = await Sharing.readConfig(nb);
    if (!config) return;
    await writeFileDurably(syncPaths(nb.paths.dir).config, serialize({ ...config, enabled: false }));
  }

  /** Starts sharing for a notebook whose settings say it is shared (null when it is not, or sharing is off). */
  static async start(nb: Notebook, options: SharingOptions): Promise<Sharing | null> {
    const config = await Sharing.readConfig(nb);
    if (!config?.enabled) return null;
    const address = remoteAddress(config.server, config.database);
    const password = config.username ? await options.secrets.get(secretKey(config)) : null;
    const remote = remoteDatabase(address, config.username && password !== null ? { username: config.username, password } : null, false);
    const session = await ShareSession.open(nb, options.author);
    const sharing = new Sharing(config, address, session, remote, options);
    if (config.username && password === null) sharing.fail(`The password for ${config.username} on ${new URL(address.server).host} is not known here${options.live ? '; give it under Notebook → Share…' : ': set DOSSIER_SYNC_PASSWORD'}.`);
    else sharing.begin();
    return sharing;
  }

  /** After the settings are in place: the apps start live replication and follow edits. */
  private begin(): void {
    if (!this.options.live || this.stopped) return;
    this.unsubscribe = this.session.bridge.notebookEdits(() => this.schedule());
    const live = this.session.replica.sync(this.remote, { live: true, retry: true, batch_size: 500, back_off_function: (delay) => (delay === 0 ? 1000 : Math.min(delay * 2, 60_000)) });
    this.live = live;
    live.on('active', () => this.set('syncing'));
    live.on('change', (info: { direction?: string }) => {
      if (info.direction === 'pull') this.schedule();
    });
    live.on('paused', (err: unknown) => {
      if (err) {
        const { offline, message } = describeSyncError(err, this.address);
        if (offline) {
          this.offlineSince ??= new Date().toISOString();
          this.message = message;
          this.set('offline');
        } else this.fail(message);
        return;
      }
      this.offlineSince = null;
      this.lastSyncedAt = new Date().toISOString();
      this.set(this.session.bridge.pending > 0 ? 'syncing' : 'synced');
    });
    live.on('denied', (err: unknown) => this.fail(describeSyncError(err, this.address).message));
    live.on('error', (err: unknown) => this.fail(describeSyncError(err, this.address).message));
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.bridgeRound().catch((e: unknown) => this.fail(`Sharing stopped taking edits: ${(e as Error).message}`));
    }, this.options.settleMs ?? 250);
  }

  private async bridgeRound(): Promise<void> {
    const run = this.rounds.then(() => this.session.bridge.round());
    this.rounds = run.catch(() => undefined);
    const round = await run;
    if (round.refused.length > 0) this.message = `${round.refused.length} record${round.refused.length === 1 ? '' : 's'} from the server could not be taken in (dossier sync lists them).`;
    this.conflictCount = (await this.session.bridge.conflicts()).length;
    this.emit();
  }

  private fail(message: string): void {
    this.message = message;
    this.set('error');
  }

  private set(state: SharedSyncStatus['state']): void {
    this.state = state;
    if (state !== 'error' && state !== 'offline') this.message = '';
    this.emit();
  }

  private emit(): void {
    this.options.onStatus?.(this.status());
  }

  /** One round with the server now (the CLI's `dossier sync`, and the apps' Sync now). */
  async round(): Promise<SyncRound> {
    const run = this.rounds.then(async () => {
      this.set('syncing');
      try {
        const round = await this.session.syncOnce(this.remote);
        this.lastSyncedAt = new Date().toISOString();
        this.offlineSince = null;
        this.conflictCount = (await this.session.bridge.conflicts()).length;
        this.set('synced');
        return round;
      } catch (e) {
        const { offline, message } = describeSyncError(e, this.address);
        if (offline) this.offlineSince ??= new Date().toISOString();
        this.message = message;
        this.set(offline ? 'offline' : 'error');
        throw new DossierError('IO_ERROR', message);
      }
    });
    this.rounds = run.catch(() => undefined);
    return run;
  }

  /** The state in words, for the status line and `dossier sync`. */
  status(): SharedSyncStatus {
    const host = new URL(this.address.server).host;
    const pending = this.session.bridge.pending;
    const words =
      this.state === 'error'
        ? this.message
        : this.state === 'offline'
          ? `Offline since ${this.offlineSince} — ${pending > 0 ? `${pending} edit${pending === 1 ? '' : 's'} wait` : 'edits wait'} here and go when ${host} can be reached.`
          : this.state === 'syncing'
            ? `Syncing${pending > 0 ? ` ${pending} change${pending === 1 ? '' : 's'}` : ''} with ${host}…`
            : `Synced with ${host}${this.lastSyncedAt ? ` at ${this.lastSyncedAt}` : ''}.`;
    return {
      shared: true,
      server: this.address.server,
      database: this.address.database,
      username: this.config.username,
      state: this.state,
      pending,
      offlineSince: this.offlineSince,
      lastSyncedAt: this.lastSyncedAt,
      conflicts: this.conflictCount,
      message: words,
      passwordKept: this.options.secrets.where,
    };
  }

  conflicts(): Promise<SyncConflict[]> {
    return this.session.bridge.conflicts();
  }

  async resolve(id: string, choice: { keep: string } | { body: unknown }): Promise<void> {
    await this.session.bridge.resolve(id, choice);
    this.conflictCount = (await this.session.bridge.conflicts()).length;
    this.emit();
  }

  /** Stops replication and closes the replica; the notebook stays open. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.unsubscribe();
    this.live?.cancel();
    await this.rounds;
    await this.session.close();
    await this.remote.close().catch(() => undefined);
  }
}

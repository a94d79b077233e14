/**
 * Sharing of the open notebook with the team's server, as the app and the CLI run it: the
 * notebook's sharing settings (sync/share.json: which server and database, as whom; off until
 * turned on, per notebook), the password (never in the notebook: in the host's secret store), and
 * the state in words — synced, syncing N changes, offline since …, or what went wrong.
 *
 * The desktop and browser-mode apps sync continuously (CouchDB's live replication, retried with
 * back-off while offline, and the bridge run a moment after each edit); the CLI runs one round.
 */
import * as z from 'zod';
import { DossierError } from '../../../shared/api/result';
import type { SharedSyncStatus, SyncConflict, SyncStatus } from '../../../shared/domain/sync';
import type { Notebook } from '../store/notebook';
import { readJsonFile, serialize, writeFileDurably } from '../store/durable-file';
import type { Database, RecordDocBody } from './pouch';
import { collectNow, holdLeanHeap } from './heap';
import { remoteAddress, type RemoteAddress } from './remote';
// The sync stack (PouchDB, LevelDB, its HTTP client) loads when a notebook is shared or opened
// shared, not with every command: `dossier sources` has no use for it.
import type { Credentials, ShareSession, SyncRound } from './share';
import { syncPaths } from './paths';
const shareModule = () => import('./share');
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

/** How the status begins when edits could not be moved between the notebook and its replica. */
const BRIDGE_FAILED = 'Sharing stopped taking edits: ';

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
  if (code === 'DOSSIER_REDIRECT_REFUSED' && err.message) return { offline: false, message: err.message };
  if (err?.status === 401) return { offline: false, message: `${host} refused the name or password: check them and give them again.` };
  if (err?.status === 403) return { offline: false, message: `${host} does not allow this account to change the database “${address.database}”. Ask whoever runs the server for access.` };
  if (err?.status === 404) return { offline: false, message: `There is no database “${address.database}” on ${host}. Check its name, or share the notebook first to create it.` };
  if (code && /CERT|SSL|TLS/i.test(code))
    return { offline: false, message: `The certificate of ${host} could not be verified (${code}); nothing was sent. Check the address with whoever runs the server.` };
  if (code && /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|ECONNABORTED|EPIPE|EHOSTUNREACH|ENETUNREACH|ENETDOWN|ERR_STREAM_PREMATURE_CLOSE|UND_ERR_SOCKET/.test(code))
    return { offline: true, message: `${host} cannot be reached (${code}); edits wait here and go when it can.` };
  if (err?.name === 'TypeError' && /fetch failed/i.test(err.message ?? '')) return { offline: true, message: `${host} cannot be reached; edits wait here and go when it can.` };
  return { offline: false, message: `Syncing with ${host} failed: ${errorWords(e)}` };
}

/** An error's words, whatever its shape (PouchDB passes on a server's answer as a plain object). */
function errorWords(e: unknown): string {
  const err = e as { message?: unknown; reason?: unknown; error?: unknown; status?: unknown } | null;
  // The server's own words first; PouchDB's message for a failed batch says nothing of why.
  if (typeof err?.reason === 'string' && err.reason.trim() !== '') return err.reason;
  if (typeof err?.status === 'number' && err.status >= 400) return `the server answered with an error (HTTP ${err.status}) and gave no reason`;
  for (const words of [err?.message, err?.error]) if (typeof words === 'string' && words.trim() !== '') return words;
  return e instanceof Error || typeof e !== 'object' ? String(e) : 'the server gave no reason';
}

/** What a snapshot restore here left as colleagues made it, in words. */
export function keptWords(kept: readonly { id: string; by: string | null }[]): string {
  const who = [...new Set(kept.map((k) => k.by ?? 'someone unnamed'))].join(', ');
  return `The snapshot was restored here; ${kept.length} record${kept.length === 1 ? '' : 's'} that colleagues changed since it (${who}) ${kept.length === 1 ? 'was' : 'were'} kept as they are now, not rolled back for the team.`;
}

/** Passes documents the server's connection refused to the bridge, which lists them (the connection is made before the bridge opens). */
function toBridge(): { bridge: Pick<ShareSession['bridge'], 'refuseFromServer'> | null; refused(id: string, reason: string): void } {
  const holder = {
    bridge: null as Pick<ShareSession['bridge'], 'refuseFromServer'> | null,
    refused: (id: string, reason: string) => holder.bridge?.refuseFromServer(id, reason),
  };
  return holder;
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
  /** The longest wait between two tries while the server cannot be reached (60 s unless given). */
  retryMaxMs?: number;
}

export class Sharing {
  /** The apps' live replications with the server, one each way. */
  private readonly replications: { cancel(): void }[] = [];
  /** The directions moving documents now. */
  private readonly active = new Set<'push' | 'pull'>();
  /** A direction the server cannot be reached in, or that failed, with the words for it. */
  private readonly stuck = new Map<'push' | 'pull', { state: 'offline' | 'error'; message: string }>();
  /** What stops sync now, when something does: the server out of reach, or an error to act on. */
  private problem: { state: 'offline' | 'error'; message: string } | null = null;
  /** A one-off round with the server is running. */
  private replicating = false;
  /** A bridge round is waiting or running. */
  private bridging = false;
  /** Said beside the state: records the server sent that could not be taken in. */
  private note = '';
  /** What the last snapshot restore kept of colleagues' work (said until the notebook closes). */
  private restoreNote = '';
  private offlineSince: string | null = null;
  private lastSyncedAt: string | null = null;
  private conflictCount = 0;
  /**
   * Changes in the replica the server does not have yet (the apps' live sync): counted from the
   * replica's sequence after the last change the push replication checkpointed, never from events
   * alone (a push can catch up before the bridge round that wrote to the replica has returned).
   */
  private unsent = 0;
  /** The replica's sequence up to which the server has everything; null until known this session. */
  private pushedSeq: number | null = null;
  private unsentCount = 0;
  /** Records taken in from colleagues since sharing started here (the window reloads what it shows when this grows). */
  private received = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private rounds: Promise<unknown> = Promise.resolve();
  private unsubscribe: () => void = () => undefined;
  private stopped = false;
  private releaseHeap: (() => void) | null = null;
  /** While bridge rounds fail: the wait before the next try (0: none failed). */
  private bridgeRetryMs = 0;
  /** Why no round can run: the password is not known here (a round would only be refused by the server). */
  private noPassword: string | null = null;

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
  static async share(
    nb: Notebook,
    input: { server: string; database: string; username: string | null; password: string | null; create: boolean; joining?: boolean },
    options: SharingOptions,
  ): Promise<{ sharing: Sharing; round: SyncRound }> {
    nb.assertWritable();
    const address = remoteAddress(input.server, input.database);
    const credentials: Credentials | null = input.username && input.password !== null ? { username: input.username, password: input.password } : null;
    if (input.username && input.password === null) throw new DossierError('INVALID_INPUT', `Give the password for ${input.username}${options.live ? '' : ' (in DOSSIER_SYNC_PASSWORD)'}.`);
    const refusals = toBridge();
    const { remoteDatabase, ShareSession } = await shareModule();
    const remote = remoteDatabase(address, credentials, input.create, refusals.refused);
    try {
      await remote.info();
    } catch (e) {
      await remote.close().catch(() => undefined);
      // Nothing is shared yet: no edit waits for this server, and the words must not say one does.
      const { offline, message } = describeSyncError(e, address);
      const said = offline
        ? `${message.replace(/; edits wait here and go when it can\.$/, '.')} The notebook was not shared and nothing was changed: share it again once the server is running and reachable from here.`
        : `The notebook was not shared: ${message}`;
      throw new DossierError(e && (e as { status?: number }).status === 404 ? 'NOT_FOUND' : 'IO_ERROR', said);
    }
    const config: ShareConfig = { server: address.server, database: address.database, username: input.username, sharedAt: new Date().toISOString(), enabled: true };
    if (credentials) await options.secrets.set(secretKey(config), credentials.password);
    const paths = syncPaths(nb.paths.dir);
    await mkdir(paths.folder, { recursive: true });
    await writeFileDurably(paths.config, serialize(config));
    const session = await ShareSession.open(nb, options.author, { joining: input.joining ?? false });
    refusals.bridge = session.bridge;
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
    const refusals = toBridge();
    const { remoteDatabase, ShareSession } = await shareModule();
    const remote = remoteDatabase(address, config.username && password !== null ? { username: config.username, password } : null, false, refusals.refused);
    const session = await ShareSession.open(nb, options.author);
    refusals.bridge = session.bridge;
    const sharing = new Sharing(config, address, session, remote, options);
    if (config.username && password === null) {
      sharing.noPassword = `The password for ${config.username} on ${new URL(address.server).host} is not known here${options.live ? '; give it under Notebook → Share…' : ': DOSSIER_SYNC_PASSWORD is not set (give the password in it)'}. Nothing was sent.`;
      sharing.fail(sharing.noPassword);
    } else sharing.begin();
    return sharing;
  }

  /** After the settings are in place: the apps start live replication and follow edits. */
  private begin(): void {
    if (!this.options.live || this.stopped) return;
    this.unsubscribe = this.session.bridge.notebookEdits(() => this.schedule());
    // Edits made while the app was closed (or sharing was off) are found and sent first.
    this.schedule();
    const options = { live: true, retry: true, batch_size: 500, batches_limit: 2, back_off_function: (delay: number) => Math.min(delay === 0 ? 1000 : delay * 2, this.options.retryMaxMs ?? 60_000) };
    // One replication each way, so that each says when it is stuck (a combined sync hides the error of one side).
    const directions = [
      ['push', this.session.replica.replicate.to(this.remote, options)],
      ['pull', this.session.replica.replicate.from(this.remote, options)],
    ] as const;
    for (const [direction, replication] of directions) {
      this.replications.push(replication);
      replication.on('active', () => {
        this.active.add(direction);
        this.emit();
      });
      replication.on('change', () => {
        if (direction === 'pull') this.schedule();
      });
      if (direction === 'push')
        replication.on('checkpoint', (info: unknown) => {
          const seq = (info as { checkpoint?: unknown }).checkpoint;
          if (typeof seq === 'number') this.pushedUpTo(seq);
        });
      replication.on('paused', (err: unknown) => {
        this.active.delete(direction);
        if (err) {
          const { offline, message } = describeSyncError(err, this.address);
          if (offline) this.offlineSince ??= new Date().toISOString();
          this.stuck.set(direction, { state: offline ? 'offline' : 'error', message });
        } else {
          this.stuck.delete(direction);
          // Caught up with every change it saw; a change written since starts the push again.
          if (direction === 'push') void this.replicaSeq().then((seq) => seq !== null && this.pushedUpTo(seq));
          if (this.stuck.size === 0) {
            if (this.problem?.state === 'offline') this.problem = null;
            this.offlineSince = null;
            this.lastSyncedAt = new Date().toISOString();
          }
        }
        this.emit();
      });
      const refused = (err: unknown) => {
        this.stuck.set(direction, { state: 'error', message: describeSyncError(err, this.address).message });
        this.emit();
      };
      replication.on('denied', refused);
      replication.on('error', refused);
    }
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.bridging = true;
    const delay = this.bridgeRetryMs > 0 ? this.bridgeRetryMs : (this.options.settleMs ?? 250);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.bridgeRound()
        .then(() => {
          // A round that failed (a full disk, a file in the way) and now went through: the error is over.
          this.bridgeRetryMs = 0;
          if (this.problem?.message.startsWith(BRIDGE_FAILED)) this.problem = null;
        })
        .catch((e: unknown) => {
          this.fail(`${BRIDGE_FAILED}${(e as Error).message}`);
          // Tried again by itself, less often each time: the reporter need not press Sync now once the disk has room.
          this.bridgeRetryMs = Math.min(Math.max(1000, this.bridgeRetryMs * 2), this.options.retryMaxMs ?? 60_000);
          this.schedule();
        })
        .finally(() => {
          this.bridging = this.timer !== null;
          this.emit();
        });
    }, delay);
  }

  private async bridgeRound(): Promise<void> {
    const run = this.rounds.then(() => this.session.bridge.round());
    this.rounds = run.catch(() => undefined);
    const round = await run;
    // Said at once (the push may not have started yet), then counted from the replica.
    this.unsent += round.sent;
    this.countUnsent();
    this.received += round.received;
    this.note = round.refused.length > 0 ? ` ${round.refused.length} record${round.refused.length === 1 ? '' : 's'} from the server could not be taken in (dossier sync lists them).` : '';
    // What a restore kept of colleagues' work stays said while this session runs, not just until the next round.
    if (round.kept.length > 0) this.restoreNote = ` ${keptWords(round.kept)}`;
    this.conflictCount = (await this.session.bridge.conflicts()).length;
  }

  /**
   * Moves edits between the notebook and its replica now, without the server (a snapshot restore
   * just swapped the notebook in: what it kept of colleagues' work is known from this round).
   * Answers the records it kept as colleagues left them, and those it rolled back over them.
   */
  async reconcileHere(): Promise<{ kept: { id: string; by: string | null }[]; rolledBack: { id: string; by: string | null }[] }> {
    const run = this.rounds.then(() => this.session.bridge.round());
    this.rounds = run.catch(() => undefined);
    const round = await run;
    if (round.kept.length > 0) this.restoreNote = ` ${keptWords(round.kept)}`;
    this.emit();
    return { kept: round.kept, rolledBack: round.rolledBack };
  }

  /** What colleagues changed since a time (a snapshot's), newest first (Bridge.colleagueChangesSince). */
  colleagueChangesSince(since: string): ReturnType<ShareSession['bridge']['colleagueChangesSince']> {
    return this.session.bridge.colleagueChangesSince(since);
  }

  private async replicaSeq(): Promise<number | null> {
    const seq = (await this.session.replica.info().catch(() => null))?.update_seq;
    return typeof seq === 'number' ? seq : null;
  }

  /** The server has every change of the replica up to `seq`. */
  private pushedUpTo(seq: number): void {
    if (this.pushedSeq !== null && seq <= this.pushedSeq) return;
    this.pushedSeq = seq;
    this.countUnsent();
  }

  /** Counts the replica's changes after `pushedSeq` (the latest count wins; the status is told). */
  private countUnsent(): void {
    const since = this.pushedSeq;
    if (since === null || this.stopped) return;
    const count = ++this.unsentCount;
    void this.session.replica
      .changes({ since, return_docs: true })
      .then(({ results }) => {
        if (count !== this.unsentCount || this.stopped) return;
        this.unsent = results.length;
        this.emit();
      })
      .catch(() => undefined);
  }

  private fail(message: string): void {
    this.problem = { state: 'error', message };
    this.emit();
  }

  private offline(message: string): void {
    this.offlineSince ??= new Date().toISOString();
    this.problem = { state: 'offline', message };
    this.emit();
  }

  /** What stops sync now: a problem of the bridge or the password first, then a failed direction, then one out of reach. */
  private get blocker(): { state: 'offline' | 'error'; message: string } | null {
    const stuck = [...this.stuck.values()];
    return this.problem ?? stuck.find((p) => p.state === 'error') ?? stuck[0] ?? null;
  }

  private get state(): SharedSyncStatus['state'] {
    const blocker = this.blocker;
    if (blocker) return blocker.state;
    return this.replicating || this.active.size > 0 || this.bridging || this.session.bridge.pending + this.unsent > 0 ? 'syncing' : 'synced';
  }

  private emit(): void {
    // The heap is kept lean while records move (heap.ts).
    const busy = !this.stopped && (this.replicating || this.active.size > 0 || this.bridging);
    if (busy && !this.releaseHeap) this.releaseHeap = holdLeanHeap();
    else if (!busy && this.releaseHeap) {
      this.releaseHeap();
      this.releaseHeap = null;
    }
    this.options.onStatus?.(this.status());
  }

  /** One round with the server now (the CLI's `dossier sync`, and the apps' Sync now). */
  async round(): Promise<SyncRound> {
    if (this.noPassword) throw new DossierError('INVALID_INPUT', this.noPassword);
    const run = this.rounds.then(async () => {
      this.replicating = true;
      this.emit();
      // A round may move the whole notebook: the lean heap's limit holds from its start (heap.ts).
      collectNow();
      try {
        const before = await this.replicaSeq();
        const round = await this.session.syncOnce(this.remote);
        // What is left to send is counted from where the push ended (counting from the round's
        // start would read every change of a first share back, seconds of work on a large notebook).
        const pushed = round.pushedTo ?? before;
        if (pushed !== null) this.pushedUpTo(pushed);
        this.received += round.received;
        this.lastSyncedAt = new Date().toISOString();
        this.offlineSince = null;
        this.problem = null;
        this.conflictCount = (await this.session.bridge.conflicts()).length;
        return round;
      } catch (e) {
        const { offline, message } = describeSyncError(e, this.address);
        if (offline) this.offline(message);
        else this.fail(message);
        throw new DossierError('IO_ERROR', message);
      } finally {
        this.replicating = false;
        this.emit();
      }
    });
    this.rounds = run.catch(() => undefined);
    return run;
  }

  /** The state in words, for the status line and `dossier sync`. */
  status(): SharedSyncStatus {
    const host = new URL(this.address.server).host;
    const pending = this.session.bridge.pending + this.unsent;
    const state = this.state;
    const words =
      state === 'error'
        ? (this.blocker?.message ?? '')
        : state === 'offline'
          ? `Offline since ${this.offlineSince} — ${pending > 0 ? `${pending} edit${pending === 1 ? '' : 's'} wait` : 'edits wait'} here and go when ${host} can be reached.`
          : state === 'syncing'
            ? `Syncing${pending > 0 ? ` ${pending} change${pending === 1 ? '' : 's'}` : ''} with ${host}…`
            : `Synced with ${host}${this.lastSyncedAt ? ` at ${this.lastSyncedAt}` : ''}.`;
    return {
      shared: true,
      server: this.address.server,
      database: this.address.database,
      username: this.config.username,
      state,
      pending,
      offlineSince: this.offlineSince,
      lastSyncedAt: this.lastSyncedAt,
      conflicts: this.conflictCount,
      received: this.received,
      message: words + this.note + this.restoreNote,
      passwordKept: this.options.secrets.where,
    };
  }

  conflicts(): Promise<SyncConflict[]> {
    return this.session.bridge.conflicts();
  }

  async resolve(id: string, choice: { keep: string } | { body: unknown }): Promise<void> {
    await this.session.bridge.resolve(id, choice);
    this.conflictCount = (await this.session.bridge.conflicts()).length;
    this.received += 1;
    this.emit();
  }

  /** Stops replication and closes the replica; the notebook stays open. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.unsubscribe();
    for (const r of this.replications) r.cancel();
    await this.rounds;
    this.releaseHeap?.();
    this.releaseHeap = null;
    await this.session.close();
    await this.remote.close().catch(() => undefined);
  }
}

/**
 * What the app remembers between starts, in <dataDir>/state.json: the last notebook and the
 * recent ones, and whether the sample was already created (it is made on first start only).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { NotebookSession, RecentNotebook } from '../../shared/domain/notebook';
import { quarantineFile } from './store/quarantine';
import { CorruptFileError, readJsonFile, serialize, writeFileDurably } from './store/durable-file';

const MAX_RECENT = 12;

/** state.json. */
export const AppStateFile = z.object({
  lastNotebook: z.string().nullable(),
  recent: z.array(RecentNotebook),
  sampleCreated: z.boolean(),
  /** The reporter said "don't ask again" before a link opened the web browser (desktop app). */
  externalLinksConfirmed: z.boolean().default(false),
  /** Per notebook folder, where the reporter was when they left it (at most as many as the recent list). */
  sessions: z.record(z.string(), NotebookSession).default({}),
});
export type AppStateFile = z.input<typeof AppStateFile>;

/** Reads and writes state.json in the app's data folder. */
export class AppStateStore {
  readonly file: string;
  constructor(readonly dataDir: string) {
    this.file = join(dataDir, 'state.json');
  }

  /**
   * The saved state, or null on first start. A damaged state.json is set aside and the app
   * starts as if for the first time, except that the sample is not made again.
   */
  async read(): Promise<{ state: AppStateFile | null; problem: string | null }> {
    try {
      return { state: await readJsonFile(this.file, AppStateFile), problem: null };
    } catch (e) {
      if (!(e instanceof CorruptFileError)) throw e;
      const keptAt = await quarantineFile(join(this.dataDir, 'quarantine'), this.file);
      return {
        state: { lastNotebook: null, recent: [], sampleCreated: true },
        problem: `Dossier's list of recent notebooks was damaged and has been reset (${e.message}; kept at ${keptAt}). Your notebooks are untouched: open them again from their folders.`,
      };
    }
  }

  async write(state: AppStateFile): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    await writeFileDurably(this.file, serialize(state));
  }
}

/** Puts a notebook at the top of the recent list (once, newest first, at most twelve). */
export function withRecent(state: AppStateFile, path: string, name: string): AppStateFile {
  const entry = { path, name, openedAt: new Date().toISOString() };
  return { ...state, lastNotebook: path, recent: [entry, ...state.recent.filter((r) => r.path !== path)].slice(0, MAX_RECENT) };
}

/**
 * The app's memory between starts (state.json), as the app uses it: a host without a data folder
 * (the CLI) remembers nothing, and never changes what the desktop app reopens.
 */
export class AppMemory {
  private state: AppStateFile = { lastNotebook: null, recent: [], sampleCreated: false };
  private readonly store: AppStateStore | null;

  constructor(dataDir: string | null) {
    this.store = dataDir ? new AppStateStore(dataDir) : null;
  }

  /** Whether this host keeps a memory at all. */
  get kept(): boolean {
    return this.store !== null;
  }

  /** Reads state.json: null on the very first start; a problem when it was damaged and reset. */
  async read(): Promise<{ state: AppStateFile | null; problem: string | null }> {
    if (!this.store) return { state: null, problem: null };
    const read = await this.store.read();
    if (read.state) this.state = read.state;
    return read;
  }

  get recent(): AppStateFile['recent'] {
    return this.state.recent;
  }

  /** Puts a notebook at the top of the recent list and makes it the one reopened next time. */
  async remember(path: string, name: string, changes: Partial<AppStateFile> = {}): Promise<void> {
    this.state = withRecent({ ...this.state, ...changes }, path, name);
    await this.store?.write(this.state);
  }

  /** Notes that the sample was made (it is made on first start only). */
  sampleMade(): void {
    this.state = { ...this.state, sampleCreated: true };
  }

  /** Where the reporter was in a notebook when they left it. */
  sessionOf(dir: string): NotebookSession | null {
    return this.state.sessions?.[dir] ?? null;
  }

  /** Remembers where the reporter is in a notebook; sessions of notebooks no longer recent are dropped. False where nothing is kept. */
  async saveSession(dir: string, session: NotebookSession): Promise<boolean> {
    if (!this.store) return false;
    const keep = new Set(this.state.recent.map((r) => r.path));
    const sessions = Object.fromEntries(Object.entries({ ...(this.state.sessions ?? {}), [dir]: session }).filter(([path]) => keep.has(path)));
    this.state = { ...this.state, sessions };
    await this.store.write(this.state);
    return true;
  }

  /** Whether a link may open the web browser without asking (the reporter said so once). */
  get externalLinksConfirmed(): boolean {
    return this.state.externalLinksConfirmed === true;
  }

  /** Remembers "don't ask again" for links that open the web browser. */
  async confirmExternalLinks(): Promise<void> {
    this.state = { ...this.state, externalLinksConfirmed: true };
    await this.store?.write(this.state);
  }
}

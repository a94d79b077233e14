/**
 * What the app remembers between starts, in <dataDir>/state.json: the last notebook and the
 * recent ones, and whether the sample was already created (it is made on first start only).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
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

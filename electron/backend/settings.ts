/**
 * The app's settings in <dataDir>/settings.json (see shared/domain/settings.ts). A damaged file is
 * set aside into quarantine/ and the defaults are used, with a note saying so; nothing written in
 * a notebook depends on it.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, Settings } from '../../shared/domain/settings';
import { quarantineFile } from './store/quarantine';
import { CorruptFileError, readJsonFile, serialize, writeFileDurably } from './store/durable-file';

export class SettingsStore {
  readonly file: string;
  constructor(readonly dataDir: string) {
    this.file = join(dataDir, 'settings.json');
  }

  /** The saved settings (the defaults when there is no file), and a problem in words when the file was damaged. */
  async read(): Promise<{ settings: Settings; problem: string | null }> {
    try {
      return { settings: (await readJsonFile(this.file, Settings)) ?? DEFAULT_SETTINGS, problem: null };
    } catch (e) {
      if (!(e instanceof CorruptFileError)) throw e;
      const keptAt = await quarantineFile(join(this.dataDir, 'quarantine'), this.file);
      return { settings: DEFAULT_SETTINGS, problem: `Dossier's settings were damaged and are back to their defaults (${e.message}; kept at ${keptAt}). Your notebooks are untouched.` };
    }
  }

  async write(settings: Settings): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    await writeFileDurably(this.file, serialize(settings));
  }
}

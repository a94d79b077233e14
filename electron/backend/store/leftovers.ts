/**
 * Temporary files that writes interrupted by a crash left behind in the folders of texts,
 * originals and packs. Nobody was told they were saved, so they are removed; they are never read
 * (their names start with a dot and end in `.tmp`), so this runs after the open, in the
 * background, without delaying it. Temporary files of this process's own writes in progress are
 * left alone. Those beside notebook.json and in `sources/` are removed during the open itself,
 * before anything can be written (write-file-atomic's own temporary names are not tracked).
 */
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMPS_IN_FLIGHT } from './durable-file';
import type { NotebookPaths } from './layout';

const LEFTOVER = /^\..+\.[0-9a-f]{12}\.tmp$/;

/** Removes the leftovers (see the module comment); answers how many there were. */
export async function removeLeftovers(paths: NotebookPaths): Promise<number> {
  let removed = 0;
  for (const folder of [paths.bodies, paths.originals, paths.packs]) {
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names) {
      const file = join(folder, name);
      if (!LEFTOVER.test(name) || TEMPS_IN_FLIGHT.has(file)) continue;
      await unlink(file).then(
        () => removed++,
        () => undefined,
      );
    }
  }
  return removed;
}

/** Removes the temporary files of interrupted writes of notebook.json, entities.json and factsheet.json; run during the open. */
export async function removeRootLeftovers(paths: NotebookPaths): Promise<void> {
  const names = await readdir(paths.dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => /^(notebook|entities|factsheet)\.json\.\d+$/.test(n)).map((n) => unlink(join(paths.dir, n)).catch(() => undefined)));
}

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether the process with this id is gone. */
export function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Where a notebook keeps what sharing needs, beside its records (not in backups or snapshots). */
import { join } from 'node:path';

export const syncPaths = (notebookDir: string) => ({
  folder: join(notebookDir, 'sync'),
  replica: join(notebookDir, 'sync', 'replica'),
  bases: join(notebookDir, 'sync', 'base'),
  /** Where a notebook shared before the bases moved into LevelDB kept them (taken in at open). */
  oldBaseLog: join(notebookDir, 'sync', 'base.jsonl'),
  config: join(notebookDir, 'sync', 'share.json'),
});

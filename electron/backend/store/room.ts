/**
 * What a notebook's rooms (sources.ts, annotations.ts, records.ts) share through the Notebook
 * facade: its folder, the check before a change, and the one place changes are announced.
 */
import type { NotebookProblem } from '../../../shared/domain/notebook';
import type { NotebookPaths, SourceShard } from './layout';

/** What changed in a notebook, after it reached the disk (for the search index). */
export type NotebookChange =
  { kind: 'sources-added'; sourceIds: string[] } | { kind: 'shard'; sourceId: string; before: SourceShard; after: SourceShard } | { kind: 'entities' } | { kind: 'factsheet' } | { kind: 'name' };

export interface Room {
  readonly paths: NotebookPaths;
  /** The problems found at open and since, shown with the notebook. */
  readonly problems: NotebookProblem[];
  /** Why nothing may be written (a read-only folder), or null. */
  readonly readOnly: string | null;
  /** Throws why nothing can be changed now (closed, read-only, lock lost), if anything. */
  assertWritable(): void;
  /** Announces a change that reached the disk. */
  emit(change: NotebookChange): void;
}

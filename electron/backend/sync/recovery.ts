/**
 * A laptop's own recovery is not the team's edit. When the notebook sets a damaged file aside
 * (and, for a shard, restores it from the open cache where it can), what this laptop then holds
 * for those records — nothing, or an older copy — is not what its reporter did: sent as edits, it
 * would delete or revert colleagues' work on every laptop. So the records a recovery touched are
 * taken again from the replica (which has the team's versions) instead of being compared with
 * their bases.
 *
 * Which records: every file set aside lands in the notebook's quarantine folder, under its own
 * name and the time (store/quarantine.ts), whether it happened while the app opened the notebook
 * or during `dossier check --repair`, with sharing running or not. The bridge lists the files it
 * has dealt with in sync/recovered.json, so each recovery is dealt with once, after any restart.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { readJsonFile, serialize, writeFileDurably } from '../store/durable-file';
import type { Notebook } from '../store/notebook';
import type { Replica } from './pouch';
import { annotationDocId, entityRecords, factsheetRecords, sourceDocId } from './records';

const Handled = z.object({ files: z.array(z.string()) }).strict();

/** sync/recovered.json: the quarantined files whose records were taken again from the replica. */
export const recoveredPath = (notebookDir: string) => join(notebookDir, 'sync', 'recovered.json');

/** What a set-aside file held: a source's shard, the entities, the fact sheet's notes or the manifest (the name). */
type Scope = { kind: 'source'; id: string } | { kind: 'entities' } | { kind: 'factsheet' } | { kind: 'name' } | null;

/** The file a quarantined copy was, from its name (`<file>.<time>`); null for texts and originals, which no record loses. */
export function scopeOf(quarantined: string): Scope {
  const file = quarantined.replace(/\.\d{4}-\d\d-\d\dT[\d-]+Z$/, '');
  if (file === quarantined) return null;
  if (file === 'entities.json') return { kind: 'entities' };
  if (file === 'factsheet.json') return { kind: 'factsheet' };
  if (file === 'notebook.json') return { kind: 'name' };
  const shard = /^([A-Za-z0-9_-]{1,64})\.json$/.exec(file);
  return shard ? { kind: 'source', id: shard[1] } : null;
}

/** Recoveries not yet dealt with: the quarantined files, and the shared records they touched. */
export interface PendingRecovery {
  files: string[];
  /** Record ids to take again from the replica. */
  ids: Set<string>;
}

/**
 * The records that recoveries since the last one dealt with touched, among those the replica
 * has had (`known`: the ids of the base log). Null when there is none.
 */
export async function pendingRecovery(nb: Notebook, replica: Replica, known: () => Iterable<string>): Promise<PendingRecovery | null> {
  const quarantined = await readdir(nb.paths.quarantine).catch(() => [] as string[]);
  if (quarantined.length === 0) return null;
  const handled = new Set((await readJsonFile(recoveredPath(nb.paths.dir), Handled).catch(() => null))?.files ?? []);
  const files = quarantined.filter((f) => !handled.has(f)).sort();
  if (files.length === 0) return null;
  const scopes = files.map(scopeOf).filter((s) => s !== null);
  const ids = new Set<string>();
  const sources = new Set(scopes.flatMap((s) => (s.kind === 'source' ? [s.id] : [])));
  const has = (kind: string) => scopes.some((s) => s.kind === kind);
  const prefixed = (pattern: RegExp) => [...known()].filter((id) => pattern.test(id));
  if (has('name')) ids.add('notebook');
  if (has('entities')) for (const id of [...prefixed(/^(entity|distinct|dismissed):/), ...entityRecords(nb.entities).map((r) => r.id)]) ids.add(id);
  if (has('factsheet')) for (const id of [...prefixed(/^(resolution|summary):/), ...factsheetRecords(nb.factsheet).map((r) => r.id)]) ids.add(id);
  if (sources.size > 0) {
    for (const id of sources) {
      ids.add(sourceDocId(id));
      if (nb.hasSource(id)) for (const a of nb.listAnnotations(id)) ids.add(annotationDocId(a.id));
    }
    // The annotations the team has on those sources (a shard lost here no longer lists them).
    const all = await replica.allDocs({ startkey: 'annotation:', endkey: 'annotation:\uffff', include_docs: true });
    for (const row of all.rows) {
      const sourceId = (row.doc?.body as { sourceId?: unknown } | undefined)?.sourceId;
      if (typeof sourceId === 'string' && sources.has(sourceId)) ids.add(row.id);
    }
  }
  return { files, ids };
}

/** Records that these recoveries are dealt with (after their records were taken again). */
export async function markRecovered(nb: Notebook, files: readonly string[]): Promise<void> {
  const path = recoveredPath(nb.paths.dir);
  const handled = (await readJsonFile(path, Handled).catch(() => null))?.files ?? [];
  await writeFileDurably(path, serialize({ files: [...new Set([...handled, ...files])] }));
}

const Restore = z
  .object({
    snapshot: z.string(),
    takenAt: z.iso.datetime(),
    /** The reporter chose to roll colleagues' edits since back too (each then a conflict they can choose back). */
    forTeam: z.boolean().default(false),
  })
  .strict();
export type RestoreNote = z.input<typeof Restore>;

/** sync/restore.json: a snapshot restore whose result the bridge has not yet reconciled with the team's. */
export const restorePath = (notebookDir: string) => join(notebookDir, 'sync', 'restore.json');

/**
 * Notes, before a shared notebook's folder is swapped for a snapshot's, that what will differ from
 * the team's is a restore (`snapshot`, taken at `takenAt`): the bridge then rolls back only what
 * this reporter changed since, and keeps what colleagues did (Bridge.reconcileRestore). Nothing
 * is written for a notebook that is not shared (it has no sync/ folder).
 */
export async function noteSnapshotRestore(notebookDir: string, note: RestoreNote): Promise<boolean> {
  const shared = await readdir(join(notebookDir, 'sync')).then(
    (names) => names.includes('base') || names.includes('base.jsonl'),
    () => false,
  );
  if (shared) await writeFileDurably(restorePath(notebookDir), serialize(Restore.parse(note)));
  return shared;
}

/** The restore to reconcile, or null. */
export function pendingRestore(notebookDir: string): Promise<RestoreNote | null> {
  return readJsonFile(restorePath(notebookDir), Restore).catch(() => null);
}

/** The restore is reconciled. */
export async function restoreReconciled(notebookDir: string): Promise<void> {
  await rm(restorePath(notebookDir), { force: true });
}

const Refused = z.object({ records: z.record(z.string(), z.string().max(2000)) }).strict();

/** sync/refused.json: records from the server that could not be taken in, with why, listed until one comes that can. */
export const refusedPath = (notebookDir: string) => join(notebookDir, 'sync', 'refused.json');

/** The records refused before (a damaged list is read as none: each is refused again when it comes). */
export async function readRefused(notebookDir: string): Promise<Map<string, string>> {
  const doc = await readJsonFile(refusedPath(notebookDir), Refused).catch(() => null);
  return new Map(Object.entries(doc?.records ?? {}));
}

/** Keeps the list of refused records. */
export async function writeRefused(notebookDir: string, refused: ReadonlyMap<string, string>): Promise<void> {
  await writeFileDurably(refusedPath(notebookDir), serialize({ records: Object.fromEntries(refused) }));
}

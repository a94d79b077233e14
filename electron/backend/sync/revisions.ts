/**
 * Revisions as the bridge makes and reads them: ids computed from the parent and the body (the
 * same on every attempt and every laptop), the settled lists, and what a document's history says
 * of who wrote it since a time. Only the replica is read here; nothing of the notebook.
 */
import { createHash } from 'node:crypto';
import type { Replica, RecordDocBody, Stored } from './pouch';
import { bodyHash, kindOf } from './records';

/** A revision id's hash part, as CouchDB makes them. */
export const md5 = (s: string) => createHash('md5').update(s).digest('hex');
/** The fingerprint of a deleted record. */
export const DELETED = bodyHash(null);
/** A revision's generation (the number before the dash). */
export const generation = (rev: string) => Number.parseInt(rev.slice(0, rev.indexOf('-')), 10);
/** A revision's hash (after the dash). */
export const revHash = (rev: string) => rev.slice(rev.indexOf('-') + 1);

/** The revision an edit on top of `parent` (none: a new record) with this body gets: the same on every attempt. */
export function childRev(parent: string | undefined, hash: string): { rev: string; revisions: { start: number; ids: string[] } } {
  const id = md5(`${parent ?? ''}\n${hash}`);
  if (!parent) return { rev: `1-${id}`, revisions: { start: 1, ids: [id] } };
  const start = generation(parent) + 1;
  return { rev: `${start}-${id}`, revisions: { start, ids: [id, revHash(parent)] } };
}

/** The one revision a text or an original has on every replica. */
export const contentRev = (id: string) => ({ rev: `1-${md5(id)}`, revisions: { start: 1, ids: [md5(id)] } });

/** The revisions any of these versions lists as settled by a reporter. */
export const settledIn = (docs: Stored<RecordDocBody>[]): Set<string> => new Set(docs.flatMap((d) => (Array.isArray(d.settled) ? d.settled : [])));

/** The winning revision of a document, deleted or not (null: the replica has never had it). */
export async function winnerOf(replica: Replica, id: string): Promise<Stored<RecordDocBody> | null> {
  try {
    return await replica.get(id, { conflicts: true });
  } catch (e) {
    if ((e as { status?: number }).status !== 404) throw e;
    const all = await replica.allDocs({ keys: [id] });
    const row = all.rows[0];
    return row && !row.error && row.value?.deleted ? ({ _id: id, _rev: row.value.rev, _deleted: true, kind: kindOf(id) ?? 'unknown' } as Stored<RecordDocBody>) : null;
  }
}

/** Every leaf revision of a document, deleted ones included. */
export async function leavesOf(replica: Replica, id: string): Promise<Stored<RecordDocBody>[]> {
  const leaves = (await replica.get(id, { open_revs: 'all' }).catch(() => [])) as ({ ok: Stored<RecordDocBody> } | { missing: string })[];
  return leaves.flatMap((l) => ('ok' in l ? [l.ok] : []));
}

/**
 * Who other than `me` wrote a revision of a record after `since` (null: someone unnamed, or a
 * history that cannot be read here), or undefined when every revision since was written by `me`.
 * Walks the winning revision's history back to the first one written before `since`.
 */
export async function colleagueSince(replica: Replica, id: string, since: string, me: string | null): Promise<string | null | undefined> {
  const head = await winnerOf(replica, id);
  if (!head) return undefined;
  const withHistory = await replica.get(id, { rev: head._rev, revs: true }).catch(() => null);
  const history = withHistory?._revisions;
  if (!history) return null;
  for (let i = 0; i < history.ids.length; i++) {
    const rev = `${history.start - i}-${history.ids[i]}`;
    const doc = i === 0 ? withHistory : await replica.get(id, { rev }).catch(() => null);
    if (!doc) return null;
    if (typeof doc.at === 'string' && doc.at < since) return undefined;
    if (me === null || doc.by !== me) return doc.by ?? null;
  }
  return undefined;
}

/**
 * An entity's last version before its deletion, as a version beside the deletion, under a
 * revision derived from the deletion (so every laptop writes the same one); null when the entity
 * is not deleted, the deletion was a reporter's choice in a conflict, or its last version cannot
 * be read here.
 */
export async function versionBesideDeletion(
  replica: Replica,
  docId: string,
  by: string | null,
): Promise<(RecordDocBody & { _id: string; _rev: string; _revisions: { start: number; ids: string[] } }) | null> {
  const tomb = await winnerOf(replica, docId);
  if (!tomb?._deleted) return null;
  const full = await replica.get(docId, { rev: tomb._rev, revs: true }).catch(() => null);
  const history = full?._revisions;
  if (!full || full.chosen || !history || history.ids.length < 2) return null;
  const before = await replica.get(docId, { rev: `${history.start - 1}-${history.ids[1]}` }).catch(() => null);
  if (!before || before._deleted || !before.body) return null;
  const id = md5(`revive\n${tomb._rev}`);
  return {
    _id: docId,
    _rev: `${history.start}-${id}`,
    _revisions: { start: history.start, ids: [id, ...history.ids.slice(1)] },
    kind: before.kind,
    body: before.body,
    by,
    at: new Date().toISOString(),
  };
}

/**
 * The winning version of a record written again beside itself, as a sibling (a child of its
 * parent, or a first revision), under a revision derived from it: so that an edit written on top
 * of the winner leaves this version listed as a conflict, to be chosen back. Null when the
 * replica has no such record.
 */
export async function versionBesideWinner(
  replica: Replica,
  docId: string,
): Promise<(RecordDocBody & { _id: string; _rev: string; _deleted?: boolean; _revisions: { start: number; ids: string[] } }) | null> {
  const head = await winnerOf(replica, docId);
  if (!head) return null;
  const full = await replica.get(docId, { rev: head._rev, revs: true }).catch(() => null);
  const history = full?._revisions;
  if (!full || !history) return null;
  const id = md5(`beside\n${head._rev}`);
  const version = {
    _id: docId,
    _rev: `${history.start}-${id}`,
    _revisions: { start: history.start, ids: [id, ...history.ids.slice(1)] },
    kind: full.kind,
    by: full.by ?? null,
    at: full.at ?? new Date().toISOString(),
  };
  return full._deleted ? { ...version, _deleted: true } : { ...version, body: full.body };
}

/** What colleagues did to one record since a time: who last, when, and how (it was made, changed or deleted since). */
export interface ColleagueChange {
  id: string;
  by: string | null;
  at: string;
  how: 'added' | 'edited' | 'deleted';
  /** The record's body as last seen in that history (for a deletion: before it), to name it by. */
  body: unknown;
}

/**
 * Whether anyone other than `me` wrote a revision of this record after `since`, read from the
 * winning revision's history (null: no one did). `how` says what the record's change since amounts
 * to for the team: made since (its whole history is after `since`), deleted, or edited.
 */
export async function changeSince(replica: Replica, head: Stored<RecordDocBody>, since: string, me: string | null): Promise<ColleagueChange | null> {
  if (typeof head.at === 'string' && head.at < since) return null;
  const withHistory = await replica.get(head._id, { rev: head._rev, revs: true }).catch(() => null);
  const history = withHistory?._revisions;
  const by = head.by ?? null;
  const at = typeof head.at === 'string' ? head.at : since;
  const how: ColleagueChange['how'] = head._deleted ? 'deleted' : 'edited';
  if (!history) return me === null || by !== me ? { id: head._id, by, at, how, body: head.body ?? null } : null;
  let colleague: string | null | undefined;
  let body: unknown = head.body ?? null;
  const found = (): ColleagueChange | null => (colleague === undefined ? null : { id: head._id, by: colleague, at, how, body });
  for (let i = 0; i < history.ids.length; i++) {
    const doc = i === 0 ? withHistory : await replica.get(head._id, { rev: `${history.start - i}-${history.ids[i]}` }).catch(() => null);
    // A revision pruned from the history: it was there before, which is all that is asked here.
    if (!doc) return found();
    body ??= doc.body ?? null;
    if (typeof doc.at === 'string' && doc.at < since) return found();
    if (colleague === undefined && (me === null || doc.by !== me)) colleague = doc.by ?? null;
  }
  // Every revision came after the snapshot: the record was made since.
  return colleague === undefined ? null : { id: head._id, by: colleague, at, how: head._deleted ? 'deleted' : history.start === history.ids.length ? 'added' : how, body };
}

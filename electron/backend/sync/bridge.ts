/**
 * The bridge between a notebook (the store of record on this machine) and its local PouchDB
 * replica, which CouchDB's own protocol replicates with the team's server (share.ts).
 *
 * Both directions compare each record with its base (base-log.ts):
 * - send: a record whose body differs from its base was edited here. It is written to the
 *   replica as a child of the base revision, with a revision id computed from the parent and the
 *   body, so writing it again after a crash is the same revision (a no-op). When the replica has
 *   moved on meanwhile (an edit from elsewhere), the child is a second branch: CouchDB's conflict,
 *   which is kept and listed, never resolved silently.
 * - take in: a replica document whose winning revision differs from the base came from
 *   elsewhere. When the notebook's record still equals its base it is replaced by the winner; when
 *   both changed, the notebook's edit is sent first (it becomes the conflicting branch) and the
 *   winner, which every replica agrees on, is taken in.
 * The base is recorded only after the write it describes is on disk, so a crash at any point
 * leaves work that is done again, once, on the next round.
 *
 * Every document from the replica is checked against the notebook's schemas before it is taken
 * in: one that does not pass is set aside with the reason, and the notebook stays as it was.
 */
import { createHash } from 'node:crypto';
import { DossierError } from '../../../shared/api/result';
import type { Annotation } from '../../../shared/domain/annotation';
import type { Entity } from '../../../shared/domain/entity';
import { repairEntityGraph } from '../../../shared/domain/entity-graph';
import type { FactsheetNotes, FigureResolution } from '../../../shared/domain/factsheet';
import type { SourceSummary } from '../../../shared/domain/source';
import type { ConflictVersion, SyncConflict } from '../../../shared/domain/sync';
import { linksOf, unlinkEntity } from '../entities/service';
import type { EntitiesDoc } from '../store/layout';
import type { Notebook, NotebookChange } from '../store/notebook';
import { BaseStore, type Base } from './base-store';
import { NotebookView } from './notebook-view';
import { fetchSharedContent } from './shared-content';
import type { Doc, Replica, RecordDocBody, Stored } from './pouch';
import { whyRefused } from './record-check';
import {
  annotationDocId,
  bodyHash,
  describeRecord,
  distinctDocId,
  entityDocId,
  entityRecords,
  factsheetRecords,
  kindOf,
  originalDocId,
  resolutionDocId,
  shardRecords,
  sourceDocId,
  summaryKeyOf,
  textDocId,
  type RecordKind,
} from './records';
import { markRecovered, pendingRecovery, pendingRestore, readRefused, restoreReconciled, writeRefused, type PendingRecovery, type RestoreNote } from './recovery';
import {
  changeSince,
  childRev,
  colleagueSince,
  contentRev,
  type ColleagueChange,
  DELETED,
  generation,
  leavesOf,
  md5,
  revHash,
  settledIn,
  versionBesideDeletion,
  versionBesideWinner,
  winnerOf,
} from './revisions';

/** What one round moved. */
export interface BridgeRound {
  /** Records written to the replica (edits made here). */
  sent: number;
  /** Records taken into the notebook (edits from elsewhere). */
  received: number;
  /** Documents that could not be taken in yet (a source's text not arrived, an annotation's source). */
  waiting: number;
  /** Documents refused, with why. */
  refused: { id: string; reason: string }[];
  /** After a snapshot restore here: records colleagues changed since the snapshot, kept as they are (not rolled back). */
  kept: { id: string; by: string | null }[];
  /** After a snapshot restore for the whole team: records rolled back over colleagues' edits, each their version left as a conflict. */
  rolledBack: { id: string; by: string | null }[];
}

export type RecordConflict = SyncConflict;

/** Kinds taken in before others: a source before its annotations, entities before what links them. */
const TAKE_IN_ORDER: RecordKind[] = ['notebook', 'source', 'entity', 'distinct', 'dismissed', 'annotation', 'resolution', 'summary'];

export interface BridgeOptions {
  /** The display name written with each revision sent (null: not set). */
  author(): string | null;
  /** A notebook created to receive a shared one: its name is not an edit of its own. */
  joining?: boolean;
}

/** Records sent to the replica at a time. */
const SEND_CHUNK = 500;

export class Bridge {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly dirty = new Set<string>();
  /**
   * Records that came before what they need, to be taken in when it is here: an annotation waits
   * for its source (the id given), a source for its text (null: looked for each time).
   */
  private readonly waiting: Map<string, string | null>;
  /** The documents of `waiting` as read, while this bridge runs (after a restart they are read again). */
  private readonly waitingDocs = new Map<string, Stored<RecordDocBody>>();
  /** Records from the server that could not be taken in, with why: kept in sync/refused.json, listed until one comes that can. */
  private refused = new Map<string, string>();
  /** The refused list as last written. */
  private refusedWritten = '';
  /** Records a recovery here touched (recovery.ts), taken again from the replica before anything is sent. */
  private recovery: PendingRecovery | null = null;
  /** A snapshot restore here not yet reconciled with the team's versions. */
  private restore: RestoreNote | null = null;
  private readonly unsubscribe: () => void;

  private constructor(
    private readonly nb: Notebook,
    private readonly replica: Replica,
    private readonly log: BaseStore,
    private readonly options: BridgeOptions,
  ) {
    this.unsubscribe = nb.onChange((change) => this.noteChange(change));
    this.waiting = new Map(log.waiting);
  }

  /**
   * Opens the bridge over a notebook and its replica. Every record of the notebook is compared
   * with its base on the first round, so an edit made while the bridge was not running (or lost
   * to a crash between the notebook's write and the replica's) is sent.
   */
  static async open(nb: Notebook, replica: Replica, paths: { bases: string; oldBaseLog?: string }, options: BridgeOptions): Promise<Bridge> {
    const bridge = new Bridge(nb, replica, await BaseStore.open(paths.bases, paths.oldBaseLog), options);
    bridge.recovery = bridge.log.size > 0 ? await pendingRecovery(nb, replica, () => bridge.log.ids()) : null;
    bridge.restore = await pendingRestore(nb.paths.dir);
    bridge.refused = await readRefused(nb.paths.dir);
    bridge.refusedWritten = JSON.stringify([...bridge.refused]);
    if (!bridge.recovery && bridge.log.size === 0) {
      // A notebook shared for the first time: what it had set aside before is not the team's concern.
      const first = await pendingRecovery(nb, replica, () => []);
      if (first) await markRecovered(nb, first.files);
    }
    if (options.joining && bridge.log.size === 0) await bridge.log.record(new Map([['notebook', { rev: '', hash: bodyHash({ name: nb.info.name }) }]]));
    for (const id of bridge.allRecordIds()) bridge.dirty.add(id);
    for (const id of bridge.log.ids()) if (kindOf(id) !== 'text' && kindOf(id) !== 'original') bridge.dirty.add(id);
    return bridge;
  }

  /** Runs `work` after everything queued before it: the bridge does one thing at a time. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private noteChange(change: NotebookChange): void {
    switch (change.kind) {
      case 'shard':
        for (const r of shardRecords(change.before.source, change.before.annotations)) this.dirty.add(r.id);
        for (const r of shardRecords(change.after.source, change.after.annotations)) this.dirty.add(r.id);
        return;
      case 'sources-added':
        for (const id of change.sourceIds) this.dirty.add(sourceDocId(id));
        return;
      case 'entities':
        for (const r of entityRecords(this.nb.entities)) this.dirty.add(r.id);
        for (const id of this.log.ids()) if (/^(entity|distinct|dismissed):/.test(id)) this.dirty.add(id);
        return;
      case 'factsheet':
        for (const r of factsheetRecords(this.nb.factsheet)) this.dirty.add(r.id);
        for (const id of this.log.ids()) if (/^(resolution|summary):/.test(id)) this.dirty.add(id);
        return;
      case 'name':
        this.dirty.add('notebook');
    }
  }

  /** Every record id the notebook has now. */
  private allRecordIds(): string[] {
    const ids = ['notebook'];
    for (const s of this.nb.unorderedSources()) for (const r of shardRecords(s, this.nb.listAnnotations(s.id))) ids.push(r.id);
    for (const r of entityRecords(this.nb.entities)) ids.push(r.id);
    for (const r of factsheetRecords(this.nb.factsheet)) ids.push(r.id);
    return ids;
  }

  /** Calls `listener` after each change of the notebook (edits here, and what a round took in). */
  notebookEdits(listener: () => void): () => void {
    return this.nb.onChange(() => listener());
  }

  /** How many records edited here are waiting to be sent. */
  get pending(): number {
    return this.dirty.size;
  }

  /** Sends the edits made here, then takes in what the replica has from elsewhere. */
  round(): Promise<BridgeRound> {
    return this.serial(async () => {
      const { kept, rolledBack } = this.restore ? await this.reconcileRestore(this.restore) : { kept: [], rolledBack: [] };
      if (this.recovery) await this.takeAgain(this.recovery);
      const sent = await this.send([...this.dirty], { round: true });
      const received = await this.takeIn();
      // What taking in made this laptop write of its own (a repaired entity graph, a name or source
      // the server lost) goes out in the same round.
      const more = this.dirty.size > 0 ? await this.send([...this.dirty]) : 0;
      await this.keepRefused();
      return { sent: sent + more, received, waiting: this.waiting.size, refused: [...this.refused].map(([id, reason]) => ({ id, reason })), kept, rolledBack };
    });
  }

  /**
   * Takes the records a recovery here touched again from the replica: what the notebook holds for
   * them now (nothing, or an older copy) becomes their base, so it is not sent as an edit, and the
   * replica's versions (the team's) are taken in over it. Done again after a crash until recorded.
   */
  private async takeAgain(recovery: PendingRecovery): Promise<void> {
    const view = new NotebookView(this.nb);
    const bases = new Map<string, Base>();
    for (const id of recovery.ids) {
      const base = this.log.get(id);
      if (base) bases.set(id, { rev: base.rev, hash: bodyHash(view.body(id)) });
    }
    await this.log.record(bases);
    await this.apply(await this.winners([...bases.keys()]));
    await markRecovered(this.nb, recovery.files);
    this.recovery = null;
  }

  /**
   * A record the server sent that was refused before it reached the replica (guarded-fetch.ts:
   * thousands of versions of one record): listed with the others until one comes that can be taken in.
   */
  refuseFromServer(id: string, reason: string): void {
    this.refused.set(id, reason);
  }

  /** Writes the refused list when it changed. */
  private async keepRefused(): Promise<void> {
    const now = JSON.stringify([...this.refused]);
    if (now === this.refusedWritten) return;
    await writeRefused(this.nb.paths.dir, this.refused);
    this.refusedWritten = now;
  }

  /**
   * After a snapshot restore here, what differs from the team's versions is either this reporter's
   * own work rolled back (sent, as the restore meant) or a colleague's edit made since the snapshot,
   * which a restore on one laptop must not undo for everyone: such a record is kept as the team has
   * it (taken again from the replica) and listed. A record is the reporter's own to roll back when
   * every revision of it since the snapshot was written under their name; one whose history cannot
   * be read here counts as a colleague's.
   *
   * When the reporter chose to roll the team back too (`forTeam`), a colleague's record is rolled
   * back as well, never silently: their version is written beside the current one and the restored
   * one on top, so it stays listed as a conflict anyone can choose back (a record the snapshot did
   * not have cannot be deleted over a colleague's live version: there the colleague's stays shown,
   * with the deletion listed beside it).
   */
  private async reconcileRestore(restore: RestoreNote): Promise<{ kept: { id: string; by: string | null }[]; rolledBack: { id: string; by: string | null }[] }> {
    const view = new NotebookView(this.nb);
    const me = this.options.author();
    const kept: { id: string; by: string | null }[] = [];
    const rolledBack: { id: string; by: string | null }[] = [];
    const bases = new Map<string, Base>();
    /** Records rolled back over a colleague's version: the restored one is sent on top of the winner. */
    const onTop = new Map<string, Base>();
    for (const id of new Set([...this.allRecordIds(), ...this.log.ids()])) {
      const kind = kindOf(id);
      const base = this.log.get(id);
      if (!kind || kind === 'text' || kind === 'original' || !base) continue;
      const hash = bodyHash(view.body(id));
      if (hash === base.hash) continue;
      const other = await colleagueSince(this.replica, id, restore.takenAt, me);
      if (other === undefined) continue;
      if (restore.forTeam) {
        const version = await versionBesideWinner(this.replica, id);
        const head = await winnerOf(this.replica, id);
        if (version && head) {
          await this.replica.bulkDocs([version], { new_edits: false });
          // The restored version goes on top of the winner (sent by the round), the colleague's stays beside it.
          onTop.set(id, { rev: head._rev, hash: head._deleted ? DELETED : bodyHash(head.body ?? null) });
          rolledBack.push({ id, by: other });
          continue;
        }
      }
      kept.push({ id, by: other });
      bases.set(id, { rev: base.rev, hash });
    }
    await this.log.record(new Map([...bases, ...onTop]));
    await this.apply(await this.winners([...bases.keys()]));
    if (onTop.size > 0) await this.noteCandidates([...onTop.keys()]);
    await restoreReconciled(this.nb.paths.dir);
    this.restore = null;
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    return { kept: kept.sort(byId), rolledBack: rolledBack.sort(byId) };
  }

  /**
   * What colleagues changed since `since` (a snapshot's time), newest first: the records a restore
   * of that snapshot keeps as the team has them, or, rolled back for the team, lists as conflicts.
   * Read from the replica's winning revisions and their histories; nothing is changed.
   */
  async colleagueChangesSince(since: string): Promise<(Omit<ColleagueChange, 'body'> & { what: string })[]> {
    const me = this.options.author();
    const view = new NotebookView(this.nb);
    const out: (Omit<ColleagueChange, 'body'> & { what: string })[] = [];
    let from: string | number = 0;
    for (;;) {
      const feed = await this.replica.changes({ since: from, limit: 500, include_docs: true, return_docs: true });
      for (const change of feed.results) {
        const kind = kindOf(change.id);
        const doc = change.doc;
        if (!kind || kind === 'text' || kind === 'original' || !doc) continue;
        const found = await changeSince(this.replica, doc, since, me);
        if (found) {
          const { body, ...rest } = found;
          out.push({ ...rest, what: describeRecord(change.id, body ?? view.body(change.id)) });
        }
      }
      if (feed.results.length < 500) break;
      from = feed.last_seq;
    }
    return out.sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id));
  }

  /**
   * Deletions that cannot be this reporter's: Dossier never deletes a source, and an annotation
   * of a source this laptop does not have (set aside as damaged, not yet back) was not deleted
   * here. Such a record is missing here, not deleted: it is left out of what is sent.
   */
  private async notDeletedHere(ids: readonly string[]): Promise<Set<string>> {
    const out = new Set(ids.filter((id) => kindOf(id) === 'source'));
    const annotations = ids.filter((id) => kindOf(id) === 'annotation');
    if (annotations.length === 0) return out;
    const rows = (await this.replica.allDocs({ keys: annotations, include_docs: true })).rows;
    for (const row of rows) {
      const sourceId = (row.doc?.body as { sourceId?: unknown } | undefined)?.sourceId;
      if (typeof sourceId === 'string' && !this.nb.hasSource(sourceId)) out.add(row.key);
    }
    return out;
  }

  /**
   * Sends the edits made here (records whose body differs from their base); returns how many.
   * A chunk at a time (a first share is every record of the notebook): the records of a chunk and
   * their texts are all that is held, and the event loop runs between chunks. Each chunk is written
   * to the replica before its bases are recorded, so a crash between the two sends it again, the
   * same revisions (nothing doubled).
   */
  private async send(ids: string[], options: { round?: boolean } = {}): Promise<number> {
    // A first share writes every record into an empty replica; reading them all back in the
    // take-in that follows (the changes feed reads each document, one at a time) cost a third of
    // the share, to find that each is the revision just written. When the replica was empty and
    // its sequence at the end equals the documents this send wrote (each write of a new document
    // takes one number), nothing else wrote to it meanwhile: every change up to there is this
    // send's, a single revision equal to its base, and the take-in starts after them.
    const fromEmpty = options.round === true && this.log.seq === 0 && (await this.replica.info()).update_seq === 0;
    let written = 0;
    const view = new NotebookView(this.nb);
    const by = this.options.author();
    const at = new Date().toISOString();
    let sent = 0;
    for (let from = 0; from < ids.length; from += SEND_CHUNK) {
      const chunk = ids.slice(from, from + SEND_CHUNK);
      const docs: (RecordDocBody & Doc)[] = [];
      const bases = new Map<string, Base>();
      const content = new Map<string, Promise<(RecordDocBody & Doc) | null>>();
      const parents: { id: string; rev: string }[] = [];
      const bodies = new Map<string, unknown>();
      for (const id of chunk) {
        const kind = kindOf(id);
        if (kind && kind !== 'text' && kind !== 'original') bodies.set(id, view.body(id));
      }
      const deleted = [...bodies].filter(([id, body]) => body === null && this.log.get(id) !== undefined && this.log.get(id)!.hash !== DELETED).map(([id]) => id);
      const missing = deleted.length > 0 ? await this.notDeletedHere(deleted) : new Set<string>();
      for (const [id, body] of bodies) {
        const kind = kindOf(id)!;
        if (missing.has(id)) continue;
        const hash = bodyHash(body);
        const base = this.log.get(id);
        if (base ? base.hash === hash : body === null) continue;
        const { rev, revisions } = childRev(base?.rev, hash);
        docs.push(body === null ? { _id: id, _rev: rev, _revisions: revisions, _deleted: true, kind, by, at } : { _id: id, _rev: rev, _revisions: revisions, kind, body, by, at });
        if (base?.rev) parents.push({ id, rev: base.rev });
        bases.set(id, { rev, hash });
        // A source's texts and original travel with it, once, before it.
        if (kind === 'source' && body) this.contentOf(body as SourceSummary, content);
      }
      // A conflict settled stays settled: each revision carries the versions its parent settled.
      const settled = await this.settledAt(parents);
      for (const d of docs) {
        const list = settled.get(d._id);
        if (list) d.settled = list;
      }
      const contentDocs = (await Promise.all(content.values())).filter((d) => d !== null);
      // Texts first: a replica that has a source always has its texts.
      for (let i = 0; i < contentDocs.length; i += 100) await this.replica.bulkDocs(contentDocs.slice(i, i + 100), { new_edits: false });
      if (docs.length > 0) await this.replica.bulkDocs(docs, { new_edits: false });
      written += contentDocs.length + docs.length;
      for (const d of contentDocs) bases.set(d._id, { rev: d._rev!, hash: d._id });
      if (bases.size > 0) await this.log.record(bases);
      for (const id of chunk) this.dirty.delete(id);
      sent += docs.length;
      if (from + SEND_CHUNK < ids.length) await new Promise((r) => setImmediate(r));
    }
    if (fromEmpty && sent > 0) {
      const seq = (await this.replica.info()).update_seq;
      // Recorded after every base of the send (a crash before it reads the changes back, as before).
      // Any other write (a colleague's record replicated in, a resolution) makes the count differ:
      // then the changes are read back as before.
      if (seq === written && this.log.seq === 0) await this.log.record(new Map(), seq);
    }
    return sent;
  }

  /** The versions each of these revisions lists as settled (only those that list any). */
  private async settledAt(revisions: { id: string; rev: string }[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    await Promise.all(
      revisions.map(async ({ id, rev }) => {
        const doc = await this.replica.get(id, { rev }).catch(() => null);
        if (doc && Array.isArray(doc.settled) && doc.settled.length > 0) out.set(id, doc.settled);
      }),
    );
    return out;
  }

  /** The text and original documents a source needs that the replica has not had from here. */
  private contentOf(source: SourceSummary, into: Map<string, Promise<(RecordDocBody & Doc) | null>>): void {
    for (const hash of new Set([source.contentHash, ...source.versions.map((v) => v.contentHash)])) {
      const id = textDocId(hash);
      if (this.log.get(id) || into.has(id)) continue;
      const { rev, revisions } = contentRev(id);
      into.set(
        id,
        this.nb.getText(hash).then((text) => ({ _id: id, _rev: rev, _revisions: revisions, kind: 'text', body: { text } })),
      );
    }
    const original = source.provenance.original;
    if (original) {
      const id = originalDocId(original.sha256);
      if (this.log.get(id) || into.has(id)) return;
      const { rev, revisions } = contentRev(id);
      into.set(
        id,
        this.nb
          .readOriginal(source.id)
          .then((bytes) =>
            bytes
              ? { _id: id, _rev: rev, _revisions: revisions, kind: 'original', _attachments: { file: { content_type: 'application/octet-stream', data: Buffer.from(bytes).toString('base64') } } }
              : null,
          )
          .catch(() => null),
      );
    }
  }

  /** Takes in the replica's changes since the last round; returns how many records changed here. */
  private async takeIn(): Promise<number> {
    let received = 0;
    for (;;) {
      // The feed reads each document whether it is asked for or not (PouchDB's LevelDB store keeps
      // them by sequence): they come with it.
      const feed = await this.replica.changes({ since: this.log.seq, limit: 500, include_docs: true, conflicts: true, style: 'all_docs', return_docs: true });
      // What waited for something that is here now (a large join brings annotations before their source).
      const retry = [...this.waiting].filter(([, need]) => need === null || this.nb.hasSource(need)).map(([id]) => id);
      if (feed.results.length === 0 && retry.length === 0) break;
      // A change whose one revision is the base is what this notebook already reflects (most often
      // what this bridge just wrote: a first share would compare its whole notebook with itself);
      // only the others are compared. An edit made here since is already waiting to be sent.
      const docs = feed.results.filter((c) => c.changes.length > 1 || this.log.get(c.id)?.rev !== c.changes[0]?.rev).flatMap((c) => (c.doc ? [c.doc] : []));
      // A document with more than one leaf (deleted ones included) may be a conflict: noted, and checked when conflicts are listed.
      const branched = feed.results.filter((c) => c.changes.length > 1).map((c) => c.id);
      if (branched.length > 0) await this.noteCandidates(branched);
      const seen = new Set(docs.map((d) => d._id));
      const cached = retry.filter((id) => !seen.has(id) && this.waitingDocs.has(id));
      docs.push(...cached.map((id) => this.waitingDocs.get(id)!), ...(await this.winners(retry.filter((id) => !seen.has(id) && !this.waitingDocs.has(id)))));
      for (const id of retry) {
        this.waiting.delete(id);
        this.waitingDocs.delete(id);
      }
      received += await this.apply(docs);
      for (const d of docs) if (this.waiting.has(d._id)) this.waitingDocs.set(d._id, d);
      // What still waits is on disk before the feed position moves past it.
      await this.log.record(new Map(), feed.last_seq, this.waiting);
      if (feed.results.length === 0) break;
    }
    return received;
  }

  /** The winning revisions of documents, deleted or not (leaving out those the replica has never had). */
  private async winners(ids: string[]): Promise<Stored<RecordDocBody>[]> {
    if (ids.length === 0) return [];
    const all = await this.replica.allDocs({ keys: ids, include_docs: true, conflicts: true });
    const out: Stored<RecordDocBody>[] = [];
    for (const row of all.rows) {
      if (row.doc) out.push(row.doc);
      else if (!('error' in row && row.error) && row.value?.deleted) {
        const doc = await winnerOf(this.replica, row.key);
        if (doc) out.push(doc);
      }
    }
    return out;
  }

  /** Takes documents into the notebook; see the module comment. Returns how many records changed here. */
  private async apply(docs: Stored<RecordDocBody>[]): Promise<number> {
    const view = new NotebookView(this.nb);
    const bases = new Map<string, Base>();
    const take: { id: string; kind: RecordKind; body: unknown; rev: string; hash: string }[] = [];
    // Texts that came in this batch, for its sources (still checked against their hash when stored).
    const texts = new Map<string, string>();
    for (let doc of docs) {
      const id = doc._id;
      const kind = kindOf(id);
      if (!kind) continue;
      if (kind === 'text' || kind === 'original') {
        // A text the server lost (deleted there) is written again by a laptop that has it.
        if (doc._deleted && kind === 'text') {
          if (await this.writeTextAgain(doc)) continue;
        }
        if (!this.log.get(id)) bases.set(id, { rev: doc._rev, hash: id });
        const text = (doc.body as { text?: unknown } | undefined)?.text;
        if (kind === 'text' && !doc._deleted && typeof text === 'string') texts.set(id, text);
        continue;
      }
      let body = doc._deleted ? null : (doc.body ?? null);
      if (kind === 'entity' && body !== null) body = await this.withMergeKept(doc, body as Entity);
      let hash = bodyHash(body);
      const mine = view.body(id);
      // Dossier never deletes the notebook's name or a source: deleted on the server (broken, or
      // hostile), it is written again from here on top of the deletion, once this laptop has
      // agreed a name with the team (a notebook joining has not).
      if ((kind === 'notebook' || kind === 'source') && body === null && mine !== null && this.log.get(id)?.rev) {
        bases.set(id, { rev: doc._rev, hash });
        this.dirty.add(id);
        continue;
      }
      const mineHash = bodyHash(mine);
      if (mineHash === hash) {
        if (this.log.get(id)?.rev !== doc._rev) bases.set(id, { rev: doc._rev, hash });
        continue;
      }
      const base = this.log.get(id);
      if (base ? base.hash !== mineHash : mine !== null) {
        // Edited here and elsewhere: this machine's edit becomes a branch of its own, kept.
        await this.send([id]);
        const now = await winnerOf(this.replica, id);
        if (!now) continue;
        doc = now;
        body = doc._deleted ? null : (doc.body ?? null);
        hash = bodyHash(body);
        if (hash === mineHash) continue;
      }
      if (body !== null) {
        const problem = whyRefused(id, kind, body);
        if (problem) {
          this.refused.set(id, problem);
          continue;
        }
      }
      this.refused.delete(id);
      take.push({ id, kind, body, rev: doc._rev, hash });
    }
    take.sort((a, b) => TAKE_IN_ORDER.indexOf(a.kind) - TAKE_IN_ORDER.indexOf(b.kind));
    const taken = await this.write(take, texts);
    await this.keepLinkedEntities(take, taken);
    // An entity taken in can be changed by the graph's repair as it is written (a circle of merges
    // made on two laptops): its base is what the notebook holds, which every replica derives alike
    // from the same versions, so the repair is not sent back as an edit of this laptop's.
    const after = new NotebookView(this.nb);
    for (const t of take) if (taken.has(t.id)) bases.set(t.id, { rev: t.rev, hash: t.kind === 'entity' ? bodyHash(after.body(t.id)) : t.hash });
    await this.log.record(bases);
    return taken.size;
  }

  /**
   * A merge is never lost to a concurrent edit of the same entity: when the winning version is
   * not merged but a version in conflict with it (not yet settled by a reporter) merged the entity
   * into another, the winner is taken in merged into that one (the smallest id, if several did).
   * It depends only on the document's versions, so every replica takes in the same body and sends
   * it as the same revision; the versions stay listed as a conflict until a reporter settles them.
   * Two merges the opposite ways then make a circle, which `repairEntityGraph` undoes alike everywhere.
   */
  private async withMergeKept(doc: Stored<RecordDocBody>, body: Entity): Promise<Entity> {
    const others = doc._conflicts ?? [];
    if (body.mergedInto !== null || others.length === 0) return body;
    const leaves = await leavesOf(this.replica, doc._id);
    const settled = settledIn(leaves);
    const into = leaves
      .filter((l) => l._rev !== doc._rev && !l._deleted && !settled.has(l._rev))
      .map((l) => (l.body as { mergedInto?: unknown } | undefined)?.mergedInto)
      .filter((m): m is string => typeof m === 'string' && m !== body.id)
      .sort()[0];
    return into ? { ...body, mergedInto: into } : body;
  }

  /**
   * An entity deleted on one laptop while a colleague linked a passage to it is not left as a link
   * to nothing: the entity comes back as a version beside the deletion (CouchDB's own conflict: a
   * live version wins over a deletion), listed, so that a reporter chooses — keep it deleted (the
   * links go, see `resolve`) or undo the deletion. The version is the entity as it was before the
   * deletion, under a revision derived from the deletion, so every laptop writes the same one. A
   * deletion a reporter chose in a conflict (`chosen`) is not undone.
   */
  private async keepLinkedEntities(take: { id: string; kind: RecordKind; body: unknown }[], taken: ReadonlySet<string>): Promise<void> {
    const live = new Set(this.nb.entities.entities.map((e) => e.id));
    const wanted = new Set<string>();
    const gone = new Set(take.filter((t) => t.kind === 'entity' && t.body === null && taken.has(t.id)).map((t) => t.id.slice('entity:'.length)));
    if (gone.size > 0) for (const { annotation } of this.nb.allAnnotations()) for (const id of linksOf(annotation)) if (gone.has(id)) wanted.add(id);
    for (const t of take) if (t.kind === 'annotation' && t.body !== null && taken.has(t.id)) for (const id of linksOf(t.body as Annotation)) if (!live.has(id)) wanted.add(id);
    const revived: string[] = [];
    for (const id of wanted) {
      const version = live.has(id) ? null : await versionBesideDeletion(this.replica, entityDocId(id), this.options.author());
      if (!version) continue;
      await this.replica.bulkDocs([version], { new_edits: false });
      revived.push(version._id);
    }
    if (revived.length > 0) {
      await this.noteCandidates(revived);
      await this.apply(await this.winners(revived));
    }
  }

  /**
   * Writes a text the server deleted again, from this notebook, on top of the deletion: the same
   * revision on every laptop that has it (from the deletion and the text's id). False when this
   * notebook does not have it either.
   */
  private async writeTextAgain(deleted: Stored<RecordDocBody>): Promise<boolean> {
    const text = await this.nb.getText(deleted._id.slice('text:'.length)).catch(() => null);
    if (text === null) return false;
    const start = generation(deleted._rev) + 1;
    const id = md5(`${deleted._id}\n${deleted._rev}`);
    await this.replica.bulkDocs([{ _id: deleted._id, _rev: `${start}-${id}`, _revisions: { start, ids: [id, revHash(deleted._rev)] }, kind: 'text', body: { text } }], { new_edits: false });
    await this.log.record(new Map([[deleted._id, { rev: `${start}-${id}`, hash: deleted._id }]]));
    return true;
  }

  /** Writes what is taken in to the notebook, grouped: one write per source, one for entities, one for the fact sheet. */
  private async write(take: { id: string; kind: RecordKind; body: unknown }[], texts: ReadonlyMap<string, string>): Promise<Set<string>> {
    const done = new Set<string>();
    const nb = this.nb;
    for (const t of take.filter((x) => x.kind === 'notebook')) {
      await nb.rename((t.body as { name: string }).name);
      done.add(t.id);
    }
    const sourceTakes = take.filter((x) => x.kind === 'source');
    for (const t of sourceTakes) if (t.body === null) this.refused.set(t.id, 'a source was deleted elsewhere; Dossier does not delete sources, so it is kept here');
    const shared = sourceTakes.filter((t) => t.body !== null);
    if (shared.length > 0) {
      // A new source's annotations of this batch go into its first write.
      const annotationsOf = new Map<string, Annotation[]>();
      for (const t of take) {
        if (t.kind !== 'annotation' || t.body === null) continue;
        const a = t.body as Annotation;
        const list = annotationsOf.get(a.sourceId);
        if (list) list.push(a);
        else annotationsOf.set(a.sourceId, [a]);
      }
      const list = shared.map((t) => t.body as SourceSummary);
      const content = await fetchSharedContent(nb, list, {
        text: async (hash) => {
          const came = texts.get(textDocId(hash));
          if (came !== undefined) return came;
          const doc = await this.replica.get(textDocId(hash));
          const text = (doc.body as { text?: unknown } | undefined)?.text;
          if (typeof text !== 'string') throw new Error(`the text ${hash.slice(0, 12)}… is not a text`);
          return text;
        },
        original: async (sha256) => {
          const bytes = await this.replica.getAttachment(originalDocId(sha256), 'file').then(
            (b) => new Uint8Array(b),
            () => null,
          );
          if (bytes && createHash('sha256').update(bytes).digest('hex') !== sha256) {
            this.refused.set(originalDocId(sha256), 'the file the server sent does not match its sha256; the source is kept without it, and it comes when a colleague who has the file syncs');
            return null;
          }
          return bytes;
        },
      });
      const outcome = await nb.putSharedSources(list, content, annotationsOf);
      for (const t of shared) {
        const e = outcome.get((t.body as SourceSummary).id);
        if (e === null) done.add(t.id);
        // A text not here yet (it travels before its source, but a round can end between them): taken in next round.
        else if (e && (e as { status?: number }).status === 404) this.waiting.set(t.id, null);
        else this.refused.set(t.id, e?.message ?? 'it was not put');
      }
    }
    const entityTakes = take.filter((x) => x.kind === 'entity' || x.kind === 'distinct' || x.kind === 'dismissed');
    if (entityTakes.length > 0) {
      const doc = nb.entities;
      const entities = new Map(doc.entities.map((e) => [e.id, e]));
      const pairs = new Map(doc.distinctPairs.map(([a, b]) => [distinctDocId(a, b), [a, b] as [string, string]]));
      const dismissed = new Set(doc.dismissedSuggestions);
      for (const t of entityTakes) {
        if (t.kind === 'entity') {
          if (t.body === null) entities.delete(t.id.slice('entity:'.length));
          else entities.set((t.body as Entity).id, t.body as Entity);
        } else if (t.kind === 'distinct') {
          if (t.body === null) pairs.delete(t.id);
          else pairs.set(t.id, (t.body as { pair: [string, string] }).pair);
        } else if (t.body === null) dismissed.delete(t.id.slice('dismissed:'.length));
        else dismissed.add((t.body as { key: string }).key);
      }
      // Two laptops can each make half of a circle (e1 merged into e2 here, e2 into e1 there): it is
      // undone the same way on every replica, so the repaired records sent are the same revision
      // everywhere; the two versions of each record stay listed as a conflict.
      const graph = repairEntityGraph([...entities.values()]);
      const next: EntitiesDoc = { entities: [...graph.entities], distinctPairs: [...pairs.values()], dismissedSuggestions: [...dismissed] };
      await nb.saveEntities(next);
      for (const t of entityTakes) done.add(t.id);
    }
    const annotationTakes = take.filter((x) => x.kind === 'annotation');
    if (annotationTakes.length > 0) {
      const puts: Annotation[] = [];
      const removes: string[] = [];
      for (const t of annotationTakes) {
        if (t.body === null) removes.push(t.id.slice('annotation:'.length));
        else if (nb.hasSource((t.body as Annotation).sourceId)) puts.push(t.body as Annotation);
        else this.waiting.set(t.id, (t.body as Annotation).sourceId);
      }
      try {
        await nb.applyAnnotations(puts, removes);
        for (const a of puts) done.add(annotationDocId(a.id));
        for (const id of removes) done.add(annotationDocId(id));
      } catch (e) {
        for (const t of annotationTakes) if (!this.waiting.has(t.id)) this.refused.set(t.id, (e as Error).message);
      }
    }
    const factTakes = take.filter((x) => x.kind === 'resolution' || x.kind === 'summary');
    if (factTakes.length > 0) {
      const notes = nb.factsheet;
      let resolutions = [...notes.resolutions];
      const summaries = { ...notes.summaries };
      for (const t of factTakes) {
        if (t.kind === 'resolution') {
          resolutions = resolutions.filter((r) => resolutionDocId(r) !== t.id);
          if (t.body !== null) resolutions.push(t.body as FigureResolution);
        } else if (t.body === null) delete summaries[summaryKeyOf(t.id)];
        else summaries[(t.body as { entityId: string }).entityId] = (t.body as { text: string }).text;
      }
      const next: FactsheetNotes = { resolutions, summaries };
      await nb.saveFactsheet(next);
      for (const t of factTakes) done.add(t.id);
    }
    return done;
  }

  /**
   * Records in conflict: documents whose revision tree has more than one leaf not yet settled by
   * a reporter, each version with its author. Deleted versions count (a deletion here, an edit
   * there): the edit wins in CouchDB, and the deletion is listed so that it can be chosen.
   */
  conflicts(): Promise<RecordConflict[]> {
    return this.serial(async () => {
      const out: RecordConflict[] = [];
      const candidates = await this.candidates();
      const still: string[] = [];
      for (const id of candidates) {
        const kind = kindOf(id);
        const versions = kind ? await this.versionsOf(id) : null;
        if (!kind || !versions) continue;
        still.push(id);
        out.push({ id, kind, versions });
      }
      if (still.length !== candidates.length) await this.writeCandidates(still);
      return out.sort((a, b) => a.id.localeCompare(b.id));
    });
  }

  private static readonly CANDIDATES = '_local/dossier-conflicts';

  /** Ids of documents that had more than one leaf when last seen. */
  private async candidates(): Promise<string[]> {
    const doc = await this.replica.get(Bridge.CANDIDATES).catch(() => null);
    return Array.isArray((doc as { ids?: unknown } | null)?.ids) ? (doc as unknown as { ids: string[] }).ids : [];
  }

  private async writeCandidates(ids: string[]): Promise<void> {
    const doc = await this.replica.get(Bridge.CANDIDATES).catch(() => null);
    await this.replica.put({ _id: Bridge.CANDIDATES, ...(doc ? { _rev: doc._rev } : {}), kind: 'local', ids } as unknown as RecordDocBody & Doc);
  }

  private async noteCandidates(ids: string[]): Promise<void> {
    const known = await this.candidates();
    const next = [...new Set([...known, ...ids])];
    if (next.length !== known.length) await this.writeCandidates(next);
  }

  /** The unsettled versions of a document (the winner first), or null when it has only one. */
  private async versionsOf(id: string): Promise<ConflictVersion[] | null> {
    const docs = await leavesOf(this.replica, id);
    if (docs.length < 2) return null;
    const head = await winnerOf(this.replica, id);
    if (!head || head._deleted) return null;
    // Settled by a reporter on any branch: a resolution made on one laptop while a colleague
    // edited the same record on another leaves the resolution on a branch that may not win.
    const settled = settledIn(docs);
    const version = (d: Stored<RecordDocBody>): ConflictVersion => ({
      rev: d._rev,
      winner: d._rev === head._rev,
      deleted: !!d._deleted,
      body: d._deleted ? null : (d.body ?? null),
      by: d.by ?? null,
      at: d.at ?? null,
    });
    const versions = [version(head), ...docs.filter((d) => d._rev !== head._rev && !settled.has(d._rev)).map(version)];
    return versions.length > 1 ? versions : null;
  }

  /**
   * Settles a conflict with the version the reporter chose (`keep`: one of the listed revisions)
   * or a body they combined: the losing versions are closed, the chosen one is written on top of
   * the winner with the revisions it settles, and the notebook takes it in.
   */
  resolve(id: string, choice: { keep: string } | { body: unknown }): Promise<void> {
    return this.serial(async () => {
      const kind = kindOf(id);
      const versions = await this.versionsOf(id);
      if (!kind || !versions) throw new DossierError('NOT_FOUND', `${id} is not in conflict (any more): another reporter may have settled it.`);
      let body: unknown;
      if ('keep' in choice) {
        const chosen = versions.find((v) => v.rev === choice.keep);
        if (!chosen) throw new DossierError('INVALID_INPUT', `${choice.keep} is not one of the versions of ${id}.`);
        body = chosen.deleted ? null : chosen.body;
      } else {
        body = choice.body;
        // A combined version is the reporter's own edit: it says so where the record keeps who changed it.
        if (body && typeof body === 'object' && 'updatedBy' in body) body = { ...body, updatedBy: this.options.author() };
        const problem = body === null ? null : whyRefused(id, kind, body);
        if (problem) throw new DossierError('INVALID_INPUT', `The combined version cannot be kept: ${problem}.`);
      }
      if (body === null && (kind === 'notebook' || kind === 'source'))
        throw new DossierError(
          'INVALID_INPUT',
          kind === 'notebook'
            ? 'The notebook’s name cannot be deleted: keep one of the names (or combine them into one). Nothing was changed.'
            : 'A source cannot be deleted in Dossier: keep one of its versions. Nothing was changed.',
        );
      // Edits made here to this record are part of the conflict already, or go in now.
      await this.send([id]);
      const head = await this.replica.get(id, { conflicts: true });
      const settled = settledIn(await leavesOf(this.replica, id));
      for (const v of versions) {
        settled.add(v.rev);
        if (v.winner || v.deleted) continue;
        const closed = await this.replica.remove(id, v.rev);
        settled.add(closed.rev);
      }
      const by = this.options.author();
      const at = new Date().toISOString();
      await this.replica.put(
        body === null
          ? { _id: id, _rev: head._rev, _deleted: true, kind, by, at, settled: [...settled], chosen: true }
          : { _id: id, _rev: head._rev, kind, body, by, at, settled: [...settled], chosen: true },
      );
      await this.takeIn();
      // An entity the reporter chose to keep deleted: the links to it go too (sent as their edits).
      if (kind === 'entity' && body === null) await unlinkEntity(this.nb, id.slice('entity:'.length));
    });
  }

  /** Stops listening to the notebook and closes the base log (the replica is closed by its owner). */
  async close(): Promise<void> {
    this.unsubscribe();
    await this.queue;
    await this.log.close();
  }
}

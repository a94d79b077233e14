/**
 * Team notebooks through a CouchDB-protocol server (express-pouchdb on 127.0.0.1, or the real
 * CouchDB at COUCHDB_URL): a shared notebook arrives whole on another machine, edits travel both
 * ways, concurrent edits of one record are kept and listed as conflicts, and a settled conflict
 * is settled everywhere. Every notebook here is a real one on disk, with a LevelDB replica.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/domain/annotation';
import { createSampleNotebook } from '../sample/sample';
import { contentHash } from '../store/bodies';
import { Notebook } from '../store/notebook';
import { SEEDS_DIR } from '../testing/fixtures';
import { contents, firstAnnotation, teamFixture } from '../testing/team';
import { PouchDB, type RecordDocBody } from './pouch';
import { remoteAddress } from './remote';
import { annotationDocId, sourceDocId, textDocId } from './records';
import { remoteDatabase, ShareSession } from './share';
import { memorySecrets, Sharing } from './sharing';

const f = teamFixture();
const { team, reporter } = f;

/** A team whose two reporters edited the same annotation apart, each laptop having synced after. */
async function conflicting() {
  const { asha, ben } = await team();
  const a = firstAnnotation(asha.nb);
  await asha.nb.putAnnotation({ ...a, note: '268 per the Hindustan Times.' });
  await ben.nb.putAnnotation({ ...a, note: '269 per Mathrubhumi.' });
  await asha.sync();
  await ben.sync();
  await asha.sync();
  return { asha, ben, a };
}

describe('a shared notebook', () => {
  it('arrives whole in another reporter’s empty notebook: name, sources with their texts, annotations, entities, fact-sheet notes', async () => {
    const { asha, ben } = await team();
    expect(asha.nb.listSources().length).toBe(5);
    expect(await contents(ben.nb)).toEqual(await contents(asha.nb));
    // The texts are real files of Ben's notebook (the batch in one pack), checked by hash when read.
    expect(await readdir(join(f.dir, 'ben', 'packs'))).toHaveLength(1);
    for (const s of ben.nb.listSources()) expect(s.packed?.file).toMatch(/^pack-/);
  });

  it('carries an edit and a deletion each way, and a second round moves nothing', async () => {
    const { asha, ben } = await team();
    const a = firstAnnotation(asha.nb);
    await asha.nb.putAnnotation({ ...a, note: 'Checked with the cyber cell on 6 Oct.', updatedAt: new Date().toISOString() });
    const round = await asha.sync();
    expect(round.sent).toBe(1);
    expect((await ben.sync()).received).toBe(1);
    expect(ben.nb.getAnnotation(a.id).note).toBe('Checked with the cyber cell on 6 Oct.');

    const other = ben.nb.listSources().flatMap((s) => ben.nb.listAnnotations(s.id))[1];
    await ben.nb.removeAnnotation(other.id);
    await ben.sync();
    await asha.sync();
    expect(asha.nb.hasAnnotation(other.id)).toBe(false);

    expect(await asha.sync()).toMatchObject({ sent: 0, received: 0, uploaded: 0, downloaded: 0 });
    expect(await ben.sync()).toMatchObject({ sent: 0, received: 0, uploaded: 0, downloaded: 0 });
    expect(await contents(ben.nb)).toEqual(await contents(asha.nb));
  });

  it('a join does not ask the server about what it has just sent, and an edit made after the join still reaches it', async () => {
    const database = f.couch.newDatabase();
    const asha = await reporter('Asha', await createSampleNotebook(SEEDS_DIR, join(f.dir, 'asha')), database, false);
    const shared = await asha.sync();
    // Ben's requests to the server, by what they ask.
    const asked: string[] = [];
    const counting = (url: string, init: unknown) => {
      asked.push(new URL(url).pathname.split('/').pop()!);
      return fetch(url, init as RequestInit);
    };
    const nb = await Notebook.create(join(f.dir, 'ben'), { name: 'Joining' });
    const session = await ShareSession.open(nb, () => 'Ben', { joining: true });
    const remote = new PouchDB<RecordDocBody>(remoteAddress(f.couch.server, database).url, { adapter: 'http', skip_setup: true, fetch: counting, ...(f.couch.auth ? { auth: f.couch.auth } : {}) });
    f.toClose.push(nb, session, remote);
    const joined = await session.syncOnce(remote);
    expect(joined.received).toBe(shared.sent);
    expect(asked.filter((a) => a === '_revs_diff')).toEqual([]);
    expect(await contents(nb)).toEqual(await contents(asha.nb));

    const a = firstAnnotation(nb);
    await nb.putAnnotation({ ...a, note: 'Ben: the FIR says 269.', updatedAt: new Date().toISOString() });
    expect(await session.syncOnce(remote)).toMatchObject({ sent: 1, uploaded: 1 });
    expect(asked).toContain('_revs_diff');
    await asha.sync();
    expect(asha.nb.getAnnotation(a.id).note).toBe('Ben: the FIR says 269.');
  });

  it('a first share does not read back what it has just written to the replica', async () => {
    const nb = await createSampleNotebook(SEEDS_DIR, join(f.dir, 'asha'));
    const session = await ShareSession.open(nb, () => 'Asha');
    f.toClose.push(nb, session);
    const read: number[] = [];
    const changes = session.replica.changes.bind(session.replica);
    session.replica.changes = (async (options: Parameters<typeof changes>[0]) => {
      const feed = await changes(options);
      read.push(feed.results.length);
      return feed;
    }) as typeof changes;
    const round = await session.bridge.round();
    expect(round.sent).toBeGreaterThan(20);
    expect(read.reduce((a, b) => a + b, 0)).toBe(0);
    // An edit after it still goes out, and only it.
    const a = firstAnnotation(nb);
    await nb.putAnnotation({ ...a, note: 'Checked against the FIR.' });
    expect(await session.bridge.round()).toMatchObject({ sent: 1, received: 0 });
  });

  it('takes in a colleague’s record that reached the replica while a first share was being written', async () => {
    const nb = await createSampleNotebook(SEEDS_DIR, join(f.dir, 'asha'));
    const session = await ShareSession.open(nb, () => 'Asha');
    f.toClose.push(nb, session);
    const a = firstAnnotation(nb);
    const bens = { ...a, id: `${a.id}-ben`, note: 'Ben: the FIR says 269.' };
    // The first time the bridge writes, replication (here a plain put) writes Ben's annotation too.
    const bulkDocs = session.replica.bulkDocs.bind(session.replica);
    let fired = false;
    session.replica.bulkDocs = ((docs, options) => {
      if (!fired) {
        fired = true;
        void session.replica.put({ _id: annotationDocId(bens.id), kind: 'annotation', body: bens, by: 'Ben', at: new Date().toISOString() });
      }
      return bulkDocs(docs, options);
    }) as typeof bulkDocs;
    const round = await session.bridge.round();
    expect(fired).toBe(true);
    expect(round.received).toBe(1);
    expect(nb.getAnnotation(bens.id).note).toBe('Ben: the FIR says 269.');
  });

  it('says “synced”, nothing left to send, once a first share has sent everything', async () => {
    const nb = await createSampleNotebook(SEEDS_DIR, join(f.dir, 'asha'));
    f.toClose.push(nb);
    // The status is told again once what is left to send has been counted.
    let counted: () => void = () => undefined;
    const recounted = new Promise<void>((r) => (counted = r));
    let shareReturned = false;
    const { sharing, round } = await Sharing.share(
      nb,
      { server: f.couch.server, database: f.couch.newDatabase(), username: f.couch.auth?.username ?? null, password: f.couch.auth?.password ?? null, create: true },
      { secrets: memorySecrets(), author: () => 'Asha', live: false, onStatus: () => shareReturned && counted() },
    );
    shareReturned = true;
    f.toClose.push({ close: () => sharing.stop() });
    expect(round.uploaded).toBeGreaterThan(20);
    await recounted;
    expect(sharing.status()).toMatchObject({ state: 'synced', pending: 0 });
  });

  it('keeps both of two concurrent edits of one annotation, lists them with their authors, and settles them everywhere', async () => {
    const { asha, ben, a } = await conflicting();
    // Both notebooks show the same version (CouchDB's winner), and neither edit is lost.
    expect(asha.nb.getAnnotation(a.id).note).toBe(ben.nb.getAnnotation(a.id).note);
    const listed = await asha.session.bridge.conflicts();
    expect(listed).toHaveLength(1);
    expect(listed[0].id).toBe(`annotation:${a.id}`);
    const versions = listed[0].versions.map((v) => ({ by: v.by, note: (v.body as Annotation).note })).sort((x, y) => x.by!.localeCompare(y.by!));
    expect(versions).toEqual([
      { by: 'Asha', note: '268 per the Hindustan Times.' },
      { by: 'Ben', note: '269 per Mathrubhumi.' },
    ]);
    expect(await ben.session.bridge.conflicts()).toHaveLength(1);

    // Ben keeps Asha's version: after a round each, the conflict is gone on both and both show it.
    const ashas = (await ben.session.bridge.conflicts())[0].versions.find((v) => v.by === 'Asha')!;
    await ben.session.bridge.resolve(`annotation:${a.id}`, { keep: ashas.rev });
    await ben.sync();
    await asha.sync();
    expect(ben.nb.getAnnotation(a.id).note).toBe('268 per the Hindustan Times.');
    expect(asha.nb.getAnnotation(a.id).note).toBe('268 per the Hindustan Times.');
    expect(await asha.session.bridge.conflicts()).toEqual([]);
    expect(await ben.session.bridge.conflicts()).toEqual([]);
  });

  it('a settled conflict stays settled when the record is edited again, here and on the other laptop', async () => {
    const { asha, ben, a } = await conflicting();
    const [conflict] = await asha.session.bridge.conflicts();
    await asha.session.bridge.resolve(conflict.id, { body: { ...asha.nb.getAnnotation(a.id), note: '268 (HT) or 269 (Mathrubhumi): ask the SP.' } });
    await asha.sync();
    await ben.sync();
    expect(await asha.session.bridge.conflicts()).toEqual([]);
    expect(await ben.session.bridge.conflicts()).toEqual([]);

    await asha.nb.putAnnotation({ ...asha.nb.getAnnotation(a.id), note: 'The SP confirmed 268.' });
    await asha.sync();
    await ben.sync();
    await ben.nb.putAnnotation({ ...ben.nb.getAnnotation(a.id), tags: ['confirmed'] });
    await ben.sync();
    await asha.sync();
    expect(asha.nb.getAnnotation(a.id)).toMatchObject({ note: 'The SP confirmed 268.', tags: ['confirmed'] });
    expect(await asha.session.bridge.conflicts()).toEqual([]);
    expect(await ben.session.bridge.conflicts()).toEqual([]);
  });

  it('a conflict settled on one laptop while a colleague edited the record again lists just those two versions', async () => {
    const { asha, ben, a } = await conflicting();
    const [conflict] = await asha.session.bridge.conflicts();
    await asha.session.bridge.resolve(conflict.id, { body: { ...asha.nb.getAnnotation(a.id), note: 'Asha: 268, per the FIR.' } });
    // Ben edits again (twice, so that his branch is the longer one and wins) before the resolution reaches him.
    await ben.nb.putAnnotation({ ...ben.nb.getAnnotation(a.id), note: 'Ben: 269?' });
    await ben.session.bridge.round();
    await ben.nb.putAnnotation({ ...ben.nb.getAnnotation(a.id), note: 'Ben: 269, per the SP.' });
    await asha.sync();
    await ben.sync();
    await asha.sync();
    expect(asha.nb.getAnnotation(a.id).note).toBe('Ben: 269, per the SP.');
    for (const laptop of [asha, ben]) {
      const listed = await laptop.session.bridge.conflicts();
      expect(listed.map((c) => c.versions.map((v) => (v.body as Annotation).note).sort())).toEqual([['Asha: 268, per the FIR.', 'Ben: 269, per the SP.']]);
    }
  });

  it('lists a deletion made on one laptop against an edit made on another, and can bring the deletion back as the choice', async () => {
    const { asha, ben } = await team();
    const a = firstAnnotation(asha.nb);
    await asha.nb.removeAnnotation(a.id);
    await ben.nb.putAnnotation({ ...a, note: 'Keep: the only source for the 41 arrests.' });
    await asha.sync();
    await ben.sync();
    await asha.sync();
    // The edit stands on both (CouchDB prefers a version over a deletion); the deletion is listed.
    expect(asha.nb.getAnnotation(a.id).note).toBe('Keep: the only source for the 41 arrests.');
    const [conflict] = await asha.session.bridge.conflicts();
    expect(conflict.versions.map((v) => [v.by, v.deleted]).sort()).toEqual([
      ['Asha', true],
      ['Ben', false],
    ]);
    const deletion = conflict.versions.find((v) => v.deleted)!;
    await asha.session.bridge.resolve(conflict.id, { keep: deletion.rev });
    await asha.sync();
    await ben.sync();
    expect(asha.nb.hasAnnotation(a.id)).toBe(false);
    expect(ben.nb.hasAnnotation(a.id)).toBe(false);
    expect(await ben.session.bridge.conflicts()).toEqual([]);
  });

  it('sends an edit made while sharing was not running (or lost to a crash before it reached the replica) at the next round, once', async () => {
    const database = f.couch.newDatabase();
    const nbDir = join(f.dir, 'asha');
    const nb = await createSampleNotebook(SEEDS_DIR, nbDir);
    const first = await ShareSession.open(nb, () => 'Asha');
    const remote = remoteDatabase(remoteAddress(f.couch.server, database), f.couch.auth, true);
    f.toClose.push(remote);
    await first.syncOnce(remote);
    await first.close();
    const a = firstAnnotation(nb);
    await nb.putAnnotation({ ...a, note: 'Edited with sharing off.' });
    const again = await ShareSession.open(nb, () => 'Asha');
    f.toClose.push(nb, again);
    expect((await again.syncOnce(remote)).sent).toBe(1);
    expect((await again.syncOnce(remote)).sent).toBe(0);
    const onServer = await remote.get(`annotation:${a.id}`, { conflicts: true });
    expect(onServer.body).toMatchObject({ note: 'Edited with sharing off.' });
    expect(onServer._conflicts ?? []).toEqual([]);
  });

  it('refuses a record from the server that is not a valid one, names it, and leaves the notebook as it was', async () => {
    const { asha, ben } = await team();
    const a = firstAnnotation(asha.nb);
    const before = await contents(ben.nb);
    const server = new PouchDB<RecordDocBody>(remoteAddress(f.couch.server, ben.remote.name.split('/').pop()!).url, f.couch.auth ? { auth: f.couch.auth } : {});
    f.toClose.push(server);
    const doc = await server.get(`annotation:${a.id}`);
    await server.put({ ...doc, body: { ...(doc.body as Annotation), target: 'not a target' }, by: 'Mallory' });
    await server.put({ _id: `annotation:someone-else`, kind: 'annotation', body: { ...(doc.body as Annotation) }, by: 'Mallory' });
    const round = await ben.sync();
    expect(round.refused.map((r) => r.id).sort()).toEqual([`annotation:${a.id}`, 'annotation:someone-else']);
    expect(round.refused.find((r) => r.id === 'annotation:someone-else')!.reason).toMatch(/does not match/);
    expect(round.refused.find((r) => r.id === `annotation:${a.id}`)!.reason).toMatch(/target/);
    expect(await contents(ben.nb)).toEqual(before);
  });
  it('refuses a source whose text from the server does not match its hash, and still takes in the others of the same round', async () => {
    const { asha, ben } = await team();
    const genuine = await asha.nb.addSource({
      title: 'Court hears P-Hunt bail plea',
      outlet: 'The Hindu',
      published: '2023-03-01',
      text: 'The court heard the bail plea of a man held in P-HUNT 23.1.',
      provenance: { method: 'paste', fileName: null, url: null },
    });
    await asha.sync();
    const server = new PouchDB<RecordDocBody>(remoteAddress(f.couch.server, ben.remote.name.split('/').pop()!).url, f.couch.auth ? { auth: f.couch.auth } : {});
    f.toClose.push(server);
    // A forged text under the hash of another: the source naming that hash must not come in.
    const claimed = contentHash('Police registered 269 cases in P-Hunt 20.2.');
    await server.put({ _id: textDocId(claimed), kind: 'text', body: { text: 'Police registered 2,690 cases in P-Hunt 20.2.' } });
    const forged = { ...genuine, id: 'forged', title: 'Forged report', contentHash: claimed };
    await server.put({ _id: sourceDocId('forged'), kind: 'source', body: forged, by: 'Mallory' });
    const round = await ben.sync();
    expect(round.refused).toEqual([{ id: 'source:forged', reason: expect.stringMatching(/text of “Forged report” received does not match its hash/) }]);
    expect(ben.nb.hasSource('forged')).toBe(false);
    expect((await ben.nb.getSource(genuine.id)).text).toBe('The court heard the bail plea of a man held in P-HUNT 23.1.');
  });
  it('keeps an annotation that came before its source through a restart, and takes it in when the source comes', async () => {
    const { asha, ben, database } = await team();
    const source = await asha.nb.addSource({
      title: 'Second round of P-Hunt',
      outlet: 'Mathrubhumi',
      published: '2020-10-12',
      text: 'Kerala Police arrested 41 people in P-Hunt 20.2 across the state.',
      provenance: { method: 'paste', fileName: null, url: null },
    });
    const a = firstAnnotation(asha.nb);
    const early: Annotation = {
      ...a,
      id: 'early-note',
      sourceId: source.id,
      target: { contentHash: source.contentHash, quote: { exact: 'Kerala Police', prefix: '', suffix: ' arrested 41' }, position: { start: 0, end: 13 } },
      note: 'Check the 41 against the FIR list.',
    };
    const server = new PouchDB<RecordDocBody>(remoteAddress(f.couch.server, database).url, f.couch.auth ? { auth: f.couch.auth } : {});
    f.toClose.push(server);
    // The annotation reaches the server before its source (a large share is sent in batches).
    await server.put({ _id: annotationDocId(early.id), kind: 'annotation', body: early, by: 'Asha' });
    expect((await ben.sync()).waiting).toBe(1);
    expect(ben.nb.hasAnnotation(early.id)).toBe(false);
    // Ben's Dossier closes here; when it opens again, the annotation still waits.
    f.toClose.splice(f.toClose.indexOf(ben.session), 1);
    await ben.session.close();
    const again = await ShareSession.open(ben.nb, () => 'Ben');
    f.toClose.push(again);
    await asha.sync();
    await again.syncOnce(ben.remote);
    expect(ben.nb.hasAnnotation(early.id)).toBe(true);
    expect(ben.nb.listAnnotations(source.id).find((x) => x.id === early.id)?.note).toBe('Check the 41 against the FIR list.');
    expect((await again.syncOnce(ben.remote)).waiting).toBe(0);
  });
});

describe('the server address', () => {
  it('must be https, except to this machine, and never holds the password', () => {
    expect(remoteAddress('https://couch.newsroom.example/', 'p-hunt').url).toBe('https://couch.newsroom.example/p-hunt');
    expect(remoteAddress('http://127.0.0.1:5984', 'p-hunt').server).toBe('http://127.0.0.1:5984');
    expect(() => remoteAddress('http://couch.newsroom.example', 'p-hunt')).toThrow(/https:\/\/.*unencrypted/);
    expect(() => remoteAddress('https://asha:secret@couch.newsroom.example', 'p-hunt')).toThrow(/Leave the name and password out/);
    expect(() => remoteAddress('couch.newsroom.example', 'p-hunt')).toThrow(/not a web address/);
    expect(() => remoteAddress('https://couch.newsroom.example', 'P Hunt')).toThrow(/cannot be a database name/);
  });
});

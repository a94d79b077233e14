/**
 * Team notebooks through a CouchDB-protocol server (express-pouchdb on 127.0.0.1, or the real
 * CouchDB at COUCHDB_URL): a shared notebook arrives whole on another machine, edits travel both
 * ways, concurrent edits of one record are kept and listed as conflicts, and a settled conflict
 * is settled everywhere. Every notebook here is a real one on disk, with a LevelDB replica.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/domain/annotation';
import { createSampleNotebook } from '../sample/sample';
import { Notebook } from '../store/notebook';
import { startCouchServer, type CouchServer } from '../testing/couch-server';
import { SEEDS_DIR, tempDir } from '../testing/fixtures';
import { PouchDB, type Database, type RecordDocBody } from './pouch';
import { remoteAddress } from './remote';
import { remoteDatabase, ShareSession } from './share';

let couch: CouchServer;
beforeAll(async () => {
  couch = await startCouchServer();
  if (couch.real) console.log(`[sync tests] against the CouchDB at ${couch.server}`);
});
afterAll(() => couch.close());

let dir: string;
let cleanup: () => Promise<void>;
const toClose: { close(): Promise<void> }[] = [];
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('dossier-sync-'));
});
afterEach(async () => {
  for (const c of toClose.splice(0).reverse()) await c.close();
  await cleanup();
});

interface Reporter {
  nb: Notebook;
  session: ShareSession;
  remote: Database<RecordDocBody>;
  sync(): ReturnType<ShareSession['syncOnce']>;
}

async function reporter(name: string, nb: Notebook, database: string, joining: boolean): Promise<Reporter> {
  const session = await ShareSession.open(nb, () => name, { joining });
  const remote = remoteDatabase(remoteAddress(couch.server, database), couch.auth, !joining);
  toClose.push(nb, session, remote);
  return { nb, session, remote, sync: () => session.syncOnce(remote) };
}

/** The sample notebook, shared by Asha, and an empty one Ben opens from the same database. */
async function team() {
  const database = couch.newDatabase();
  const asha = await reporter('Asha', await createSampleNotebook(SEEDS_DIR, join(dir, 'asha')), database, false);
  await asha.sync();
  const ben = await reporter('Ben', await Notebook.create(join(dir, 'ben'), { name: 'Joining' }), database, true);
  await ben.sync();
  return { asha, ben, database };
}

/** What a reporter sees of a notebook: everything but where this machine keeps its texts. */
async function contents(nb: Notebook) {
  const sources = await Promise.all(
    nb
      .listSources()
      .map(async (s) => ({ ...s, packed: undefined, versions: s.versions.map((v) => ({ ...v, packed: undefined })), provenance: { ...s.provenance, original: s.provenance.original ? { ...s.provenance.original, packed: undefined } : null }, text: (await nb.getSource(s.id)).text })),
  );
  const annotations = nb
    .listSources()
    .flatMap((s) => nb.listAnnotations(s.id))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { name: nb.info.name, sources, annotations, entities: [...nb.entities.entities].sort((a, b) => a.id.localeCompare(b.id)), factsheet: nb.factsheet };
}

const firstAnnotation = (nb: Notebook): Annotation => nb.listSources().flatMap((s) => nb.listAnnotations(s.id))[0];

describe('a shared notebook', () => {
  it('arrives whole in another reporter’s empty notebook: name, sources with their texts, annotations, entities, fact-sheet notes', async () => {
    const { asha, ben } = await team();
    expect(asha.nb.listSources().length).toBe(5);
    expect(await contents(ben.nb)).toEqual(await contents(asha.nb));
    // The texts are real files of Ben's notebook, checked by hash when read.
    expect((await readdir(join(dir, 'ben', 'bodies'))).length).toBeGreaterThanOrEqual(5);
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

  it('keeps both of two concurrent edits of one annotation, lists them with their authors, and settles them everywhere', async () => {
    const { asha, ben } = await team();
    const a = firstAnnotation(asha.nb);
    await asha.nb.putAnnotation({ ...a, note: '268 per the Hindustan Times.' });
    await ben.nb.putAnnotation({ ...a, note: '269 per Mathrubhumi.' });
    await asha.sync();
    await ben.sync();
    await asha.sync();
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
    const database = couch.newDatabase();
    const nbDir = join(dir, 'asha');
    const nb = await createSampleNotebook(SEEDS_DIR, nbDir);
    const first = await ShareSession.open(nb, () => 'Asha');
    const remote = remoteDatabase(remoteAddress(couch.server, database), couch.auth, true);
    toClose.push(remote);
    await first.syncOnce(remote);
    await first.close();
    const a = firstAnnotation(nb);
    await nb.putAnnotation({ ...a, note: 'Edited with sharing off.' });
    const again = await ShareSession.open(nb, () => 'Asha');
    toClose.push(nb, again);
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
    const server = new PouchDB<RecordDocBody>(remoteAddress(couch.server, ben.remote.name.split('/').pop()!).url, couch.auth ? { auth: couch.auth } : {});
    toClose.push(server);
    const doc = await server.get(`annotation:${a.id}`);
    await server.put({ ...doc, body: { ...(doc.body as Annotation), target: 'not a target' }, by: 'Mallory' });
    await server.put({ _id: `annotation:someone-else`, kind: 'annotation', body: { ...(doc.body as Annotation) }, by: 'Mallory' });
    const round = await ben.sync();
    expect(round.refused.map((r) => r.id).sort()).toEqual([`annotation:${a.id}`, 'annotation:someone-else']);
    expect(round.refused.find((r) => r.id === 'annotation:someone-else')!.reason).toMatch(/does not match/);
    expect(round.refused.find((r) => r.id === `annotation:${a.id}`)!.reason).toMatch(/target/);
    expect(await contents(ben.nb)).toEqual(before);
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


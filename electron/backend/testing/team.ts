/**
 * Reporters sharing a notebook, for the sync tests: a CouchDB-protocol server for the file's
 * tests (couch-server.ts), a temporary folder for each test, and notebooks with their replicas,
 * closed after each test. Call `teamFixture()` at the top of a test file.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Annotation } from '../../../shared/domain/annotation';
import { createSampleNotebook } from '../sample/sample';
import { Notebook } from '../store/notebook';
import { PouchDB, type Database, type RecordDocBody } from '../sync/pouch';
import { remoteAddress } from '../sync/remote';
import { remoteDatabase, ShareSession } from '../sync/share';
import { startCouchServer, type CouchServer } from './couch-server';
import { SEEDS_DIR, tempDir } from './fixtures';

export interface Reporter {
  name: string;
  nb: Notebook;
  session: ShareSession;
  remote: Database<RecordDocBody>;
  sync(): ReturnType<ShareSession['syncOnce']>;
}

/** What a reporter sees of a notebook: everything but where this machine keeps its texts. */
export async function contents(nb: Notebook) {
  const sources = await Promise.all(
    nb.listSources().map(async (s) => ({
      ...s,
      packed: undefined,
      versions: s.versions.map((v) => ({ ...v, packed: undefined })),
      provenance: { ...s.provenance, original: s.provenance.original ? { ...s.provenance.original, packed: undefined } : null },
      text: (await nb.getSource(s.id)).text,
    })),
  );
  const annotations = nb
    .listSources()
    .flatMap((s) => nb.listAnnotations(s.id))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { name: nb.info.name, sources, annotations, entities: [...nb.entities.entities].sort((a, b) => a.id.localeCompare(b.id)), factsheet: nb.factsheet };
}

export const allAnnotations = (nb: Notebook): Annotation[] => nb.listSources().flatMap((s) => nb.listAnnotations(s.id));
export const firstAnnotation = (nb: Notebook): Annotation => allAnnotations(nb)[0];

export interface TeamFixture {
  couch: CouchServer;
  /** This test's temporary folder. */
  dir: string;
  /** Closed (in reverse order) after the test. */
  toClose: { close(): Promise<void> }[];
  /** A reporter's notebook with its replica, syncing with `database`. */
  reporter(name: string, nb: Notebook, database: string, joining: boolean): Promise<Reporter>;
  /** The sample notebook, shared by Asha, and an empty one Ben opened from the same database. */
  team(): Promise<{ asha: Reporter; ben: Reporter; database: string }>;
  /** Reopens a reporter's replica (Dossier restarted), the notebook staying open. */
  reopen(r: Reporter): Promise<Reporter>;
  /** Closes a reporter's Dossier, runs `meanwhile` (a damage, a repair), and opens notebook and replica again. */
  restart(r: Reporter, meanwhile?: (dir: string) => Promise<void>): Promise<Reporter>;
  /** The server's database, reached directly (as a hostile or broken server could change it). */
  server(database: string): Database<RecordDocBody>;
}

export function teamFixture(): TeamFixture {
  let cleanup: () => Promise<void> = async () => undefined;
  const fixture: TeamFixture = {
    couch: undefined as unknown as CouchServer,
    dir: '',
    toClose: [],
    async reporter(name, nb, database, joining) {
      const session = await ShareSession.open(nb, () => name, { joining });
      const remote = remoteDatabase(remoteAddress(fixture.couch.server, database), fixture.couch.auth, !joining, (id, reason) => session.bridge.refuseFromServer(id, reason));
      fixture.toClose.push(nb, session, remote);
      return { name, nb, session, remote, sync: () => session.syncOnce(remote) };
    },
    async team() {
      const database = fixture.couch.newDatabase();
      const asha = await fixture.reporter('Asha', await createSampleNotebook(SEEDS_DIR, join(fixture.dir, 'asha')), database, false);
      await asha.sync();
      const ben = await fixture.reporter('Ben', await Notebook.create(join(fixture.dir, 'ben'), { name: 'Joining' }), database, true);
      await ben.sync();
      return { asha, ben, database };
    },
    async reopen(r) {
      fixture.toClose.splice(fixture.toClose.indexOf(r.session), 1);
      await r.session.close();
      const session = await ShareSession.open(r.nb, () => r.name);
      fixture.toClose.push(session);
      return { ...r, session, sync: () => session.syncOnce(r.remote) };
    },
    async restart(r, meanwhile) {
      for (const c of [r.session, r.nb]) {
        fixture.toClose.splice(fixture.toClose.indexOf(c), 1);
        await c.close();
      }
      const dir = r.nb.paths.dir;
      await meanwhile?.(dir);
      const nb = await Notebook.open(dir);
      const session = await ShareSession.open(nb, () => r.name);
      fixture.toClose.push(nb, session);
      return { ...r, nb, session, sync: () => session.syncOnce(r.remote) };
    },
    server(database) {
      const db = new PouchDB<RecordDocBody>(remoteAddress(fixture.couch.server, database).url, fixture.couch.auth ? { auth: fixture.couch.auth } : {});
      fixture.toClose.push(db);
      return db;
    },
  };
  beforeAll(async () => {
    fixture.couch = await startCouchServer();
    if (fixture.couch.real) console.log(`[sync tests] against the CouchDB at ${fixture.couch.server}`);
  });
  afterAll(() => fixture.couch.close());
  beforeEach(async () => {
    ({ dir: fixture.dir, cleanup } = await tempDir('dossier-sync-'));
  });
  afterEach(async () => {
    for (const c of fixture.toClose.splice(0).reverse()) await c.close();
    await cleanup();
  });
  return fixture;
}

/**
 * `dossier share`, `join`, `sync` and `conflicts` against a CouchDB-protocol server on 127.0.0.1
 * (or COUCHDB_URL): two notebooks on one machine standing for two reporters' laptops.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Notebook } from '../backend/store/notebook';
import { startCouchServer, type CouchServer } from '../backend/testing/couch-server';
import { tempDir } from '../backend/testing/fixtures';
import { splitDatabaseUrl } from './commands/sync';
import { main } from './main';

let couch: CouchServer;
beforeAll(async () => {
  couch = await startCouchServer();
});
afterAll(() => couch.close());

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => {
  delete process.env.DOSSIER_SYNC_PASSWORD;
  delete process.env.DOSSIER_AUTHOR;
  await cleanup();
});

/** Runs one command as `author`, with the server's password in the environment (unless told not to). */
async function run(author: string, argv: string[], password: string | null = couch.auth?.password ?? null) {
  if (password === null) delete process.env.DOSSIER_SYNC_PASSWORD;
  else process.env.DOSSIER_SYNC_PASSWORD = password;
  process.env.DOSSIER_AUTHOR = author;
  let out = '';
  let err = '';
  const code = await main(
    argv,
    (t) => (out += `${t}\n`),
    (t) => (err += `${t}\n`),
  );
  return { code, out, err };
}

const user = () => (couch.auth ? ['--user', couch.auth.username] : []);

/** Changes the note of an annotation (the first of the sample unless named) in a notebook, as the app would. */
async function editNote(dirOf: string, note: string, id?: string): Promise<string> {
  const nb = await Notebook.open(dirOf);
  try {
    const all = nb.listSources().flatMap((s) => nb.listAnnotations(s.id));
    const first = id ? all.find((a) => a.id === id)! : all[0];
    await nb.putAnnotation({ ...first, note, updatedAt: new Date().toISOString() });
    return first.id;
  } finally {
    await nb.close();
  }
}

describe('sharing from the command line', { timeout: 120_000 }, () => {
  it('shares, joins, syncs an edit across, and lists a conflict with both authors', async () => {
    const url = `${couch.server}/${couch.newDatabase()}`;
    const asha = join(dir, 'asha');
    const ben = join(dir, 'ben');
    expect((await run('Asha', ['init', asha, '--sample'])).code).toBe(0);

    const shared = await run('Asha', ['share', '--to', url, ...user(), '--notebook', asha]);
    expect(shared.err).toBe('');
    expect(shared.code).toBe(0);
    expect(shared.out).toMatch(/^Shared through .*\nSent \d+ records \(\d+ documents to the server\)/);
    const joined = await run('Ben', ['join', url, ...user(), '--notebook', ben]);
    expect(joined.code).toBe(0);
    expect(joined.out).toMatch(/^Joined "Operation P-Hunt \(sample\)" in .*ben: 5 sources\./);

    expect((await run('Asha', ['sync', '--notebook', asha])).out).toMatch(/^Sent 0 records .* took in 0 records .*\nCaught up; no conflicts\.$/m);
    const id = await editNote(asha, 'Asha: 268 in Mathrubhumi');
    expect((await run('Asha', ['sync', '--notebook', asha])).out).toMatch(/^Sent 1 record \(1 document to the server\)/);
    expect((await run('Ben', ['sync', '--notebook', ben])).out).toMatch(/took in 1 record \(1 document from it\)/);
    const benNb = await Notebook.open(ben);
    expect(
      benNb
        .listSources()
        .flatMap((s) => benNb.listAnnotations(s.id))
        .find((a) => a.id === id)?.note,
    ).toBe('Asha: 268 in Mathrubhumi');
    await benNb.close();

    await editNote(asha, 'Asha: 268', id);
    await editNote(ben, 'Ben: 269 in The Hindu', id);
    await run('Asha', ['sync', '--notebook', asha]);
    const benSync = await run('Ben', ['sync', '--notebook', ben]);
    expect(benSync.out).toMatch(/Caught up; 1 record changed on two laptops at once: see "dossier conflicts"\./);

    const listed = await run('Ben', ['conflicts', '--notebook', ben]);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(new RegExp(`^annotation:${id} \\(annotation\\): 2 versions, differing in note`, 'm'));
    expect(listed.out).toMatch(/^ {2}[*-] \d+-[0-9a-f]+ {2}Asha at .*: note = "Asha: 268"/m);
    expect(listed.out).toMatch(/^ {2}[*-] \d+-[0-9a-f]+ {2}Ben at .*: note = "Ben: 269 in The Hindu"/m);
    const asJson = JSON.parse((await run('Ben', ['conflicts', '--notebook', ben, '--json'])).out);
    expect(asJson).toHaveLength(1);
    expect(asJson[0].versions.map((v: { by: string }) => v.by).sort()).toEqual(['Asha', 'Ben']);
  });

  it('wants the password in DOSSIER_SYNC_PASSWORD, never as an argument, and says so', async () => {
    if (!couch.auth) return void console.log('[cli sync] skipped: the CouchDB at COUCHDB_URL takes no password');
    const asha = join(dir, 'asha');
    await run('Asha', ['init', asha, '--sample']);
    const missing = await run('Asha', ['share', '--to', `${couch.server}/${couch.newDatabase()}`, ...user(), '--notebook', asha], null);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/give the password of reporter in the environment variable DOSSIER_SYNC_PASSWORD/);
    const wrong = await run('Asha', ['share', '--to', `${couch.server}/${couch.newDatabase()}`, ...user(), '--notebook', asha], 'wrong');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/refused the name or password/);
    expect((await run('Asha', ['sync', '--notebook', asha])).err).toMatch(/This notebook is not shared/);
  });

  it('refuses plain http to another machine, an address without a database, and a notebook not shared', async () => {
    const asha = join(dir, 'asha');
    await run('Asha', ['init', asha, '--sample']);
    const http = await run('Asha', ['share', '--to', 'http://couch.example.org/p-hunt', '--notebook', asha]);
    expect(http.code).toBe(1);
    expect(http.err).toMatch(/must start with https:\/\//);
    const noDb = await run('Asha', ['share', '--to', 'https://couch.example.org/', '--notebook', asha]);
    expect(noDb.code).toBe(2);
    expect(noDb.err).toMatch(/names no database/);
    expect((await run('Asha', ['conflicts', '--notebook', asha])).err).toMatch(/not shared/);
    const badJoin = await run('Ben', ['join', `${couch.server}/${couch.newDatabase()}`, ...user(), '--notebook', join(dir, 'ben')]);
    expect(badJoin.code).toBe(1);
    expect(badJoin.err).toMatch(/There is no database/);
  });

  it('never repeats a password typed into the address, and says when DOSSIER_SYNC_PASSWORD is not set for a sync', async () => {
    const asha = join(dir, 'asha');
    await run('Asha', ['init', asha, '--sample']);
    for (const to of ['https://asha:S3cr3t-Pa55@couch.example.org/', 'https://asha:S3cr3t-Pa55@couch.example.org/p-hunt', 'asha:S3cr3t-Pa55@couch']) {
      const typed = await run('Asha', ['share', '--to', to, '--notebook', asha]);
      expect(typed.code).toBeGreaterThan(0);
      expect(typed.out + typed.err).not.toContain('S3cr3t-Pa55');
    }
    if (!couch.auth) return void console.log('[cli sync] the rest skipped: the CouchDB at COUCHDB_URL takes no password');
    const url = `${couch.server}/${couch.newDatabase()}`;
    expect((await run('Asha', ['share', '--to', url, ...user(), '--notebook', asha])).code).toBe(0);
    const unset = await run('Asha', ['sync', '--notebook', asha], null);
    expect(unset.code).toBe(1);
    expect(unset.err).toMatch(/DOSSIER_SYNC_PASSWORD is not set/);
    expect(unset.err).not.toMatch(/refused the name or password/);
  });

  it('reads a database’s address as server and name', () => {
    expect(splitDatabaseUrl('https://couch.example.org/newsroom/p-hunt')).toEqual({ server: 'https://couch.example.org/newsroom', database: 'p-hunt' });
    expect(splitDatabaseUrl('http://127.0.0.1:5984/team%2Fp-hunt')).toEqual({ server: 'http://127.0.0.1:5984', database: 'team/p-hunt' });
  });
});

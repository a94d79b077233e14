/**
 * A broken or hostile server (issue 26): whatever it answers, the notebook goes to the configured
 * server only, the password too, and every failure is said in words.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSampleNotebook } from '../sample/sample';
import { SEEDS_DIR } from '../testing/fixtures';
import { startFront, startSink, type TestHost } from '../testing/hostile-server';
import { Notebook } from '../store/notebook';
import { allAnnotations, teamFixture } from '../testing/team';
import { remoteAddress } from './remote';
import { remoteDatabase, ShareSession } from './share';
import { extractLazily } from '../import/extract-lazily';
import { prepareBytes, storeBatch } from '../import/pipeline';
import { originalDocId, sourceDocId, textDocId } from './records';
import { fetchWithin, RedirectRefused } from './guarded-fetch';
import { memorySecrets, Sharing } from './sharing';

const f = teamFixture();

async function host(start: Promise<TestHost>): Promise<TestHost> {
  const h = await start;
  f.toClose.push(h);
  return h;
}

/** Shares the sample through `server`; what Sharing.share answered. */
async function shareThrough(server: string) {
  const nb = await createSampleNotebook(SEEDS_DIR, join(f.dir, 'asha'));
  f.toClose.push(nb);
  const auth = f.couch.auth;
  return Sharing.share(
    nb,
    { server, database: f.couch.newDatabase(), username: auth?.username ?? null, password: auth?.password ?? null, create: true },
    { secrets: memorySecrets(), author: () => 'Asha', live: false },
  ).then(
    async ({ sharing, round }) => {
      await sharing.stop();
      return { shared: true as const, round };
    },
    (e: Error) => ({ shared: false as const, message: e.message }),
  );
}

describe('redirects', () => {
  it.each([
    ['to another host, over plain http', (sink: TestHost) => `http://localhost:${sink.port}`],
    ['to the same host on another port', (sink: TestHost) => sink.url],
  ])('a server that sends the notebook’s records on %s is refused: nothing and no password reach the other address', async (_label, elsewhere) => {
    const sink = await host(startSink());
    const front = await host(startFront(f.couch.server, (_method, path) => (/_revs_diff|_bulk_docs/.test(path) ? { status: 307, headers: { location: `${elsewhere(sink)}${path}` } } : null)));
    const result = await shareThrough(front.url);
    expect(result.shared).toBe(false);
    const message = result.shared ? '' : result.message;
    expect(message).toContain(elsewhere(sink));
    expect(message).toMatch(/nothing was sent there/);
    expect(message).not.toMatch(/object Object/);
    expect(sink.seen).toEqual([]);
    // The front itself saw the password, as the configured server may.
    expect(front.seen.some((r) => r.headers.authorization?.startsWith('Basic '))).toBe(true);
  });
});

describe('a server that fails mid-round', () => {
  it.each([
    ['with CouchDB’s words', { status: 500, body: JSON.stringify({ error: 'internal_server_error', reason: 'the disk is full' }) }, /Syncing with 127\.0\.0\.1:\d+ failed: the disk is full/],
    ['with an empty answer', { status: 500, body: '{}' }, /Syncing with 127\.0\.0\.1:\d+ failed: the server answered with an error \(HTTP 500\) and gave no reason/],
  ])('%s: the share fails in a sentence, nothing is shared, and no “[object Object]”', async (_label, answer, words) => {
    const front = await host(startFront(f.couch.server, (method, path) => (method === 'POST' && /_bulk_docs/.test(path) ? answer : null)));
    const result = await shareThrough(front.url);
    expect(result.shared).toBe(false);
    const message = result.shared ? '' : result.message;
    expect(message).toMatch(words);
    expect(message).not.toMatch(/object Object|^\s*at /m);
  });
});

describe('fetchWithin', () => {
  const response = (status: number, location?: string) => ({ status, headers: { get: (n: string) => (n === 'location' ? (location ?? null) : null) } });
  it('follows a redirect within the origin, and refuses one to another scheme, host or port', async () => {
    const asked: string[] = [];
    const routes: Record<string, ReturnType<typeof response>> = {
      'https://couch.example/db/_changes': response(301, '/db/_changes?feed=normal'),
      'https://couch.example/db/_changes?feed=normal': response(200),
      'https://couch.example/db/_bulk_docs': response(307, 'http://couch.example/db/_bulk_docs'),
      'https://couch.example/db/_revs_diff': response(307, 'https://couch.example:8443/db/_revs_diff'),
      'https://couch.example/db/_all_docs': response(302, 'https://other.example/db/_all_docs'),
      'https://couch.example/db/loop': response(302, '/db/loop'),
    };
    const fetch = fetchWithin('https://couch.example', async (url: string, options?: unknown) => {
      expect((options as { redirect?: string }).redirect).toBe('manual');
      asked.push(url);
      return routes[url] ?? response(404);
    });
    expect((await fetch('https://couch.example/db/_changes')).status).toBe(200);
    for (const path of ['_bulk_docs', '_revs_diff', '_all_docs']) await expect(fetch(`https://couch.example/db/${path}`)).rejects.toBeInstanceOf(RedirectRefused);
    await expect(fetch('https://couch.example/db/loop')).rejects.toThrow(/after 5 redirects/);
    await expect(fetch('https://elsewhere.example/db')).rejects.toBeInstanceOf(RedirectRefused);
    expect(asked.filter((u) => !u.startsWith('https://couch.example/'))).toEqual([]);
  });
});

describe('what a broken server holds', () => {
  it('thousands of versions of one record: the round ends, that record is refused by name and stays listed, everything else syncs', async () => {
    const { asha, database } = await f.team();
    // A server that lists 3,000 versions of one annotation (PouchDB, taking them in one write, overflowed its stack and never ended the round).
    const flood = 'annotation:flood';
    const other = allAnnotations(asha.nb)[1];
    const revs = Array.from({ length: 3000 }, (_, i) => `2-${createHash('md5').update(`leaf ${i}`).digest('hex')}`);
    const front = await host(
      startFront(
        f.couch.server,
        () => null,
        (_method, path, body) => {
          const feed = body as { results?: { id: string; docs?: unknown[] }[]; last_seq?: unknown };
          if (!Array.isArray(feed.results)) return body;
          if (path.includes('/_changes')) return { ...feed, results: [...feed.results, { seq: feed.last_seq, id: flood, changes: revs.map((rev) => ({ rev })) }] };
          // Asked for them, it sends every version (as the hostile server did).
          const version = (rev: string) => ({
            ok: { _id: flood, _rev: rev, _revisions: { start: 2, ids: [rev.slice(2), 'f'.repeat(32)] }, kind: 'annotation', body: { ...other, id: 'flood' }, by: 'Mallory' },
          });
          if (path.includes('/_bulk_get')) return { results: feed.results.map((r) => (r.id === flood ? { id: flood, docs: revs.map(version) } : r)) };
          return body;
        },
      ),
    );
    await asha.nb.putAnnotation({ ...other, note: 'Asha: still gets through.' });
    await asha.sync();
    const nb = await Notebook.create(join(f.dir, 'carol'), { name: 'Joining' });
    const session = await ShareSession.open(nb, () => 'Carol', { joining: true });
    const remote = remoteDatabase(remoteAddress(front.url, database), f.couch.auth, false, (id, reason) => session.bridge.refuseFromServer(id, reason));
    f.toClose.push(nb, session, remote);
    const round = await session.syncOnce(remote);
    expect(round.refused).toEqual([{ id: flood, reason: expect.stringMatching(/the server has 3,000 versions of it/) }]);
    expect(nb.getAnnotation(other.id).note).toBe('Asha: still gets through.');
    expect(nb.listSources()).toHaveLength(5);
    expect(await session.bridge.conflicts()).toEqual([]);
    // Dossier restarts: the refusal is still listed, and sync goes on.
    await session.close();
    f.toClose.splice(f.toClose.indexOf(session), 1);
    const again = await ShareSession.open(nb, () => 'Carol');
    f.toClose.push(again);
    expect((await again.syncOnce(remote)).refused.map((r) => r.id)).toEqual([flood]);
  });
});

describe('documents a server lost or damaged', () => {
  it('the notebook’s own document deleted on the server: sync goes on, nothing is renamed, and it is written again', async () => {
    const { asha, ben, database } = await f.team();
    const server = f.server(database);
    await server.remove('notebook', (await server.get('notebook'))._rev);
    const a = allAnnotations(asha.nb)[0];
    await asha.nb.putAnnotation({ ...a, note: 'Asha: an edit after the server lost the name.' });
    await asha.sync();
    await ben.sync();
    expect(ben.nb.getAnnotation(a.id).note).toBe('Asha: an edit after the server lost the name.');
    for (const r of [asha, ben]) expect(r.nb.info.name).toBe('Operation P-Hunt (sample)');
    expect((await server.get('notebook')).body).toEqual({ name: 'Operation P-Hunt (sample)' });
  });

  it('a source deleted on the server is written again from a laptop that has it, and a joiner gets it', async () => {
    const { asha, database } = await f.team();
    const server = f.server(database);
    const source = asha.nb.listSources()[2];
    await server.remove(sourceDocId(source.id), (await server.get(sourceDocId(source.id)))._rev);
    await asha.sync();
    expect(asha.nb.hasSource(source.id)).toBe(true);
    const carol = await f.reporter('Carol', await Notebook.create(join(f.dir, 'carol'), { name: 'Joining' }), database, true);
    await carol.sync();
    expect(carol.nb.listSources()).toHaveLength(5);
  });

  it('a text deleted on the server: a joiner waits for it and says so, and gets it once a laptop that has it syncs', async () => {
    const { asha, database } = await f.team();
    const server = f.server(database);
    const source = asha.nb.listSources()[1];
    await server.remove(textDocId(source.contentHash), (await server.get(textDocId(source.contentHash)))._rev);
    const carol = await f.reporter('Carol', await Notebook.create(join(f.dir, 'carol'), { name: 'Joining' }), database, true);
    expect((await carol.sync()).waiting).toBeGreaterThanOrEqual(1);
    expect(carol.nb.listSources()).toHaveLength(4);
    await asha.sync();
    await carol.sync();
    expect(carol.nb.listSources()).toHaveLength(5);
    expect((await carol.nb.getSource(source.id)).text).toBe((await asha.nb.getSource(source.id)).text);
  });

  it('choosing “deleted” for the notebook’s name or a source in a conflict is refused in words, and sync goes on', async () => {
    const { asha, ben, database } = await f.team();
    await asha.nb.rename('P-Hunt, Asha’s name');
    await ben.nb.rename('P-Hunt, Ben’s name');
    await asha.sync();
    await ben.sync();
    await asha.sync();
    const [conflict] = await asha.session.bridge.conflicts();
    expect(conflict.id).toBe('notebook');
    await expect(asha.session.bridge.resolve('notebook', { body: null })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/name cannot be deleted/) });
    // Nor as a deleted version a broken server made.
    const server = f.server(database);
    const loser = conflict.versions.find((v) => !v.winner)!;
    await server.bulkDocs(
      [
        {
          _id: 'notebook',
          _rev: `${Number(loser.rev.split('-')[0]) + 1}-${'d'.repeat(32)}`,
          _revisions: { start: Number(loser.rev.split('-')[0]) + 1, ids: ['d'.repeat(32), loser.rev.split('-')[1]] },
          _deleted: true,
          kind: 'notebook',
        },
      ] as never,
      { new_edits: false },
    );
    await asha.sync();
    const deletedVersion = (await asha.session.bridge.conflicts())[0].versions.find((v) => v.deleted);
    expect(deletedVersion).toBeDefined();
    await expect(asha.session.bridge.resolve('notebook', { keep: deletedVersion!.rev })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/name cannot be deleted/) });
    const [now] = await asha.session.bridge.conflicts();
    await asha.session.bridge.resolve('notebook', { keep: now.versions.find((v) => v.winner)!.rev });
    await asha.sync();
    await ben.sync();
    expect(ben.nb.info.name).toBe(asha.nb.info.name);
  });

  it('an original file whose bytes do not match its sha256 is not kept, and said; its source comes in without it', async () => {
    const { asha, database } = await f.team();
    const text = 'date 2024-05-02\n\nThe council paid £59m for the depot, the auditor said.\n';
    const [outcome] = await storeBatch(asha.nb, [await prepareBytes('council.txt', new TextEncoder().encode(text), extractLazily)]);
    expect(outcome.status).toBe('imported');
    const source = asha.nb.listSources().find((s) => s.title.startsWith('The council') || s.provenance.original !== null)!;
    const sha256 = source.provenance.original!.sha256;
    await asha.sync();
    // The server's copy of the file is swapped for other bytes.
    const server = f.server(database);
    const doc = await server.get(originalDocId(sha256));
    await server.put({ ...doc, _attachments: { file: { content_type: 'application/octet-stream', data: Buffer.from('forged bytes').toString('base64') } } } as never);
    const carol = await f.reporter('Carol', await Notebook.create(join(f.dir, 'carol'), { name: 'Joining' }), database, true);
    const round = await carol.sync();
    expect(round.refused).toEqual([{ id: originalDocId(sha256), reason: expect.stringMatching(/does not match its sha256; the source is kept without it/) }]);
    expect((await carol.nb.getSource(source.id)).text).toBe((await asha.nb.getSource(source.id)).text);
    await expect(carol.nb.readOriginal(source.id)).rejects.toThrow(/original file of this source is missing/);
  });

  it('a title far beyond what Dossier keeps, from the server, is refused by name; the rest comes in', async () => {
    const { asha, ben, database } = await f.team();
    const server = f.server(database);
    const source = asha.nb.listSources()[0];
    const doc = await server.get(sourceDocId(source.id));
    await server.put({ ...doc, body: { ...(doc.body as object), title: 'P-Hunt '.repeat(400_000) }, by: 'Mallory' });
    const a = allAnnotations(asha.nb)[0];
    await asha.nb.putAnnotation({ ...a, note: 'Asha: still gets through.' });
    await asha.sync();
    const round = await ben.sync();
    expect(round.refused).toEqual([{ id: sourceDocId(source.id), reason: expect.stringMatching(/title.*at most 2,000 characters/) }]);
    expect(ben.nb.sourceSummary(source.id).title).toBe(source.title);
    expect(ben.nb.getAnnotation(a.id).note).toBe('Asha: still gets through.');
  });
});

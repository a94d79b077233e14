/**
 * A CouchDB-protocol server for tests: express-pouchdb over PouchDB's memory adapter on
 * 127.0.0.1, behind a name and password, started inside the test (CouchDB itself cannot be installed on these machines).
 * With COUCHDB_URL set (for example http://admin:secret@127.0.0.1:5984), the same tests run
 * against that real CouchDB instead, each in databases of its own, deleted afterwards.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import memory from 'pouchdb-adapter-memory';
import { PouchDB } from '../sync/pouch';

export interface CouchServer {
  /** The server's address, without credentials. */
  server: string;
  /** Credentials for it (null: an open test server). */
  auth: { username: string; password: string } | null;
  /** A new database name, unique to this run. */
  newDatabase(): string;
  /** Whether this is a real CouchDB (COUCHDB_URL). */
  real: boolean;
  close(): Promise<void>;
}

let memoryAdded = false;

export async function startCouchServer(): Promise<CouchServer> {
  const names: string[] = [];
  const newDatabase = () => {
    const name = `dossier-test-${randomBytes(5).toString('hex')}`;
    names.push(name);
    return name;
  };
  const given = process.env.COUCHDB_URL;
  if (given) {
    const url = new URL(given);
    const auth = url.username ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : null;
    url.username = '';
    url.password = '';
    const server = url.toString().replace(/\/+$/, '');
    return {
      server,
      auth,
      newDatabase,
      real: true,
      async close() {
        const headers: Record<string, string> = auth ? { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` } : {};
        await Promise.all(names.map((n) => fetch(`${server}/${n}`, { method: 'DELETE', headers }).catch(() => undefined)));
      },
    };
  }
  if (!memoryAdded) {
    PouchDB.plugin(memory);
    memoryAdded = true;
  }
  const InMemory = PouchDB.defaults({ adapter: 'memory' });
  // Like a newsroom's CouchDB, it wants a name and password on every request.
  const auth = { username: 'reporter', password: randomBytes(9).toString('base64url') };
  const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  const app = express();
  app.use((req, res, next) => {
    if (req.headers.authorization === expected) return next();
    res.status(401).json({ error: 'unauthorized', reason: 'Name or password is incorrect.' });
  });
  app.use('/', expressPouchDB(InMemory, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: false }));
  const http = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => http.once('listening', resolve).once('error', reject));
  const { port } = http.address() as AddressInfo;
  return {
    server: `http://127.0.0.1:${port}`,
    auth,
    newDatabase,
    real: false,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

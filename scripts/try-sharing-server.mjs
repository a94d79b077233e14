#!/usr/bin/env node
/**
 * A CouchDB-protocol server to try sharing on one laptop, without Docker or CouchDB:
 * express-pouchdb over PouchDB's memory adapter, on 127.0.0.1 only, behind one name and
 * password. For trying only: everything it holds is lost when it stops, and it is not a server
 * for a team (use CouchDB, README: Sharing through CouchDB).
 *
 *   npm run try-sharing                 # on 127.0.0.1:5984, a password made up and printed
 *   npm run try-sharing -- --port 6984 --user asha
 *   DOSSIER_TRY_PASSWORD=… npm run try-sharing
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import memory from 'pouchdb-adapter-memory';

let options;
try {
  ({ values: options } = parseArgs({ options: { port: { type: 'string', default: '5984' }, user: { type: 'string', default: 'reporter' } }, strict: true }));
} catch (e) {
  console.error(`try-sharing: ${e.message}\nUsage: npm run try-sharing -- [--port N] [--user NAME]`);
  process.exit(2);
}
const port = Number(options.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`try-sharing: --port must be a port number (0–65535), not “${options.port}”.`);
  process.exit(2);
}
const username = options.user;
const password = process.env.DOSSIER_TRY_PASSWORD || randomBytes(9).toString('base64url');
const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

const InMemory = PouchDB.plugin(memory).defaults({ adapter: 'memory' });
const app = express();
app.use((req, res, next) => {
  if (req.headers.authorization === expected) return next();
  res.status(401).json({ error: 'unauthorized', reason: 'Name or password is incorrect.' });
});
app.use('/', expressPouchDB(InMemory, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: false }));
const server = app.listen(port, '127.0.0.1');
server.once('error', (e) => {
  console.error(`try-sharing: could not listen on 127.0.0.1:${port} (${e.code ?? e.message}). Is another server there? Choose another with --port.`);
  process.exit(1);
});
server.once('listening', () => {
  const address = `http://127.0.0.1:${server.address().port}`;
  console.log(`A server to try sharing is running at ${address} (this computer only).`);
  console.log(`Name: ${username}   Password: ${password}`);
  console.log('In Dossier: Notebook ▾ Share…, with that address, any database name (it is made), that name and password;');
  console.log(`or: DOSSIER_SYNC_PASSWORD='${password}' npx dossier share --to ${address}/try --user ${username} --notebook DIR`);
  console.log('For trying only: everything it holds is lost when it stops (Ctrl+C). A team needs CouchDB (see the README).');
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

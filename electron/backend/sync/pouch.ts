/**
 * PouchDB as Dossier uses it: the local replica on disk (LevelDB, an N-API module that Electron
 * loads unrebuilt), CouchDB servers over HTTP, and CouchDB's replication protocol. Nothing else
 * of PouchDB is loaded.
 */
import PouchDB, { type Database } from 'pouchdb-core';
import http from 'pouchdb-adapter-http';
import leveldb from 'pouchdb-adapter-leveldb';
import replication from 'pouchdb-replication';

PouchDB.plugin(leveldb).plugin(http).plugin(replication);

export { PouchDB };
export type { Database, Doc, Stored } from 'pouchdb-core';

/** One document of a shared notebook as the replica holds it (records.ts). */
export interface RecordDocBody {
  kind: string;
  body?: unknown;
  /** Who wrote this revision (their display name) and when; absent on texts and originals, which are the same bytes everywhere. */
  by?: string | null;
  at?: string;
  /** Revisions of this record the reporter looked at and settled when resolving a conflict. */
  settled?: string[];
  /** Written by a reporter settling a conflict (a deletion chosen there is meant, and not undone). */
  chosen?: boolean;
}
export type Replica = Database<RecordDocBody>;

/** Opens (or creates) the replica in `folder`. */
export function openReplica(folder: string): Replica {
  return new PouchDB<RecordDocBody>(folder, { adapter: 'leveldb', auto_compaction: false });
}

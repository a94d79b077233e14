/**
 * The part of PouchDB's API that Dossier uses, typed here: DefinitelyTyped's @types/pouchdb-core
 * declares its own global Buffer and pulls in the DOM library, which breaks Node's own types.
 */
declare module 'pouchdb-core' {
  export interface Doc {
    _id: string;
    _rev?: string;
    _deleted?: boolean;
    _revisions?: { start: number; ids: string[] };
    _conflicts?: string[];
    _deleted_conflicts?: string[];
    _attachments?: Record<string, { content_type: string; data?: string | Buffer; digest?: string; stub?: boolean; length?: number }>;
  }
  export type Stored<T> = T & Doc & { _rev: string };
  export interface Change<T> {
    id: string;
    seq: number | string;
    changes: { rev: string }[];
    deleted?: boolean;
    doc?: Stored<T>;
  }
  export interface BulkResult {
    ok?: boolean;
    id?: string;
    rev?: string;
    error?: string | boolean;
    reason?: string;
    status?: number;
  }
  export interface ReplicationResult {
    ok: boolean;
    docs_read: number;
    docs_written: number;
    doc_write_failures: number;
    errors: unknown[];
    last_seq: number | string;
  }
  export interface Replication extends PromiseLike<ReplicationResult> {
    cancel(): void;
    on(event: 'change' | 'paused' | 'active' | 'denied' | 'complete' | 'error' | 'checkpoint', listener: (info: unknown) => void): this;
  }
  export interface Sync extends PromiseLike<{ push: ReplicationResult; pull: ReplicationResult }> {
    cancel(): void;
    on(event: 'change' | 'paused' | 'active' | 'denied' | 'complete' | 'error' | 'checkpoint', listener: (info: unknown) => void): this;
  }
  export interface ReplicateOptions {
    live?: boolean;
    retry?: boolean;
    batch_size?: number;
    batches_limit?: number;
    back_off_function?: (delay: number) => number;
    checkpoint?: false | 'source' | 'target';
  }
  export interface Database<T = object> {
    readonly name: string;
    info(): Promise<{ doc_count: number; update_seq: number | string; db_name: string }>;
    get(
      id: string,
      options?: { rev?: string; revs?: boolean; conflicts?: boolean; deleted_conflicts?: boolean; open_revs?: 'all' | string[]; attachments?: boolean; binary?: boolean; latest?: boolean },
    ): Promise<Stored<T>>;
    get(id: string, options: { open_revs: 'all' | string[]; revs?: boolean; attachments?: boolean; binary?: boolean }): Promise<({ ok: Stored<T> } | { missing: string })[]>;
    put(doc: T & Doc): Promise<{ ok: boolean; id: string; rev: string }>;
    remove(id: string, rev: string): Promise<{ ok: boolean; id: string; rev: string }>;
    bulkDocs(docs: (T & Doc)[], options?: { new_edits?: boolean }): Promise<BulkResult[]>;
    allDocs(options?: {
      include_docs?: boolean;
      conflicts?: boolean;
      keys?: string[];
      startkey?: string;
      endkey?: string;
      limit?: number;
      skip?: number;
      attachments?: boolean;
      binary?: boolean;
    }): Promise<{ total_rows: number; rows: { id: string; key: string; value: { rev: string; deleted?: boolean }; doc?: Stored<T>; error?: string }[] }>;
    changes(options: {
      since?: number | string;
      limit?: number;
      include_docs?: boolean;
      conflicts?: boolean;
      style?: 'main_only' | 'all_docs';
      return_docs?: boolean;
    }): Promise<{ results: Change<T>[]; last_seq: number | string }>;
    getAttachment(id: string, name: string, options?: { rev?: string }): Promise<Buffer>;
    replicate: {
      to(target: Database<T> | string, options?: ReplicateOptions): Replication;
      from(source: Database<T> | string, options?: ReplicateOptions): Replication;
    };
    sync(other: Database<T> | string, options?: ReplicateOptions): Sync;
    close(): Promise<void>;
    destroy(): Promise<void>;
  }
  export interface DatabaseOptions {
    adapter?: string;
    auto_compaction?: boolean;
    auth?: { username: string; password: string };
    skip_setup?: boolean;
    fetch?: (url: string, init: unknown) => Promise<unknown>;
  }
  interface PouchStatic {
    new <T = object>(name: string, options?: DatabaseOptions): Database<T>;
    plugin(plugin: unknown): PouchStatic;
    defaults(options: DatabaseOptions): PouchStatic;
  }
  const PouchDB: PouchStatic;
  export default PouchDB;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-leveldb' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
declare module 'express-pouchdb' {
  const expressPouchDB: (pouch: unknown, options?: Record<string, unknown>) => (req: unknown, res: unknown, next: unknown) => void;
  export default expressPouchDB;
}

declare module 'pouchdb-fetch' {
  /** node-fetch 2 with cookies, as PouchDB's http adapter uses it. */
  export const fetch: (url: string, options?: Record<string, unknown>) => Promise<{ status: number; ok: boolean; headers: { get(name: string): string | null } }>;
}

/**
 * What the notebook on this machine last agreed with its replica: for each shared record, the
 * replica revision the notebook reflects and the fingerprint of the record's body then (the
 * "base"), how far the replica's changes have been read into the notebook (`seq`), and the
 * records read that could not be taken in yet because what they need had not come (`waiting`:
 * an annotation before its source), so that reading on past them never loses them.
 *
 * With the base, each side can tell who changed: the notebook's record differs from its base's
 * fingerprint → an edit made here, to send; the replica's winning revision differs from the base
 * → a change from elsewhere, to take in. That is what makes the bridge idempotent and safe across
 * a crash: every step can be done again and is then a no-op.
 *
 * Kept in sync/base/, a LevelDB (the one PouchDB's replica already ships: leveldown, N-API): each
 * batch is one atomic write, fsynced, so a crash leaves it before or after, never between; LevelDB
 * compacts itself. A notebook shared before this kept its bases in sync/base.jsonl, an append-only
 * log; it is read once into the store and removed.
 */
import { readFile, rm } from 'node:fs/promises';
import leveldown, { type LevelDown } from 'leveldown';

/** The base of one record. */
export interface Base {
  rev: string;
  hash: string;
}

const SLOT = 37;
const REV = /^([1-9]\d{0,8})-([0-9a-f]{32})$/;
const HASH = /^[0-9a-f]{32}$/;

/**
 * The bases, kept compactly: one entry for each record of the notebook, so a notebook of 5,000
 * sources and 50,000 annotations has 60,000, and as objects with hex strings they held many
 * megabytes of the heap for as long as sharing ran (docs/PERFORMANCE.md, Sharing). Here a base in the usual form (a revision `N-<32 hex>`, a
 * fingerprint of 32 hex or, for a text or an original, its own id) is 37 bytes in one buffer
 * (generation, revision, a flag, fingerprint); any other form is kept as it is.
 */
class BaseTable {
  private readonly slots = new Map<string, number>();
  private readonly other = new Map<number, Base>();
  private readonly free: number[] = [];
  private bytes = Buffer.alloc(SLOT * 1024);
  private used = 0;

  get size(): number {
    return this.slots.size;
  }

  keys(): IterableIterator<string> {
    return this.slots.keys();
  }

  *entries(): Generator<[string, Base]> {
    for (const id of this.slots.keys()) yield [id, this.get(id)!];
  }

  get(id: string): Base | undefined {
    const slot = this.slots.get(id);
    if (slot === undefined) return undefined;
    const odd = this.other.get(slot);
    if (odd) return odd;
    const at = slot * SLOT;
    const rev = `${this.bytes.readUInt32LE(at)}-${this.bytes.toString('hex', at + 4, at + 20)}`;
    return { rev, hash: this.bytes[at + 20] === 1 ? id : this.bytes.toString('hex', at + 21, at + 37) };
  }

  set(id: string, base: Base): void {
    let slot = this.slots.get(id);
    if (slot === undefined) {
      slot = this.free.pop() ?? this.used++;
      this.slots.set(id, slot);
    }
    const rev = REV.exec(base.rev);
    const ownId = base.hash === id;
    if (!rev || (!ownId && !HASH.test(base.hash))) {
      this.other.set(slot, { rev: base.rev, hash: base.hash });
      return;
    }
    this.other.delete(slot);
    const at = slot * SLOT;
    if (at + SLOT > this.bytes.length) {
      const grown = Buffer.alloc(Math.max(this.bytes.length * 2, at + SLOT));
      this.bytes.copy(grown);
      this.bytes = grown;
    }
    this.bytes.writeUInt32LE(Number(rev[1]), at);
    this.bytes.write(rev[2], at + 4, 16, 'hex');
    this.bytes[at + 20] = ownId ? 1 : 0;
    if (!ownId) this.bytes.write(base.hash, at + 21, 16, 'hex');
  }

  delete(id: string): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    this.slots.delete(id);
    this.other.delete(slot);
    this.free.push(slot);
  }
}

/** Keys in the store: a record's base, a record that waits, the feed position. */
const BASE = 'b:';
const WAIT = 'w:';
const SEQ = 'seq';

const call = <T = void>(run: (done: (error: Error | undefined, value?: T) => void) => void) =>
  new Promise<T>((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value as T))));

type Put = { type: 'put'; key: string; value: string } | { type: 'del'; key: string };

export class BaseStore {
  private constructor(
    private readonly db: LevelDown,
    private readonly bases: BaseTable,
    private seqValue: string | number,
    private readonly waits: Map<string, string | null>,
  ) {}

  /**
   * Opens (or creates) the store in `folder`. `oldLog`: where a notebook shared before kept its
   * bases (sync/base.jsonl); when it is there, it is taken in and removed.
   */
  static async open(folder: string, oldLog?: string): Promise<BaseStore> {
    const db = leveldown(folder);
    // Everything is read into memory at open, so LevelDB's own block cache and write buffer are kept small.
    await call((done) => db.open({ createIfMissing: true, cacheSize: 1024 * 1024, writeBufferSize: 1024 * 1024 }, done));
    try {
      const store = await BaseStore.read(db);
      if (oldLog) await store.takeOldLog(oldLog);
      return store;
    } catch (error) {
      await call((done) => db.close(done)).catch(() => undefined);
      throw error;
    }
  }

  private static async read(db: LevelDown): Promise<BaseStore> {
    const bases = new BaseTable();
    const waits = new Map<string, string | null>();
    let seq: string | number = 0;
    for await (const [key, value] of db.iterator({ keyAsBuffer: false, valueAsBuffer: false }) as AsyncIterable<[string, string]>) {
      if (key.startsWith(BASE)) {
        const cut = value.indexOf('\n');
        bases.set(key.slice(BASE.length), { rev: value.slice(0, cut), hash: value.slice(cut + 1) });
      } else if (key.startsWith(WAIT)) waits.set(key.slice(WAIT.length), value === '' ? null : value.slice(1));
      else if (key === SEQ) seq = JSON.parse(value) as string | number;
    }
    return new BaseStore(db, bases, seq, waits);
  }

  /** Takes in sync/base.jsonl, a notebook's bases before they were kept here, and removes it. */
  private async takeOldLog(path: string): Promise<void> {
    const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    if (text === null) return;
    // Crashed after taking it in and before removing it: the store holds it already.
    if (this.bases.size === 0 && this.waits.size === 0 && this.seqValue === 0) {
      const old = readOldLog(text);
      await this.record(old.bases, old.seq, old.waits);
    }
    await rm(path, { force: true });
  }

  /** How far the replica's changes feed has been taken into the notebook. */
  get seq(): string | number {
    return this.seqValue;
  }

  /** Records read from the replica and not taken in yet, with what each waits for (a source id; null: its text). */
  get waiting(): ReadonlyMap<string, string | null> {
    return this.waits;
  }

  get(id: string): Base | undefined {
    return this.bases.get(id);
  }

  /** How many records have a base. */
  get size(): number {
    return this.bases.size;
  }

  /** The ids of the records that have a base. */
  ids(): IterableIterator<string> {
    return this.bases.keys();
  }

  /**
   * Records bases, and optionally what waits now (the whole set) and the feed position, in one
   * atomic write: on disk when this resolves.
   */
  async record(changes: ReadonlyMap<string, Base | null>, seq?: string | number, waiting?: ReadonlyMap<string, string | null>): Promise<void> {
    const ops: Put[] = [];
    for (const [i, base] of changes) ops.push(base ? { type: 'put', key: BASE + i, value: `${base.rev}\n${base.hash}` } : { type: 'del', key: BASE + i });
    const waitChanges: [string, string | null | undefined][] = [];
    if (waiting) {
      for (const id of this.waits.keys()) if (!waiting.has(id)) waitChanges.push([id, undefined]);
      for (const [id, need] of waiting) if (this.waits.get(id) !== need || !this.waits.has(id)) waitChanges.push([id, need]);
      for (const [w, n] of waitChanges) ops.push(n === undefined ? { type: 'del', key: WAIT + w } : { type: 'put', key: WAIT + w, value: n === null ? '' : `=${n}` });
    }
    if (seq !== undefined && seq !== this.seqValue) ops.push({ type: 'put', key: SEQ, value: JSON.stringify(seq) });
    if (ops.length === 0) return;
    await call((done) => this.db.batch(ops, { sync: true }, done));
    for (const [i, base] of changes) {
      if (base) this.bases.set(i, base);
      else this.bases.delete(i);
    }
    for (const [id, need] of waitChanges) {
      if (need === undefined) this.waits.delete(id);
      else this.waits.set(id, need);
    }
    if (seq !== undefined) this.seqValue = seq;
  }

  async close(): Promise<void> {
    await call((done) => this.db.close(done));
  }
}

type Line = { i: string; r: string; h: string } | { i: string; gone: true } | { seq: string | number } | { w: string; n: string | null } | { w: string; done: true };

/** What sync/base.jsonl held: its lines in order, a line that cannot be read being the end of a torn write. */
function readOldLog(text: string): { bases: Map<string, Base | null>; waits: Map<string, string | null>; seq: string | number } {
  const bases = new Map<string, Base | null>();
  const waits = new Map<string, string | null>();
  let seq: string | number = 0;
  for (const raw of text.split('\n')) {
    if (raw === '') continue;
    let line: Line;
    try {
      line = JSON.parse(raw) as Line;
    } catch {
      continue;
    }
    if ('seq' in line) seq = line.seq;
    else if ('w' in line) {
      if ('done' in line) waits.delete(line.w);
      else if (typeof line.w === 'string') waits.set(line.w, typeof line.n === 'string' ? line.n : null);
    } else if ('gone' in line) bases.delete(line.i);
    else if (typeof line.i === 'string' && typeof line.r === 'string' && typeof line.h === 'string') bases.set(line.i, { rev: line.r, hash: line.h });
  }
  return { bases, waits, seq };
}

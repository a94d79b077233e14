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
 * Kept in sync/base.jsonl, appended a batch at a time and fsynced (a torn last line from a crash
 * is dropped: its batch is done again), rewritten whole and atomically when it has grown to
 * several times what it holds.
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { writeFileDurably } from '../store/durable-file';

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
 * sources and 50,000 annotations has 60,000, and as objects with hex strings they took 17 MB of
 * the heap for as long as sharing ran. Here a base in the usual form (a revision `N-<32 hex>`, a
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

type Line = { i: string; r: string; h: string } | { i: string; gone: true } | { seq: string | number } | { w: string; n: string | null } | { w: string; done: true };

export class BaseLog {
  private handle: FileHandle | null = null;
  private lines = 0;

  private constructor(
    private readonly path: string,
    private readonly bases: BaseTable,
    private seqValue: string | number,
    private readonly waits: Map<string, string | null>,
    lines: number,
  ) {
    this.lines = lines;
  }

  /** Reads the log (a missing file is an empty one); lines that cannot be read are the end of a torn write. */
  static async open(path: string): Promise<BaseLog> {
    const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return '';
      throw e;
    });
    const bases = new BaseTable();
    const waits = new Map<string, string | null>();
    let seq: string | number = 0;
    let count = 0;
    for (const raw of text.split('\n')) {
      if (raw === '') continue;
      let line: Line;
      try {
        line = JSON.parse(raw) as Line;
      } catch {
        continue;
      }
      count++;
      if ('seq' in line) seq = line.seq;
      else if ('w' in line) {
        if ('done' in line) waits.delete(line.w);
        else if (typeof line.w === 'string') waits.set(line.w, typeof line.n === 'string' ? line.n : null);
      }
      else if ('gone' in line) bases.delete(line.i);
      else if (typeof line.i === 'string' && typeof line.r === 'string' && typeof line.h === 'string') bases.set(line.i, { rev: line.r, hash: line.h });
    }
    const log = new BaseLog(path, bases, seq, waits, count);
    // A log much longer than what it holds is rewritten at open, before anything is appended; so
    // is one that ends in a torn line (what is appended next would be glued to it).
    if (count > 2 * (bases.size + waits.size) + 1000 || (text !== '' && !text.endsWith('\n'))) await log.compact();
    return log;
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
   * Records bases, and optionally what waits now (the whole set) and the feed position, durably:
   * on disk when this resolves. The position comes last, so a torn write never records reading
   * past a record that waits without recording that it waits.
   */
  async record(changes: ReadonlyMap<string, Base | null>, seq?: string | number, waiting?: ReadonlyMap<string, string | null>): Promise<void> {
    const out: string[] = [];
    for (const [i, base] of changes) out.push(JSON.stringify(base ? { i, r: base.rev, h: base.hash } : { i, gone: true }));
    const waitChanges: [string, string | null | undefined][] = [];
    if (waiting) {
      for (const id of this.waits.keys()) if (!waiting.has(id)) waitChanges.push([id, undefined]);
      for (const [id, need] of waiting) if (this.waits.get(id) !== need || !this.waits.has(id)) waitChanges.push([id, need]);
      for (const [w, n] of waitChanges) out.push(JSON.stringify(n === undefined ? { w, done: true } : { w, n }));
    }
    if (seq !== undefined && seq !== this.seqValue) out.push(JSON.stringify({ seq }));
    if (out.length === 0) return;
    if (!this.handle) this.handle = await open(this.path, 'a');
    await this.handle.appendFile(`${out.join('\n')}\n`);
    await this.handle.sync();
    for (const [i, base] of changes) {
      if (base) this.bases.set(i, base);
      else this.bases.delete(i);
    }
    for (const [id, need] of waitChanges) {
      if (need === undefined) this.waits.delete(id);
      else this.waits.set(id, need);
    }
    if (seq !== undefined) this.seqValue = seq;
    this.lines += out.length;
  }

  /** Rewrites the log as what it holds, atomically. */
  async compact(): Promise<void> {
    await this.handle?.close();
    this.handle = null;
    const out = Array.from(this.bases.entries(), ([i, b]) => JSON.stringify({ i, r: b.rev, h: b.hash }));
    for (const [w, n] of this.waits) out.push(JSON.stringify({ w, n }));
    out.push(JSON.stringify({ seq: this.seqValue }));
    await writeFileDurably(this.path, `${out.join('\n')}\n`);
    this.lines = out.length;
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = null;
  }
}

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

type Line = { i: string; r: string; h: string } | { i: string; gone: true } | { seq: string | number } | { w: string; n: string | null } | { w: string; done: true };

export class BaseLog {
  private handle: FileHandle | null = null;
  private lines = 0;

  private constructor(
    private readonly path: string,
    readonly bases: Map<string, Base>,
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
    const bases = new Map<string, Base>();
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
    const out = [...this.bases].map(([i, b]) => JSON.stringify({ i, r: b.rev, h: b.hash }));
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

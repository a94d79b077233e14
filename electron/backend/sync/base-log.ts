/**
 * What the notebook on this machine last agreed with its replica: for each shared record, the
 * replica revision the notebook reflects and the fingerprint of the record's body then (the
 * "base"), and how far the replica's changes have been read into the notebook (`seq`).
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

type Line = { i: string; r: string; h: string } | { i: string; gone: true } | { seq: string | number };

export class BaseLog {
  private handle: FileHandle | null = null;
  private lines = 0;

  private constructor(
    private readonly path: string,
    readonly bases: Map<string, Base>,
    private seqValue: string | number,
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
      else if ('gone' in line) bases.delete(line.i);
      else if (typeof line.i === 'string' && typeof line.r === 'string' && typeof line.h === 'string') bases.set(line.i, { rev: line.r, hash: line.h });
    }
    const log = new BaseLog(path, bases, seq, count);
    // A log much longer than what it holds is rewritten at open, before anything is appended; so
    // is one that ends in a torn line (what is appended next would be glued to it).
    if (count > 2 * bases.size + 1000 || (text !== '' && !text.endsWith('\n'))) await log.compact();
    return log;
  }

  /** How far the replica's changes feed has been taken into the notebook. */
  get seq(): string | number {
    return this.seqValue;
  }

  get(id: string): Base | undefined {
    return this.bases.get(id);
  }

  /** Records bases (and optionally the feed position) durably: on disk when this resolves. */
  async record(changes: ReadonlyMap<string, Base | null>, seq?: string | number): Promise<void> {
    if (changes.size === 0 && seq === undefined) return;
    const out: string[] = [];
    for (const [i, base] of changes) out.push(JSON.stringify(base ? { i, r: base.rev, h: base.hash } : { i, gone: true }));
    if (seq !== undefined) out.push(JSON.stringify({ seq }));
    if (!this.handle) this.handle = await open(this.path, 'a');
    await this.handle.appendFile(`${out.join('\n')}\n`);
    await this.handle.sync();
    for (const [i, base] of changes) {
      if (base) this.bases.set(i, base);
      else this.bases.delete(i);
    }
    if (seq !== undefined) this.seqValue = seq;
    this.lines += out.length;
  }

  /** Rewrites the log as what it holds, atomically. */
  async compact(): Promise<void> {
    await this.handle?.close();
    this.handle = null;
    const out = [...this.bases].map(([i, b]) => JSON.stringify({ i, r: b.rev, h: b.hash }));
    out.push(JSON.stringify({ seq: this.seqValue }));
    await writeFileDurably(this.path, `${out.join('\n')}\n`);
    this.lines = out.length;
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = null;
  }
}

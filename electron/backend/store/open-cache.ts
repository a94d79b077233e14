/**
 * Every source shard in one file (cache/open.jsonl), so that opening a notebook of thousands of
 * sources reads one file instead of one per source, and does not check again what Dossier itself
 * checked before writing it.
 *
 * Each line holds one shard as it was on disk: its file name, its stamp (size and modification time
 * to the nanosecond, as make, git and rsync tell a changed file; a copy that keeps times, such as
 * cp -a or rsync -a, keeps the cache usable) and its data. At open every shard file is stat()ed (about 15 µs each from
 * a cold disk); a shard whose stamp differs — written since, replaced, restored, edited by hand —
 * is read and checked from its own file, as is every shard when the cache is missing. A first line
 * carries a CRC-32 of the rest, so a damaged cache is not used at all. The cache is written again
 * at close once 1% of its entries are out of date (Notebook.close); deleting it loses nothing.
 */
import { crc32 } from 'node:zlib';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SourceShard } from './layout';
import { writeFileDurably } from './durable-file';

const FORMAT = 'dossier-open-cache-2';

/** What tells a shard file's version: a write (a new file renamed into place) gives it a new time. */
export interface ShardStamp {
  size: number;
  mtimeNs: string;
}

export function sameStamp(a: ShardStamp, b: ShardStamp): boolean {
  return a.size === b.size && a.mtimeNs === b.mtimeNs;
}

/** A shard file's stamp; null when it cannot be stat()ed. */
export async function stampOf(file: string, inodes?: Map<string, number>, name?: string): Promise<ShardStamp | null> {
  const s = await stat(file, { bigint: true }).catch(() => null);
  if (s && inodes && name !== undefined) inodes.set(name, Number(s.ino));
  return s ? { size: Number(s.size), mtimeNs: s.mtimeNs.toString() } : null;
}

/**
 * The stamps of these files of a folder, many stat()s at once (a cold disk answers them in
 * parallel); `inodes`, when given, is filled with each file's inode number (to read them in disk order).
 */
export async function stampsOf(folder: string, names: readonly string[], inodes?: Map<string, number>): Promise<Map<string, ShardStamp>> {
  const stamps = new Map<string, ShardStamp>();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(32, names.length) }, async () => {
      while (next < names.length) {
        const name = names[next++];
        const stamp = await stampOf(join(folder, name), inodes, name);
        if (stamp) stamps.set(name, stamp);
      }
    }),
  );
  return stamps;
}

/** A notebook's open cache as read: when it was written, and its shards by file name. */
export interface OpenCache {
  /** When the cache was written (ISO 8601; null in a cache of an earlier version): its copies are the shards as they were then. */
  writtenAt: string | null;
  entries: Map<string, { stamp: ShardStamp; data: SourceShard }>;
}

/** The open cache; null when there is none, or it is damaged or of another format. */
export async function readOpenCache(file: string): Promise<OpenCache | null> {
  const bytes = await readFile(file).catch(() => null);
  if (!bytes) return null;
  try {
    const firstEnd = bytes.indexOf(0x0a);
    if (firstEnd < 0) return null;
    const head = JSON.parse(bytes.toString('utf8', 0, firstEnd)) as { format?: unknown; crc32?: unknown; count?: unknown; writtenAt?: unknown };
    if (head.format !== FORMAT || crc32(bytes.subarray(firstEnd + 1)) !== head.crc32) return null;
    const entries = new Map<string, { stamp: ShardStamp; data: SourceShard }>();
    // One line per shard, parsed one at a time: never one string as large as the notebook.
    for (let at = firstEnd + 1; at < bytes.length;) {
      let end = bytes.indexOf(0x0a, at);
      if (end < 0) end = bytes.length;
      const [name, size, mtimeNs, data] = JSON.parse(bytes.toString('utf8', at, end)) as [string, number, string, SourceShard];
      entries.set(name, { stamp: { size, mtimeNs }, data });
      at = end + 1;
    }
    if (entries.size !== head.count) return null;
    return { writtenAt: typeof head.writtenAt === 'string' ? head.writtenAt : null, entries };
  } catch {
    return null;
  }
}

/** Writes the cache (atomically: a temporary file renamed into place). */
export async function writeOpenCache(file: string, shards: Iterable<[name: string, stamp: ShardStamp, data: SourceShard]>): Promise<void> {
  const lines: Buffer[] = [];
  let count = 0;
  for (const [name, stamp, data] of shards) {
    lines.push(Buffer.from(`${JSON.stringify([name, stamp.size, stamp.mtimeNs, data])}\n`, 'utf8'));
    count++;
  }
  const body = Buffer.concat(lines);
  await writeFileDurably(file, Buffer.concat([Buffer.from(`${JSON.stringify({ format: FORMAT, crc32: crc32(body), count, writtenAt: new Date().toISOString() })}\n`, 'utf8'), body]));
}

/**
 * Writes a notebook's open cache at close: every shard with its file's stamp, except those not yet
 * checked against their files (a new cache must not vouch for them). Only a cache: a notebook that
 * cannot write it opens more slowly next time, nothing else, so a failure is logged, not thrown.
 */
export async function saveOpenCache(file: string, shards: Iterable<{ data: SourceShard }>, stamps: ReadonlyMap<string, ShardStamp>, unchecked: (id: string) => boolean): Promise<void> {
  const entries: [string, ShardStamp, SourceShard][] = [];
  for (const { data } of shards) {
    const name = `${data.source.id}.json`;
    const stamp = stamps.get(name);
    if (stamp && !unchecked(data.source.id)) entries.push([name, stamp, data]);
  }
  await mkdir(dirname(file), { recursive: true })
    .then(() => writeOpenCache(file, entries))
    .catch((e: unknown) => console.error(`[dossier] could not write the notebook's open cache: ${(e as Error).message}`));
}

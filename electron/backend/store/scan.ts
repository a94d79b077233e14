/**
 * Reading a notebook folder at open: what version it is, its manifest (recovered if damaged) and
 * every source shard. A file that cannot be read is moved aside untouched into quarantine/ and
 * reported; the rest of the notebook opens.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile, unlink } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { quarantineFile } from './quarantine';
import { readOpenCache, sameStamp, stampOf, stampsOf, type ShardStamp } from './open-cache';
import { Low } from 'lowdb';
import type { z } from 'zod';
import { DossierError } from '../../../shared/api/result';
import type { NotebookProblem } from '../../../shared/domain/notebook';
import { FactsheetNotes } from '../../../shared/domain/factsheet';
import { CorruptFileError, DurableJsonFile, parseJsonText, readJsonFile } from './durable-file';
import { EntitiesDoc, Manifest, ManifestHead, NOTEBOOK_FORMAT, CURRENT_SCHEMA_VERSION, SourceShard, type NotebookPaths } from './layout';

/** What a folder holds, as far as Dossier is concerned. */
export type FolderKind = { version: number } | { damagedManifest: string } | null;

/**
 * Tells a folder's schema version from its manifest, or 1 for a lone db.json. A manifest that is
 * truncated or broken but ours is "damaged"; a notebook.json of another program is refused.
 */
export async function inspectFolder(paths: NotebookPaths): Promise<FolderKind> {
  const text = await readFile(paths.manifest, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (text !== null) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return { damagedManifest: text.trim() === '' ? 'the file is empty' : `it is not valid JSON (${(e as Error).message})` };
    }
    const head = ManifestHead.safeParse(json);
    if (head.success) return { version: head.data.schemaVersion };
    if (json !== null && typeof json === 'object' && (json as { format?: unknown }).format === NOTEBOOK_FORMAT) {
      return { damagedManifest: 'it has no valid schemaVersion' };
    }
    throw new DossierError('NOT_A_NOTEBOOK', `${paths.manifest} belongs to another program, not to Dossier.`);
  }
  const v1 = await readFile(paths.v1Database).then(
    () => true,
    () => false,
  );
  return v1 ? { version: 1 } : null;
}

/** A problem found in a notebook's file, with paths relative to the notebook's folder. */
export function problem(paths: NotebookPaths, file: string, message: string, keptAt: string | null): NotebookProblem {
  return { file: relative(paths.dir, file), message, keptAt: keptAt === null ? null : relative(paths.dir, keptAt) };
}

/**
 * Reads the manifest. A damaged one is moved to quarantine and replaced: from its backup when
 * that is sound, else rebuilt with the folder's name, so that the sources are never held hostage
 * by a broken 300-byte file.
 */
export async function loadManifest(paths: NotebookPaths, kind: FolderKind, problems: NotebookProblem[]): Promise<Low<Manifest>> {
  const low = new Low(new DurableJsonFile(paths.manifest, Manifest), null as unknown as Manifest);
  if (kind && 'version' in kind) {
    await low.read();
    return low;
  }
  const reason = kind ? kind.damagedManifest : 'it is missing';
  const keptAt = await quarantineFile(paths.quarantine, paths.manifest);
  const backup = await readJsonFile(`${paths.manifest}.bak`, Manifest).catch(() => null);
  low.data = backup ?? {
    format: NOTEBOOK_FORMAT,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: randomUUID(),
    name: basename(paths.dir) || 'Recovered notebook',
    createdAt: new Date().toISOString(),
    isSample: false,
  };
  await low.write();
  const how = backup ? 'restored from its backup' : 'rebuilt; the notebook keeps its sources but took the folder name';
  problems.push(problem(paths, paths.manifest, `The notebook's manifest was damaged (${reason}) and has been ${how}.`, keptAt));
  return low;
}

/**
 * Reads a notebook-wide document (`empty` when there is none). A damaged one is set aside
 * untouched and reported (`what` names its contents, `without` what the notebook opens without),
 * and the notebook opens without it rather than not at all.
 */
async function loadDocument<S extends z.ZodType>(
  paths: NotebookPaths,
  problems: NotebookProblem[],
  file: string,
  schema: S,
  empty: z.output<S>,
  what: string,
  without: string,
): Promise<Low<z.output<S>>> {
  const low = new Low(new DurableJsonFile(file, schema), empty);
  try {
    await low.read();
  } catch (e) {
    if (!(e instanceof CorruptFileError)) throw e;
    const keptAt = paths.reader ? null : await quarantineFile(paths.quarantine, file);
    problems.push(problem(paths, file, `${e.message.replace(`${file} is damaged: `, `Could not read ${what}: `)} The notebook opened without ${without}; the file is kept for recovery.`, keptAt));
    low.data = empty;
  }
  return low;
}

/** Reads entities.json (an empty list when there is none); a damaged one is set aside and reported. */
export function loadEntities(paths: NotebookPaths, problems: NotebookProblem[]): Promise<Low<EntitiesDoc>> {
  return loadDocument(paths, problems, paths.entities, EntitiesDoc, { entities: [], dismissedSuggestions: [], distinctPairs: [] }, 'the entities', 'entities');
}

/** Reads factsheet.json (absent in a new notebook); a damaged one is set aside and reported. */
export function loadFactsheet(paths: NotebookPaths, problems: NotebookProblem[]): Promise<Low<FactsheetNotes>> {
  return loadDocument(paths, problems, paths.factsheet, FactsheetNotes, { resolutions: [], summaries: {} }, 'the fact sheet notes', 'its resolutions and summaries');
}

/** Writes a shard back from the open cache's copy; false if it could not be written. */
async function rewrite(file: string, data: SourceShard): Promise<boolean> {
  try {
    await new Low(new DurableJsonFile(file, SourceShard), data).write();
    return true;
  } catch {
    return false;
  }
}

/** How many shards are read between two yields to the event loop at open. */
const SHARDS_PER_BATCH = 100;
/**
 * From how many shards to read their files several at once, in inode order: for 50,000 shards
 * from a cold disk that took 3.5–4.4 s against 6.3–6.7 s one by one (bench:scale); for a few, a synchronous read each
 * is quicker (a file in the page cache costs microseconds, a promise more).
 */
const PARALLEL_READS_MIN = 256;
const READS_IN_FLIGHT = 32;

/** The shards of a notebook as opened, with each file's stamp and whether the open cache had them all. */
export interface LoadedShards {
  shards: Map<string, Low<SourceShard>>;
  stamps: Map<string, ShardStamp>;
  /** How many entries of the open cache are out of date: shards read from their own files, and entries of shards gone. */
  staleInCache: number;
  /** Shards taken from the cache on trust, to be checked against their files (see cache-check.ts). */
  onTrust: string[];
  /** When the open cache was written (null: none, or of an earlier version). */
  cacheWrittenAt: string | null;
}

/**
 * What the reporter is told of a damaged shard written again from the open cache's copy: that
 * copy is the source as it was when the cache was written, so later changes to it are named as lost
 * unless they are recovered from the damaged file.
 */
export function restoredFromCache(title: string, reason: string, writtenAt: string | null, keptAt: string | null): string {
  const when = writtenAt ? ` on ${writtenAt.slice(0, 16).replace('T', ' ')} UTC` : '';
  // Where the damaged file is kept travels beside the message (NotebookProblem.keptAt).
  const recover = keptAt ? 'can only be recovered from the damaged file' : 'are lost';
  return `Could not read the file of “${title}” (${reason}). It was restored as it was${when}, from the notebook's open cache; changes made to it after that are not in it and ${recover}.`;
}

/**
 * How many shards with a new time but their old size make a copy of the folder rather than a few
 * edits: fewer are read and checked at open (a few milliseconds); more are taken from the cache
 * and checked after the open (cache-check.ts).
 */
export const TRUSTED_COPY_MIN = 500;

/**
 * Reads every source shard: from the open cache (open-cache.ts) where the shard file is as the
 * cache saw it, else from its file, checked against its schema. Damaged shards go to quarantine
 * and are reported; temporary files of writes that never completed (a crash mid-save) are removed,
 * since no caller was ever told they were saved.
 *
 * A few shard files are read synchronously in batches, yielding between them to keep the event
 * loop free; many (a first open) are read several at once in inode order, which a cold disk
 * answers twice as fast.
 */
export async function loadShards(paths: NotebookPaths, problems: NotebookProblem[]): Promise<LoadedShards> {
  const names = await readdir(paths.sources).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [] as string[];
    throw e;
  });
  const shards = new Map<string, Low<SourceShard>>();
  const leftovers = names.filter((n) => /\.json\.\d+$/.test(n) || /^\..+\.tmp$/.test(n));
  await Promise.all(leftovers.map((n) => unlink(join(paths.sources, n)).catch(() => undefined)));
  const files = names.filter((n) => n.endsWith('.json'));
  const inodes = new Map<string, number>();
  const [openCache, stamps] = await Promise.all([readOpenCache(paths.openCache), stampsOf(paths.sources, files, inodes)]);
  const cache = openCache?.entries;
  let fromCache = 0;
  const damaged: { file: string; error: CorruptFileError }[] = [];
  const sameSize = (name: string) => {
    const cached = cache?.get(name);
    const stamp = stamps.get(name);
    return cached !== undefined && stamp !== undefined && !sameStamp(cached.stamp, stamp) && cached.stamp.size === stamp.size;
  };
  const copied = files.filter(sameSize).length >= TRUSTED_COPY_MIN;
  const onTrust: string[] = [];
  const toRead: string[] = [];
  for (const name of files) {
    const file = join(paths.sources, name);
    const cached = cache?.get(name);
    const stamp = stamps.get(name);
    if (cached && stamp && sameStamp(cached.stamp, stamp)) {
      shards.set(cached.data.source.id, new Low(new DurableJsonFile(file, SourceShard), cached.data));
      fromCache++;
    } else if (cached && copied && sameSize(name) && `${cached.data.source.id}.json` === name) {
      shards.set(cached.data.source.id, new Low(new DurableJsonFile(file, SourceShard), cached.data));
      onTrust.push(cached.data.source.id);
    } else toRead.push(name);
  }
  const take = (name: string, text: string) => {
    const file = join(paths.sources, name);
    try {
      const data = parseJsonText(file, text, SourceShard);
      if (`${data.source.id}.json` !== name) throw new CorruptFileError(file, `it holds source ${data.source.id}, not ${name.slice(0, -5)}`);
      shards.set(data.source.id, new Low(new DurableJsonFile(file, SourceShard), data));
    } catch (e) {
      if (!(e instanceof CorruptFileError)) throw e;
      damaged.push({ file, error: e });
    }
  };
  // A shard the process may not read (another user's file, a disk error) is left where it is and
  // named; the rest of the notebook opens. One removed meanwhile is simply not there.
  const unreadable = (name: string, e: unknown) => {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    const file = join(paths.sources, name);
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? (e as Error).message);
    problems.push(
      problem(paths, file, `Could not read this source's file (${why}); the notebook opened without it and left the file where it is. Make it readable and open the notebook again.`, null),
    );
  };
  if (toRead.length >= PARALLEL_READS_MIN) {
    // Many files from a cold disk: in the order of their inodes (near each other on disk), several at once.
    const order = [...toRead].sort((a, b) => (inodes.get(a) ?? 0) - (inodes.get(b) ?? 0));
    let next = 0;
    await Promise.all(
      Array.from({ length: READS_IN_FLIGHT }, async () => {
        while (next < order.length) {
          const name = order[next++];
          const text = await readFile(join(paths.sources, name), 'utf8').catch((e: unknown) => (unreadable(name, e), null));
          if (text !== null) take(name, text);
        }
      }),
    );
  } else {
    for (let i = 0; i < toRead.length; i += SHARDS_PER_BATCH) {
      for (const name of toRead.slice(i, i + SHARDS_PER_BATCH)) {
        let text: string;
        try {
          text = readFileSync(join(paths.sources, name), 'utf8');
        } catch (e) {
          unreadable(name, e);
          continue;
        }
        take(name, text);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  for (const { file, error } of damaged) {
    // A reader beside the app moves nothing: the app sets the file aside when it next opens it.
    const keptAt = paths.reader ? null : await quarantineFile(paths.quarantine, file);
    const reason = error.message.replace(`${file} is damaged: `, '');
    // The open cache may hold the shard as it was at the last close: the source is not lost.
    const cached = cache?.get(basename(file));
    if (cached && `${cached.data.source.id}.json` === basename(file) && (paths.reader || (await rewrite(file, cached.data)))) {
      shards.set(cached.data.source.id, new Low(new DurableJsonFile(file, SourceShard), cached.data));
      const stamp = await stampOf(file);
      if (stamp) stamps.set(basename(file), stamp);
      problems.push(problem(paths, file, restoredFromCache(cached.data.source.title, reason, openCache?.writtenAt ?? null, keptAt), keptAt));
      continue;
    }
    problems.push(problem(paths, file, `Could not read this source: ${reason}`, keptAt));
  }
  const present = new Set(files);
  const gone = [...(cache?.keys() ?? [])].filter((name) => !present.has(name)).length;
  return { shards, stamps, staleInCache: files.length - fromCache + gone, onTrust, cacheWrittenAt: openCache?.writtenAt ?? null };
}

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
import { readOpenCache, sameStamp, stampsOf, type ShardStamp } from './open-cache';
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

function problem(paths: NotebookPaths, file: string, message: string, keptAt: string | null): NotebookProblem {
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
async function loadDocument<S extends z.ZodType>(paths: NotebookPaths, problems: NotebookProblem[], file: string, schema: S, empty: z.output<S>, what: string, without: string): Promise<Low<z.output<S>>> {
  const low = new Low(new DurableJsonFile(file, schema), empty);
  try {
    await low.read();
  } catch (e) {
    if (!(e instanceof CorruptFileError)) throw e;
    const keptAt = await quarantineFile(paths.quarantine, file);
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

/** How many shards are read between two yields to the event loop at open. */
const SHARDS_PER_BATCH = 100;

/** The shards of a notebook as opened, with each file's stamp and whether the open cache had them all. */
export interface LoadedShards {
  shards: Map<string, Low<SourceShard>>;
  stamps: Map<string, ShardStamp>;
  /** How many entries of the open cache are out of date: shards read from their own files, and entries of shards gone. */
  staleInCache: number;
}

/**
 * Reads every source shard: from the open cache (open-cache.ts) where the shard file is as the
 * cache saw it, else from its file, checked against its schema. Damaged shards go to quarantine
 * and are reported; temporary files of writes that never completed (a crash mid-save) are removed,
 * since no caller was ever told they were saved.
 *
 * Shard files are read synchronously in batches: for thousands of small files that is four times
 * faster than one promise per file, and yielding between batches keeps the event loop free.
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
  const [cache, stamps] = await Promise.all([readOpenCache(paths.openCache), stampsOf(paths.sources, files)]);
  let fromCache = 0;
  const damaged: { file: string; error: CorruptFileError }[] = [];
  for (let i = 0; i < files.length; i += SHARDS_PER_BATCH) {
    for (const name of files.slice(i, i + SHARDS_PER_BATCH)) {
      const file = join(paths.sources, name);
      const cached = cache?.get(name);
      const stamp = stamps.get(name);
      if (cached && stamp && sameStamp(cached.stamp, stamp)) {
        shards.set(cached.data.source.id, new Low(new DurableJsonFile(file, SourceShard), cached.data));
        fromCache++;
        continue;
      }
      try {
        const data = parseJsonText(file, readFileSync(file, 'utf8'), SourceShard);
        if (`${data.source.id}.json` !== name) throw new CorruptFileError(file, `it holds source ${data.source.id}, not ${name.slice(0, -5)}`);
        const low = new Low(new DurableJsonFile(file, SourceShard), data);
        shards.set(data.source.id, low);
      } catch (e) {
        if (!(e instanceof CorruptFileError)) throw e;
        damaged.push({ file, error: e });
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  for (const { file, error } of damaged) {
    const keptAt = await quarantineFile(paths.quarantine, file);
    problems.push(problem(paths, file, error.message.replace(`${file} is damaged: `, 'Could not read this source: '), keptAt));
  }
  const present = new Set(files);
  const gone = [...(cache?.keys() ?? [])].filter((name) => !present.has(name)).length;
  return { shards, stamps, staleInCache: files.length - fromCache + gone };
}

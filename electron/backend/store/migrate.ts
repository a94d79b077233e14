/**
 * Brings a notebook written by an older Dossier to the current layout, one version at a time.
 * Each step writes its new files first and the manifest last: the manifest is the commit point,
 * so a step interrupted by a crash simply runs again at the next open. Old files are kept beside
 * the new ones, renamed, never deleted.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rename } from 'node:fs/promises';
import { DossierError } from '../../../shared/api/result';
import { countWords, normalizeText } from '../../../shared/domain/text';
import { putBody } from './bodies';
import { readJsonFile, serialize, writeFileDurably } from './durable-file';
import { CURRENT_SCHEMA_VERSION, NOTEBOOK_FORMAT, V1Database, type Manifest, type NotebookPaths, type SourceShard } from './layout';

/** A step from version `n` to `n + 1`. */
type Migration = (paths: NotebookPaths) => Promise<void>;

/** Version 1 (one db.json) to version 2 (manifest, shards, content-addressed bodies). */
async function v1ToV2(paths: NotebookPaths): Promise<void> {
  const db = await readJsonFile(paths.v1Database, V1Database);
  if (!db) throw new DossierError('NOT_A_NOTEBOOK', `${paths.v1Database} disappeared during migration.`);
  await mkdir(paths.sources, { recursive: true });
  await mkdir(paths.bodies, { recursive: true });
  for (const old of db.sources) {
    const text = normalizeText(old.text);
    const hash = await putBody(paths, text);
    const shard: SourceShard = {
      source: {
        id: old.id,
        title: old.title,
        outlet: old.outlet,
        published: old.published,
        wordCount: countWords(text),
        contentHash: hash,
        byline: null,
        lang: null,
        provenance: { method: 'migration', importedAt: old.addedAt, fileName: null, url: null, original: null },
        headings: [],
        versions: [],
      },
      annotations: db.annotations.filter((a) => a.sourceId === old.id).map((a) => ({ ...a, target: { ...a.target, contentHash: hash } })),
    };
    await writeFileDurably(paths.shard(old.id), serialize(shard));
  }
  const manifest: Manifest = {
    format: NOTEBOOK_FORMAT,
    schemaVersion: 2,
    id: randomUUID(),
    name: db.name,
    createdAt: db.createdAt,
    isSample: false,
  };
  await writeFileDurably(paths.manifest, serialize(manifest));
  // Kept for the user, out of the way of the next open's version check.
  await rename(paths.v1Database, `${paths.v1Database.replace(/\.json$/, '')}.v1-before-migration.json`);
}

const MIGRATIONS: Record<number, Migration> = { 1: v1ToV2 };

/**
 * Runs every step from `from` up to the current version. Returns the version it started from,
 * or null when nothing had to be done. Refuses a notebook from a newer Dossier.
 */
export async function migrate(paths: NotebookPaths, from: number): Promise<number | null> {
  if (from > CURRENT_SCHEMA_VERSION) {
    throw new DossierError(
      'SCHEMA_TOO_NEW',
      `The notebook at ${paths.dir} was written by a newer Dossier (schema ${from}; this one reads up to ${CURRENT_SCHEMA_VERSION}). Update Dossier to open it.`,
    );
  }
  if (from === CURRENT_SCHEMA_VERSION) return null;
  for (let v = from; v < CURRENT_SCHEMA_VERSION; v++) await MIGRATIONS[v](paths);
  return from;
}

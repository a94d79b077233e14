/**
 * The on-disk layout of a notebook folder, version by version.
 *
 * Version 2 (current): sharded so that a save costs O(what changed).
 *   notebook.json          the manifest: format tag, schemaVersion, id, name, flags
 *   sources/<id>.json      one shard per source: its metadata and its annotations
 *   entities.json          the entities, dismissed suggestions and not-the-same pairs
 *   factsheet.json         the fact sheet's resolutions of conflicting figures and summaries
 *   bodies/<sha256>.txt    each source's normalised text, immutable and content-addressed
 *   originals/<sha256>     each imported file as received, for provenance
 *   packs/pack-<id>.bin    a bulk import's texts and originals, a batch per file, written once;
 *                          each source records where its text and original are (and their hash)
 *   quarantine/            files that could not be read, moved aside untouched
 *   .dossier.lock          held while a process has the notebook open
 *
 * Version 1: everything in one lowdb file, db.json. Opening a version-1 notebook migrates it.
 */
import { join } from 'node:path';
import * as z from 'zod';
import { Annotation } from '../../../shared/domain/annotation';
import { PartialDate } from '../../../shared/domain/partial-date';
import { NotebookName } from '../../../shared/domain/notebook';
import { Entity, EntityId } from '../../../shared/domain/entity';
import { SourceSummary } from '../../../shared/domain/source';

/** The schema version this build writes. */
export const CURRENT_SCHEMA_VERSION = 2;

/** The tag in every manifest, so that a stray notebook.json of another program is not taken for ours. */
export const NOTEBOOK_FORMAT = 'dossier-notebook';

/** The manifest, notebook.json. `schemaVersion` is read first, before the rest is trusted. */
export const Manifest = z.object({
  format: z.literal(NOTEBOOK_FORMAT),
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  id: z.string().min(1),
  name: NotebookName,
  createdAt: z.iso.datetime(),
  isSample: z.boolean(),
});
export type Manifest = z.infer<typeof Manifest>;

/** Just enough of any manifest to tell its version. */
export const ManifestHead = z.object({
  format: z.literal(NOTEBOOK_FORMAT),
  schemaVersion: z.number().int().positive(),
});

/** One source shard, sources/<id>.json. */
export const SourceShard = z
  .object({
    source: SourceSummary,
    annotations: z.array(Annotation),
  })
  .refine((s) => s.annotations.every((a) => a.sourceId === s.source.id), {
    message: 'an annotation names a different source than its shard',
  });
export type SourceShard = z.infer<typeof SourceShard>;

/**
 * entities.json: the notebook's entities (merged ones stay as tombstones), the suggestions the
 * user dismissed (by key), and pairs the user said are not the same.
 */
export const EntitiesDoc = z.object({
  entities: z.array(Entity),
  dismissedSuggestions: z.array(z.string()).default([]),
  distinctPairs: z.array(z.tuple([EntityId, EntityId])).default([]),
});
export type EntitiesDoc = z.infer<typeof EntitiesDoc>;

/** The version-1 single file, db.json. */
export const V1Database = z.object({
  schemaVersion: z.literal(1),
  name: NotebookName,
  createdAt: z.iso.datetime(),
  sources: z.array(
    z.object({
      id: SourceSummary.shape.id,
      title: z.string().min(1),
      outlet: z.string().nullable(),
      published: PartialDate.nullable(),
      addedAt: z.iso.datetime(),
      text: z.string(),
    }),
  ),
  /** Version 1 pointed at a source's text by position and quote only, without a content hash. */
  annotations: z.array(
    Annotation.omit({ target: true }).extend({
      target: z.object({
        quote: z.object({ exact: z.string().min(1), prefix: z.string(), suffix: z.string() }),
        position: z.object({ start: z.number().int().nonnegative(), end: z.number().int().positive() }),
      }),
    }),
  ),
});
export type V1Database = z.infer<typeof V1Database>;

/** Paths inside a notebook folder. */
export function notebookPaths(dir: string) {
  return {
    dir,
    /** Opened by a reader beside the process that holds the notebook: nothing may be moved, removed or rewritten. */
    reader: false,
    manifest: join(dir, 'notebook.json'),
    entities: join(dir, 'entities.json'),
    factsheet: join(dir, 'factsheet.json'),
    v1Database: join(dir, 'db.json'),
    sources: join(dir, 'sources'),
    bodies: join(dir, 'bodies'),
    originals: join(dir, 'originals'),
    quarantine: join(dir, 'quarantine'),
    /** Every shard in one file, to open quickly (see open-cache.ts); rebuilt when missing. */
    openCache: join(dir, 'cache', 'open.jsonl'),
    lock: join(dir, '.dossier.lock'),
    shard: (id: string) => join(dir, 'sources', `${id}.json`),
    body: (hash: string) => join(dir, 'bodies', `${hash}.txt`),
    original: (hash: string) => join(dir, 'originals', hash),
    packs: join(dir, 'packs'),
    pack: (file: string) => join(dir, 'packs', file),
  };
}
export type NotebookPaths = ReturnType<typeof notebookPaths>;

/**
 * A notebook on disk: a folder of small lowdb documents (see layout.ts). Every method that
 * changes something resolves only after the change is durably on disk, and writes only the files
 * it changes.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Low } from 'lowdb';
import { DossierError } from '../../../shared/api/result';
import type { Annotation } from '../../../shared/domain/annotation';
import { comparePartialDates } from '../../../shared/domain/dates';
import type { NotebookInfo, NotebookProblem } from '../../../shared/domain/notebook';
import { SourceId, type Provenance, type Source, type SourceSummary } from '../../../shared/domain/source';
import { countWords, headingOffsets, normalizeText } from '../../../shared/domain/text';
import { getBody, putBody } from './bodies';
import { DurableJsonFile, serialize, writeFileDurably } from './durable-file';
import { CURRENT_SCHEMA_VERSION, type EntitiesDoc, type Manifest, NOTEBOOK_FORMAT, notebookPaths, SourceShard, type NotebookPaths } from './layout';
import { lockNotebook, type ReleaseLock } from './lock';
import { migrate } from './migrate';
import { inspectFolder, loadEntities, loadManifest, loadShards } from './scan';

/** What it takes to add a source; the store computes its id, hash and word count. */
export interface NewSource {
  /** A fixed id (the sample uses its file names); otherwise a random one is made. */
  id?: string;
  title: string;
  outlet: string | null;
  published: string | null;
  byline?: string | null;
  lang?: string | null;
  /** The heading paragraphs' texts, in order. */
  headings?: readonly string[];
  text: string;
  provenance: Omit<Provenance, 'importedAt' | 'original'> & { importedAt?: string; original?: Provenance['original'] };
}

function sortSources(a: SourceSummary, b: SourceSummary): number {
  return comparePartialDates(a.published, b.published) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id);
}

async function isMissingOrEmptyFolder(dir: string): Promise<boolean> {
  const s = await stat(dir).catch(() => null);
  if (!s) return true;
  if (!s.isDirectory()) return false;
  return (await readdir(dir)).length === 0;
}

export class Notebook {
  private closed = false;
  private lockLost: Error | null = null;
  /** Which source each annotation belongs to, so an id alone finds its shard. */
  private readonly annotationSource = new Map<string, string>();

  private constructor(
    readonly paths: NotebookPaths,
    private readonly manifest: Low<Manifest>,
    private readonly shards: Map<string, Low<SourceShard>>,
    private readonly entitiesDoc: Low<EntitiesDoc>,
    private readonly release: ReleaseLock,
    readonly problems: NotebookProblem[],
    readonly migratedFrom: number | null,
  ) {
    for (const [sourceId, shard] of shards) for (const a of shard.data.annotations) this.annotationSource.set(a.id, sourceId);
  }

  /** Creates an empty notebook in a folder that does not exist yet or is empty, and opens it. */
  static async create(dir: string, options: { name: string; isSample?: boolean }): Promise<Notebook> {
    const paths = notebookPaths(resolve(dir));
    if (!(await isMissingOrEmptyFolder(paths.dir))) {
      throw new DossierError('ALREADY_EXISTS', `${paths.dir} is not empty; choose an empty or new folder for a new notebook.`);
    }
    await mkdir(paths.sources, { recursive: true });
    await mkdir(paths.bodies, { recursive: true });
    const manifest: Manifest = {
      format: NOTEBOOK_FORMAT,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      id: randomUUID(),
      name: options.name.trim(),
      createdAt: new Date().toISOString(),
      isSample: options.isSample ?? false,
    };
    await writeFileDurably(paths.manifest, serialize(manifest));
    return Notebook.open(paths.dir);
  }

  /**
   * Opens a notebook folder: takes its lock, migrates an older layout, recovers a damaged
   * manifest and sets damaged shards aside (reported in `problems`).
   */
  static async open(dir: string): Promise<Notebook> {
    const paths = notebookPaths(resolve(dir));
    const s = await stat(paths.dir).catch(() => null);
    if (!s?.isDirectory()) throw new DossierError('NOT_FOUND', `There is no folder at ${paths.dir}.`);
    let kind = await inspectFolder(paths);
    if (!kind) throw new DossierError('NOT_A_NOTEBOOK', `${paths.dir} is not a Dossier notebook (it has no notebook.json).`);
    let notebook: Notebook | undefined;
    const release = await lockNotebook(paths.dir, paths.lock, (error) => {
      if (notebook) notebook.lockLost = error;
    });
    try {
      let migratedFrom: number | null = null;
      if ('version' in kind) {
        migratedFrom = await migrate(paths, kind.version);
        if (migratedFrom !== null) kind = { version: CURRENT_SCHEMA_VERSION };
      }
      const problems: NotebookProblem[] = [];
      const manifest = await loadManifest(paths, kind, problems);
      const shards = await loadShards(paths, problems);
      const entities = await loadEntities(paths, problems);
      notebook = new Notebook(paths, manifest, shards, entities, release, problems, migratedFrom);
      return notebook;
    } catch (e) {
      await release().catch(() => undefined);
      throw e;
    }
  }

  /** The notebook as the app shows it. */
  get info(): NotebookInfo {
    const m = this.manifest.data;
    return {
      id: m.id,
      name: m.name,
      path: this.paths.dir,
      schemaVersion: m.schemaVersion,
      sourceCount: this.shards.size,
      isSample: m.isSample,
      problems: this.problems,
      migratedFrom: this.migratedFrom,
    };
  }

  private assertWritable(): void {
    if (this.closed) throw new DossierError('NO_NOTEBOOK', 'This notebook has been closed.');
    if (this.lockLost) {
      throw new DossierError('NOTEBOOK_LOCKED', `Another process took over the notebook at ${this.paths.dir}; reopen it to continue.`);
    }
  }

  /** Renames the notebook. The previous manifest is kept as notebook.json.bak for recovery. */
  async rename(name: string): Promise<void> {
    this.assertWritable();
    const previous = this.manifest.data;
    await writeFileDurably(`${this.paths.manifest}.bak`, serialize(previous));
    this.manifest.data = { ...previous, name: name.trim() };
    try {
      await this.manifest.write();
    } catch (e) {
      this.manifest.data = previous;
      throw e;
    }
  }

  /** Every source, by publication date (undated last), then title. */
  listSources(): SourceSummary[] {
    return [...this.shards.values()].map((s) => s.data.source).sort(sortSources);
  }

  private shard(id: string): Low<SourceShard> {
    const shard = this.shards.get(id);
    if (!shard) throw new DossierError('NOT_FOUND', `There is no source with id ${id} in this notebook.`);
    return shard;
  }

  /** One source with its text, checked against its content hash. */
  async getSource(id: string): Promise<Source> {
    const summary = this.shard(id).data.source;
    return { ...summary, text: await getBody(this.paths, summary.contentHash) };
  }

  /** Adds a source: its text goes to bodies/ (once per distinct text), its metadata to a new shard. */
  async addSource(input: NewSource): Promise<SourceSummary> {
    this.assertWritable();
    const text = normalizeText(input.text);
    if (text === '') throw new DossierError('INVALID_INPUT', 'A source needs some text; this one is empty.');
    const id = input.id ?? randomBytes(9).toString('base64url');
    if (!SourceId.safeParse(id).success) throw new DossierError('INVALID_INPUT', `"${id}" cannot be a source id.`);
    if (this.shards.has(id)) throw new DossierError('ALREADY_EXISTS', `This notebook already has a source with id ${id}.`);
    const hash = await putBody(this.paths, text);
    const source: SourceSummary = {
      id,
      title: input.title.trim(),
      outlet: input.outlet,
      published: input.published,
      wordCount: countWords(text),
      contentHash: hash,
      byline: input.byline ?? null,
      lang: input.lang ?? null,
      headings: headingOffsets(text, input.headings ?? []),
      provenance: { ...input.provenance, importedAt: input.provenance.importedAt ?? new Date().toISOString(), original: input.provenance.original ?? null },
      versions: [],
    };
    const low = new Low(new DurableJsonFile(this.paths.shard(id), SourceShard), { source, annotations: [] });
    await low.write();
    this.shards.set(id, low);
    return source;
  }

  /** The annotations of one source, in the order they were stored. */
  listAnnotations(sourceId: string): Annotation[] {
    return this.shard(sourceId).data.annotations;
  }

  /** Every annotation of the notebook with its source. */
  *allAnnotations(): Generator<{ source: SourceSummary; annotation: Annotation }> {
    for (const shard of this.shards.values()) for (const annotation of shard.data.annotations) yield { source: shard.data.source, annotation };
  }

  /** One annotation by id, or NOT_FOUND. */
  getAnnotation(id: string): Annotation {
    const sourceId = this.annotationSource.get(id);
    const found = sourceId === undefined ? undefined : this.shards.get(sourceId)?.data.annotations.find((a) => a.id === id);
    if (!found) throw new DossierError('NOT_FOUND', `There is no annotation with id ${id} in this notebook.`);
    return found;
  }

  /** Writes a shard with new data; on failure the shard in memory is as it was. */
  private async writeShard(shard: Low<SourceShard>, next: SourceShard): Promise<void> {
    const previous = shard.data;
    shard.data = next;
    try {
      await shard.write();
    } catch (e) {
      shard.data = previous;
      throw e;
    }
  }

  /** Adds or replaces an annotation. Only its source's shard is written. */
  async putAnnotation(annotation: Annotation): Promise<void> {
    this.assertWritable();
    const owner = this.annotationSource.get(annotation.id);
    if (owner !== undefined && owner !== annotation.sourceId) {
      throw new DossierError('ALREADY_EXISTS', `Annotation ${annotation.id} belongs to another source.`);
    }
    const shard = this.shard(annotation.sourceId);
    const annotations = shard.data.annotations;
    const i = annotations.findIndex((a) => a.id === annotation.id);
    await this.writeShard(shard, { ...shard.data, annotations: i < 0 ? [...annotations, annotation] : annotations.map((a, j) => (j === i ? annotation : a)) });
    this.annotationSource.set(annotation.id, annotation.sourceId);
  }

  /** Removes an annotation and returns it as it was. */
  async removeAnnotation(id: string): Promise<Annotation> {
    this.assertWritable();
    const annotation = this.getAnnotation(id);
    const shard = this.shard(annotation.sourceId);
    await this.writeShard(shard, { ...shard.data, annotations: shard.data.annotations.filter((a) => a.id !== id) });
    this.annotationSource.delete(id);
    return annotation;
  }

  /**
   * Gives a source a new text. The old text stays in bodies/ and in the source's version list;
   * the new metadata and the re-anchored annotations are written together in one shard write, so
   * a crash leaves either the old version or the new one, never a mix.
   */
  async replaceText(sourceId: string, newText: string, reanchor: (annotations: Annotation[], hash: string) => Annotation[]): Promise<SourceSummary> {
    this.assertWritable();
    const shard = this.shard(sourceId);
    const text = normalizeText(newText);
    if (text === '') throw new DossierError('INVALID_INPUT', 'The new version is empty.');
    const old = shard.data.source;
    const hash = await putBody(this.paths, text);
    if (hash === old.contentHash) throw new DossierError('ALREADY_EXISTS', 'This version is identical to the text the notebook already has.');
    const source: SourceSummary = {
      ...old,
      contentHash: hash,
      wordCount: countWords(text),
      headings: [],
      versions: [...old.versions, { contentHash: old.contentHash, wordCount: old.wordCount, replacedAt: new Date().toISOString() }],
    };
    await this.writeShard(shard, { source, annotations: reanchor(shard.data.annotations, hash) });
    return source;
  }

  /** The entities document: entities (with tombstones), dismissed suggestions, distinct pairs. */
  get entities(): Readonly<EntitiesDoc> {
    return this.entitiesDoc.data;
  }

  /** Replaces the entities document durably; on failure it stays as it was. */
  async saveEntities(next: EntitiesDoc): Promise<void> {
    this.assertWritable();
    const previous = this.entitiesDoc.data;
    this.entitiesDoc.data = next;
    try {
      await this.entitiesDoc.write();
    } catch (e) {
      this.entitiesDoc.data = previous;
      throw e;
    }
  }

  /**
   * Changes annotations across sources (after a merge or a deletion of an entity): `change`
   * returns the new annotation or the same object; only shards with a change are written.
   */
  async rewriteAnnotations(change: (a: Annotation) => Annotation): Promise<number> {
    this.assertWritable();
    let changed = 0;
    for (const shard of this.shards.values()) {
      const next = shard.data.annotations.map(change);
      const n = next.filter((a, i) => a !== shard.data.annotations[i]).length;
      if (n === 0) continue;
      await this.writeShard(shard, { ...shard.data, annotations: next });
      changed += n;
    }
    return changed;
  }

  /** The text of a source by its content hash (current or earlier version), hash-checked. */
  getText(contentHash: string): Promise<string> {
    return getBody(this.paths, contentHash);
  }

  /** Closes the notebook and releases its lock. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.release().catch(() => undefined);
  }
}

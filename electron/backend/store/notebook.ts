/**
 * A notebook on disk: a folder of small lowdb documents (see layout.ts). Every method that
 * changes something resolves only after the change is durably on disk, and writes only the files
 * it changes.
 *
 * Notebook is the facade the app and the CLI use. Opening, locking and closing are its own; the
 * rest lives in three rooms: the sources (sources.ts: shards, texts, packs, the batch commit of
 * import and sync), their annotations (annotations.ts) and the notebook-wide records (records.ts:
 * name, entities, fact sheet). Every change reaches the listeners here, once it is on disk.
 */
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, readdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Low } from 'lowdb';
import { DossierError } from '../../../shared/api/result';
import type { Annotation } from '../../../shared/domain/annotation';
import type { FactsheetNotes } from '../../../shared/domain/factsheet';
import { comparePartialDates } from '../../../shared/domain/dates';
import type { NotebookInfo, NotebookProblem } from '../../../shared/domain/notebook';
import type { Source, SourceSummary } from '../../../shared/domain/source';
import { AnnotationRoom } from './annotations';
import { serialize, writeFileDurably } from './durable-file';
import { CURRENT_SCHEMA_VERSION, type EntitiesDoc, type Manifest, NOTEBOOK_FORMAT, notebookPaths, type NotebookPaths } from './layout';
import { removeLeftovers, removeRootLeftovers } from './leftovers';
import { lockNotebook, type ReleaseLock } from './lock';
import { migrate } from './migrate';
import { RecordRoom } from './records';
import type { NotebookChange, Room } from './room';
import { inspectFolder, loadEntities, loadFactsheet, loadManifest, loadShards, type LoadedShards } from './scan';
import { finishSnapshotRestore } from './snapshot-swap';
import { SourceRoom, type NewSource, type SharedContent } from './sources';

export type { NotebookChange } from './room';
export type { NewSource, SharedContent } from './sources';

function sortSources(a: SourceSummary, b: SourceSummary): number {
  return comparePartialDates(a.published, b.published) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id);
}

async function isMissingOrEmptyFolder(dir: string): Promise<boolean> {
  const s = await stat(dir).catch(() => null);
  if (!s) return true;
  if (!s.isDirectory()) return false;
  return (await readdir(dir)).length === 0;
}

/**
 * Why the process cannot write the notebook folder (a read-only disk or share, a folder of
 * someone else's), in words; null when it can.
 */
/** The read-only reason of a notebook opened while another process holds it (see Notebook.open). */
export const READER = 'another Dossier process has it open';

async function whyReadOnly(dir: string): Promise<string | null> {
  try {
    await access(dir, constants.W_OK);
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EROFS') return 'it is on a read-only disk';
    if (code === 'EACCES' || code === 'EPERM') return 'you may not write to its folder';
    throw e;
  }
}

export class Notebook {
  private closed = false;
  private readonly listeners = new Set<(change: NotebookChange) => void>();
  private lockLost: Error | null = null;
  private changes = 0;
  private readonly sources: SourceRoom;
  private readonly annotations: AnnotationRoom;
  private readonly records: RecordRoom;

  private constructor(
    readonly paths: NotebookPaths,
    manifest: Low<Manifest>,
    loaded: LoadedShards,
    entities: Low<EntitiesDoc>,
    factsheet: Low<FactsheetNotes>,
    private readonly release: ReleaseLock,
    readonly problems: NotebookProblem[],
    readonly migratedFrom: number | null,
  ) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the rooms reach the facade's state as it changes
    const nb = this;
    const room: Room = {
      paths,
      problems,
      get readOnly() {
        return nb.readOnly;
      },
      assertWritable: () => this.assertWritable(),
      emit: (change) => this.emit(change),
    };
    this.sources = new SourceRoom(room, loaded);
    this.annotations = new AnnotationRoom(room, this.sources);
    this.records = new RecordRoom(room, manifest, entities, factsheet);
  }

  /**
   * Resolves once every shard the notebook opened on trust from its open cache has been checked
   * against its file (at once for a notebook opened from its own files or a cache it wrote).
   */
  get checked(): Promise<void> {
    return this.sources.cacheCheck.done;
  }

  /** The background removal of files left by writes a crash interrupted (leftovers.ts): how many there were. */
  leftovers: Promise<number> = Promise.resolve(0);

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
  static async open(dir: string, options: { asReader?: boolean } = {}): Promise<Notebook> {
    const paths = notebookPaths(resolve(dir));
    paths.reader = options.asReader === true;
    // A snapshot restore a crash cut short is finished (or its leftovers removed) first — by the
    // process that holds the notebook, never by a reader beside it.
    if (!options.asReader) await finishSnapshotRestore(paths.dir);
    const s = await stat(paths.dir).catch(() => null);
    if (!s?.isDirectory()) throw new DossierError('NOT_FOUND', `There is no folder at ${paths.dir}.`);
    let kind = await inspectFolder(paths);
    if (!kind) throw new DossierError('NOT_A_NOTEBOOK', `${paths.dir} is not a Dossier notebook (it has no notebook.json).`);
    let notebook: Notebook | undefined;
    // A reader (the CLI beside the app) takes no lock and writes nothing: the files as they are on
    // disk, each written whole by the app, are what it reads.
    const readOnly = (await whyReadOnly(paths.dir)) ?? (options.asReader ? READER : null);
    if (readOnly && !('version' in kind))
      throw new DossierError(
        'NOTEBOOK_CORRUPT',
        `The notebook's manifest is damaged (${kind.damagedManifest}), and ${readOnly}, so it cannot be repaired here. Copy the folder somewhere Dossier can write, and open the copy.`,
      );
    if (readOnly && 'version' in kind && kind.version !== CURRENT_SCHEMA_VERSION)
      throw new DossierError('READ_ONLY', `This notebook is of an older Dossier format and ${readOnly}, so it cannot be upgraded. Copy the folder somewhere Dossier can write, and open the copy.`);
    // A folder nobody may write cannot hold a lock; nobody can change it either, so none is needed.
    const release = readOnly
      ? async () => undefined
      : await lockNotebook(paths.dir, paths.lock, (error) => {
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
      const [shards] = await Promise.all([loadShards(paths, problems), paths.reader ? undefined : removeRootLeftovers(paths)]);
      const entities = await loadEntities(paths, problems);
      const factsheet = await loadFactsheet(paths, problems);
      notebook = new Notebook(paths, manifest, shards, entities, factsheet, release, problems, migratedFrom);
      notebook.readOnly = readOnly;
      if (!readOnly) notebook.leftovers = removeLeftovers(paths).catch(() => 0);
      return notebook;
    } catch (e) {
      await release().catch(() => undefined);
      throw e;
    }
  }

  /** The notebook as the app shows it. */
  get info(): NotebookInfo {
    const m = this.records.manifest;
    return {
      id: m.id,
      name: m.name,
      path: this.paths.dir,
      schemaVersion: m.schemaVersion,
      sourceCount: this.sources.size,
      isSample: m.isSample,
      problems: this.problems,
      migratedFrom: this.migratedFrom,
      readOnly: this.readOnly,
    };
  }

  /** Why the notebook is open read-only (its folder cannot be written), or null. */
  readOnly: string | null = null;

  /** Throws READ_ONLY (or why else nothing can be changed) before work that would end in a change. */
  assertWritable(): void {
    if (this.closed) throw new DossierError('NO_NOTEBOOK', 'This notebook has been closed.');
    if (this.readOnly)
      throw new DossierError('READ_ONLY', `This notebook is open read-only: ${this.readOnly}. Nothing was changed. To work in it, copy the folder somewhere you can write and open the copy.`);
    if (this.lockLost) {
      throw new DossierError('NOTEBOOK_LOCKED', `Another process took over the notebook at ${this.paths.dir}; reopen it to continue.`);
    }
  }

  /** Calls `listener` after every change that reached the disk; returns the unsubscribe. */
  onChange(listener: (change: NotebookChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: NotebookChange): void {
    this.changes++;
    this.annotations.observe(change);
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (e) {
        console.error('[dossier] a notebook change listener failed:', e);
      }
    }
  }

  /** How many changes reached the disk since the notebook was opened (automatic snapshots look at it). */
  get changeCount(): number {
    return this.changes;
  }

  // The sources room (sources.ts).

  /** Every source, by publication date (undated last), then title. */
  listSources = (): SourceSummary[] => this.sources.unorderedSources().sort(sortSources);
  /** Every source in no particular order: for lookups, without the cost of sorting thousands by title. */
  unorderedSources = (): SourceSummary[] => this.sources.unorderedSources();
  hasSource = (id: string): boolean => this.sources.has(id);
  /** One source's metadata, without its text. */
  sourceSummary = (id: string): SourceSummary => this.sources.shard(id).data.source;
  /** One source with its text, checked against its content hash. */
  getSource = (id: string): Promise<Source> => this.sources.getSource(id);
  /** The text of a source by its content hash (current or earlier version), hash-checked. */
  getText = (contentHash: string): Promise<string> => this.sources.getText(contentHash);
  storesText = (hash: string): boolean => this.sources.storesText(hash);
  storesOriginal = (sha256: string): boolean => this.sources.storesOriginal(sha256);
  readOriginal = (sourceId: string): Promise<Uint8Array | null> => this.sources.readOriginal(sourceId);
  addSources = (inputs: readonly NewSource[]): Promise<(SourceSummary | DossierError)[]> => this.sources.addSources(inputs);
  replaceText = (sourceId: string, text: string, reanchor: (annotations: Annotation[], hash: string) => Annotation[]): Promise<SourceSummary> => this.sources.replaceText(sourceId, text, reanchor);
  updateSourceMeta = (ids: readonly string[], patch: Partial<Pick<SourceSummary, 'title' | 'outlet' | 'published' | 'byline' | 'lang'>>): Promise<number> => this.sources.updateSourceMeta(ids, patch);

  /** Adds one source (see {@link addSources}). */
  async addSource(input: NewSource): Promise<SourceSummary> {
    const [result] = await this.addSources([input]);
    if (result instanceof DossierError) throw result;
    return result;
  }

  /** Puts sources as another replica of a team notebook has them (see SourceRoom.putSharedSources). */
  putSharedSources(list: readonly SourceSummary[], content: SharedContent, annotations: ReadonlyMap<string, readonly Annotation[]> = new Map()): Promise<Map<string, Error | null>> {
    return this.sources.putSharedSources(list, content, annotations, (id) => this.annotations.has(id));
  }

  // The annotations room (annotations.ts).

  /** The annotations of one source, in the order they were stored. */
  listAnnotations = (sourceId: string): Annotation[] => this.annotations.list(sourceId);
  /** Every annotation of the notebook with its source. */
  allAnnotations = (): Generator<{ source: SourceSummary; annotation: Annotation }> => this.annotations.all();
  getAnnotation = (id: string): Annotation => this.annotations.get(id);
  hasAnnotation = (id: string): boolean => this.annotations.has(id);
  putAnnotation = (annotation: Annotation): Promise<void> => this.annotations.put(annotation);
  applyAnnotations = (puts: readonly Annotation[], removes: readonly string[]): Promise<void> => this.annotations.apply(puts, removes);
  removeAnnotation = (id: string): Promise<Annotation> => this.annotations.remove(id);
  rewriteAnnotations = (change: (a: Annotation) => Annotation): Promise<number> => this.annotations.rewrite(change);
  get annotationCount(): number {
    return this.annotations.count;
  }

  // The records room (records.ts).

  rename = (name: string): Promise<void> => this.records.rename(name);
  saveEntities = (next: EntitiesDoc): Promise<void> => this.records.saveEntities(next);
  saveFactsheet = (next: FactsheetNotes): Promise<void> => this.records.saveFactsheet(next);
  get entities(): Readonly<EntitiesDoc> {
    return this.records.entities;
  }
  get factsheet(): FactsheetNotes {
    return this.records.factsheet;
  }

  /**
   * Closes the notebook and releases its lock, writing the open cache first when enough of it is
   * out of date (SourceRoom.saveOpenCache). Safe to call twice.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.sources.cacheCheck.stop(), this.leftovers]);
    if (!this.lockLost && !this.readOnly) await this.sources.saveOpenCache();
    await this.release().catch(() => undefined);
  }
}

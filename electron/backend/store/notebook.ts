/**
 * A notebook on disk: a folder of small lowdb documents (see layout.ts). Every method that
 * changes something resolves only after the change is durably on disk, and writes only the files
 * it changes.
 */
import { newId } from '../ids';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Low } from 'lowdb';
import { DossierError } from '../../../shared/api/result';
import type { Annotation } from '../../../shared/domain/annotation';
import type { FactsheetNotes } from '../../../shared/domain/factsheet';
import { comparePartialDates } from '../../../shared/domain/dates';
import type { NotebookInfo, NotebookProblem } from '../../../shared/domain/notebook';
import { SourceId, type PackedAt, type Provenance, type Source, type SourceSummary } from '../../../shared/domain/source';
import { countWords, headingOffsets, normalizeText } from '../../../shared/domain/text';
import { contentHash, getBody, putBody, readPacked } from './bodies';
import { CorruptFileError, DurableJsonFile, type FileWrite, GroupWriteError, serialize, writeFileDurably, writeFilesDurably } from './durable-file';
import { CURRENT_SCHEMA_VERSION, type EntitiesDoc, type Manifest, NOTEBOOK_FORMAT, notebookPaths, SourceShard, type NotebookPaths } from './layout';
import { lockNotebook, type ReleaseLock } from './lock';
import { migrate } from './migrate';
import { inspectFolder, loadEntities, loadFactsheet, loadManifest, loadShards, problem, restoredFromCache, type LoadedShards } from './scan';
import { CacheCheck } from './cache-check';
import { quarantineFile } from './quarantine';
import { stampOf, writeOpenCache, type ShardStamp } from './open-cache';
import { removeLeftovers, removeRootLeftovers } from './leftovers';
import { finishSnapshotRestore } from './snapshot-swap';

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
  /** The file as received; kept under originals/<sha256> and recorded as the provenance's original. */
  originalBytes?: Uint8Array;
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

/** A new pack file (packs/): the parts one after another, and where each is in it. */
function packOf(parts: readonly Uint8Array[]): { file: string; data: Buffer; places: PackedAt[] } {
  const file = `pack-${randomBytes(8).toString('hex')}.bin`;
  const places: PackedAt[] = [];
  let offset = 0;
  for (const part of parts) {
    places.push({ file, offset, bytes: part.length });
    offset += part.length;
  }
  return { file, data: Buffer.concat(parts), places };
}

/** What changed in a notebook, after it reached the disk (for the search index). */
export type NotebookChange =
  { kind: 'sources-added'; sourceIds: string[] } | { kind: 'shard'; sourceId: string; before: SourceShard; after: SourceShard } | { kind: 'entities' } | { kind: 'factsheet' } | { kind: 'name' };

/** The texts and originals a notebook stores, by hash, with their place in a pack (undefined: in bodies/ or originals/). */
interface StoredContent {
  texts: Map<string, PackedAt | undefined>;
  originals: Map<string, NonNullable<Provenance['original']>>;
}

export class Notebook {
  private closed = false;
  private readonly listeners = new Set<(change: NotebookChange) => void>();
  private lockLost: Error | null = null;
  /** Which source each annotation belongs to, so an id alone finds its shard. */
  private readonly annotationSource = new Map<string, string>();
  private readonly shards: Map<string, Low<SourceShard>>;
  /** Where each stored text and original is ({@link storedContent}); null: to be built. */
  private contentIndex: StoredContent | null = null;
  /** Each shard file's stamp as last written or read, for the open cache. */
  private readonly stamps: Map<string, ShardStamp>;
  /** How many of the open cache's entries are out of date (shards read from their files at open, or written since). */
  private staleInCache: number;
  private readonly writtenSinceOpen = new Set<string>();
  /** Per shard, the end of the changes queued for it (see {@link updateShard}). */
  private readonly shardWrites = new Map<string, Promise<void>>();
  /** Shards opened from the open cache on trust (a copied folder), checked against their files meanwhile. */
  private readonly cacheCheck: CacheCheck;

  private constructor(
    readonly paths: NotebookPaths,
    private readonly manifest: Low<Manifest>,
    loaded: LoadedShards,
    private readonly entitiesDoc: Low<EntitiesDoc>,
    private readonly factsheetDoc: Low<FactsheetNotes>,
    private readonly release: ReleaseLock,
    readonly problems: NotebookProblem[],
    readonly migratedFrom: number | null,
  ) {
    this.shards = loaded.shards;
    this.stamps = loaded.stamps;
    this.staleInCache = loaded.staleInCache;
    for (const [sourceId, shard] of this.shards) for (const a of shard.data.annotations) this.annotationSource.set(a.id, sourceId);
    this.cacheCheck = new CacheCheck(loaded.onTrust, (id) => this.paths.shard(id), {
      current: (id) => this.shards.get(id)?.data ?? null,
      replace: (id, fromFile) => {
        const shard = this.shards.get(id)!;
        const before = shard.data;
        shard.data = fromFile;
        for (const a of before.annotations) if (this.annotationSource.get(a.id) === id) this.annotationSource.delete(a.id);
        for (const a of fromFile.annotations) this.annotationSource.set(a.id, id);
        this.emit({ kind: 'shard', sourceId: id, before, after: fromFile });
      },
      repair: async (id, file, reason) => {
        if (this.readOnly) {
          // Nothing can be moved or rewritten: the copy from the open cache is shown, the file left as it is.
          this.problems.push(problem(this.paths, file, `${reason}; the notebook shows its copy from the open cache, and the file was left as it is (${this.readOnly}).`, null));
          return;
        }
        const keptAt = await quarantineFile(this.paths.quarantine, file);
        await this.shards.get(id)!.write();
        await this.restamp(id);
        this.problems.push(problem(this.paths, file, restoredFromCache(this.shards.get(id)!.data.source.title, reason, loaded.cacheWrittenAt, keptAt), keptAt));
      },
    });
  }

  /**
   * Resolves once every shard the notebook opened on trust from its open cache has been checked
   * against its file (at once for a notebook opened from its own files or a cache it wrote).
   */
  get checked(): Promise<void> {
    return this.cacheCheck.done;
  }

  /** The background removal of files left by writes a crash interrupted (leftovers.ts): how many there were. */
  leftovers: Promise<number> = Promise.resolve(0);

  /** Records a shard file's stamp after it was written (the open cache's copy of it is stale). */
  private async restamp(id: string): Promise<void> {
    if (!this.writtenSinceOpen.has(id)) {
      this.writtenSinceOpen.add(id);
      this.staleInCache++;
    }
    const stamp = await stampOf(this.paths.shard(id));
    if (stamp) this.stamps.set(`${id}.json`, stamp);
    else this.stamps.delete(`${id}.json`);
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
    this.emit({ kind: 'name' });
  }

  /** Every source, by publication date (undated last), then title. */
  listSources(): SourceSummary[] {
    return this.unorderedSources().sort(sortSources);
  }

  /** Every source in no particular order: for lookups, without the cost of sorting thousands by title. */
  unorderedSources(): SourceSummary[] {
    return Array.from(this.shards.values(), (s) => s.data.source);
  }

  /** Whether the notebook has a source with this id. */
  hasSource(id: string): boolean {
    return this.shards.has(id);
  }

  /** One source's metadata, without its text. */
  sourceSummary(id: string): SourceSummary {
    return this.shard(id).data.source;
  }

  private shard(id: string): Low<SourceShard> {
    const shard = this.shards.get(id);
    if (!shard) throw new DossierError('NOT_FOUND', `There is no source with id ${id} in this notebook.`);
    return shard;
  }

  /** One source with its text, checked against its content hash. */
  async getSource(id: string): Promise<Source> {
    const summary = this.shard(id).data.source;
    return { ...summary, text: await getBody(this.paths, summary.contentHash, summary.packed) };
  }

  /** Adds a source: its text goes to bodies/ (once per distinct text), its metadata to a new shard. */
  async addSource(input: NewSource): Promise<SourceSummary> {
    const [result] = await this.addSources([input]);
    if (result instanceof DossierError) throw result;
    return result;
  }

  /**
   * Adds several sources as one group commit (see {@link writeFilesDurably}): first their texts and
   * original files, then their shards, so a shard on disk never names a text that is not. When a
   * batch brings several new texts, they and their originals go into one pack file (packs/), so the
   * batch costs one durable file plus one per shard. A source that is not valid, or whose shard
   * could not be put in place, comes back as its error and the others are still added; a write
   * that fails before any shard is in place adds none.
   */
  async addSources(inputs: readonly NewSource[]): Promise<(SourceSummary | DossierError)[]> {
    this.assertWritable();
    const results: (SourceSummary | DossierError)[] = [];
    const shards: { id: string; source: SourceSummary }[] = [];
    const ids = new Set<string>();
    const known = this.storedContent();
    // What this batch writes: each new text and original once, filled in with its place below.
    const newTexts = new Map<string, { data: Uint8Array; users: SourceSummary[] }>();
    const newOriginals = new Map<string, { data: Uint8Array; users: SourceSummary[] }>();
    for (const input of inputs) {
      const text = normalizeText(input.text);
      const id = input.id ?? newId();
      let problem: DossierError | null = null;
      if (text === '') problem = new DossierError('INVALID_INPUT', 'A source needs some text; this one is empty.');
      else if (!SourceId.safeParse(id).success) problem = new DossierError('INVALID_INPUT', `"${id}" cannot be a source id.`);
      else if (this.shards.has(id) || ids.has(id)) problem = new DossierError('ALREADY_EXISTS', `This notebook already has a source with id ${id}.`);
      if (problem) {
        results.push(problem);
        continue;
      }
      ids.add(id);
      const { originalBytes, ...rest } = input;
      const hash = contentHash(text);
      const source: SourceSummary = {
        id,
        title: rest.title.trim(),
        outlet: rest.outlet,
        published: rest.published,
        wordCount: countWords(text),
        contentHash: hash,
        byline: rest.byline ?? null,
        lang: rest.lang ?? null,
        headings: headingOffsets(text, rest.headings ?? []),
        provenance: { ...rest.provenance, importedAt: rest.provenance.importedAt ?? new Date().toISOString(), original: rest.provenance.original ?? null },
        versions: [],
      };
      if (known.texts.has(hash)) {
        const packed = known.texts.get(hash);
        if (packed) source.packed = packed;
      } else {
        const entry = newTexts.get(hash) ?? { data: new TextEncoder().encode(text), users: [] };
        entry.users.push(source);
        newTexts.set(hash, entry);
      }
      if (originalBytes) {
        const sha256 = createHash('sha256').update(originalBytes).digest('hex');
        const stored = known.originals.get(sha256);
        source.provenance.original = stored ? { ...stored } : { sha256, bytes: originalBytes.length };
        if (!stored) {
          const entry = newOriginals.get(sha256) ?? { data: originalBytes, users: [] };
          entry.users.push(source);
          newOriginals.set(sha256, entry);
        }
      }
      shards.push({ id, source });
      results.push(source);
    }
    if (shards.length === 0) return results;
    const content: FileWrite[] = [];
    if (newTexts.size > 1) {
      // One pack for the batch: its texts, then its originals; each user records where.
      const texts = [...newTexts.values()];
      const originals = [...newOriginals.values()];
      const pack = packOf([...texts, ...originals].map((e) => e.data));
      texts.forEach(({ users }, i) => users.forEach((u) => (u.packed = pack.places[i])));
      originals.forEach(({ users }, i) => users.forEach((u) => (u.provenance.original!.packed = pack.places[texts.length + i])));
      await mkdir(this.paths.packs, { recursive: true });
      content.push({ path: this.paths.pack(pack.file), data: pack.data });
    } else {
      for (const [hash, { data }] of newTexts) content.push({ path: this.paths.body(hash), data });
      for (const [sha256, { data }] of newOriginals) content.push({ path: this.paths.original(sha256), data });
      if (newOriginals.size > 0) await mkdir(this.paths.originals, { recursive: true });
      // Texts and originals are content-addressed: one of the right size under its hash is
      // already there (a damaged one is written again).
      const present = await Promise.all(content.map(async (f) => (await stat(f.path).catch(() => null))?.size === f.data.length));
      for (let i = content.length - 1; i >= 0; i--) if (present[i]) content.splice(i, 1);
    }
    let placed: ReadonlySet<string> | null = null;
    let failure: Error | null = null;
    try {
      const shardFiles = shards.map(({ id, source }) => ({ path: this.paths.shard(id), data: serialize({ source, annotations: [] }) }));
      await writeFilesDurably(content, shardFiles);
    } catch (e) {
      // A text or original that could not be put in place fails the batch: no shard was written.
      if (!(e instanceof GroupWriteError) || content.some((f) => !e.placed.has(f.path))) throw e;
      // Shards that reached the disk are sources of the notebook; the others are reported.
      placed = e.placed;
      failure = e.cause;
    }
    for (const { id, source } of shards) {
      if (placed && !placed.has(this.paths.shard(id))) {
        results[results.indexOf(source)] = new DossierError('IO_ERROR', `"${source.title}" could not be saved: ${failure?.message ?? 'the write failed'}`);
        continue;
      }
      this.shards.set(id, new Low(new DurableJsonFile(this.paths.shard(id), SourceShard), { source, annotations: [] }));
    }
    const added = shards.map((s) => s.id).filter((id) => this.shards.has(id));
    await Promise.all(added.map((id) => this.restamp(id)));
    if (added.length > 0) this.emit({ kind: 'sources-added', sourceIds: added });
    return results;
  }

  /**
   * Puts sources as another replica of a team notebook has them (sync/bridge.ts): their metadata
   * as shared (without `packed`, which is where a machine keeps its own texts), their texts and
   * originals fetched by hash when this machine lacks them, each checked against its hash. As in
   * {@link addSources}, one group commit: the new texts and originals first (in one pack when there
   * are several), then the new sources' shards, so a shard never names a text that is not on
   * disk. An existing source keeps its annotations; a new one starts with those of
   * `annotations` that are its own (their own records, which often arrive in the same batch: its
   * shard is then written once), leaving out any this notebook has under another source. Returns,
   * per source id, null when it was put or the error that stopped it (a text that cannot be
   * fetched, or does not match its hash); the others are still put.
   */
  async putSharedSources(
    list: readonly SourceSummary[],
    fetch: { text(hash: string): Promise<string>; original(sha256: string): Promise<Uint8Array | null> },
    annotations: ReadonlyMap<string, readonly Annotation[]> = new Map(),
  ): Promise<Map<string, Error | null>> {
    this.assertWritable();
    const outcome = new Map<string, Error | null>();
    const known = this.storedContent();
    const texts = new Map<string, Promise<Uint8Array>>();
    const originals = new Map<string, Promise<Uint8Array | null>>();
    for (const shared of list) {
      for (const hash of new Set([shared.contentHash, ...shared.versions.map((v) => v.contentHash)])) {
        if (known.texts.has(hash) || texts.has(hash)) continue;
        const title = shared.title;
        const bytes = fetch.text(hash).then((text) => {
          if (contentHash(text) !== hash) throw new DossierError('INVALID_INPUT', `The text of “${title}” received does not match its hash ${hash.slice(0, 12)}…; it was not stored.`);
          return new TextEncoder().encode(text);
        });
        bytes.catch(() => undefined);
        texts.set(hash, bytes);
      }
      const original = shared.provenance.original;
      if (original && !known.originals.has(original.sha256) && !originals.has(original.sha256)) {
        // An original that cannot be had, or does not match, is left out: the source stands without it.
        originals.set(
          original.sha256,
          fetch.original(original.sha256).then(
            (bytes) => (bytes && createHash('sha256').update(bytes).digest('hex') === original.sha256 ? bytes : null),
            () => null,
          ),
        );
      }
    }
    const gotTexts = new Map<string, Uint8Array | Error>();
    for (const [hash, bytes] of texts) gotTexts.set(hash, await bytes.catch((e: Error) => e));
    const gotOriginals = new Map<string, Uint8Array>();
    for (const [sha256, bytes] of originals) {
      const b = await bytes;
      if (b) gotOriginals.set(sha256, b);
    }
    // Where each new text and original goes: a pack for several, else a file under its hash.
    const place = new Map<string, PackedAt | undefined>();
    const content: FileWrite[] = [];
    const newTexts = [...gotTexts].filter((e): e is [string, Uint8Array] => !(e[1] instanceof Error));
    if (newTexts.length > 1) {
      const entries = [...newTexts, ...[...gotOriginals].map(([sha256, data]) => [`original:${sha256}`, data] as const)];
      const pack = packOf(entries.map(([, data]) => data));
      entries.forEach(([key], i) => place.set(key, pack.places[i]));
      await mkdir(this.paths.packs, { recursive: true });
      content.push({ path: this.paths.pack(pack.file), data: pack.data });
    } else {
      for (const [hash, data] of newTexts) content.push({ path: this.paths.body(hash), data });
      for (const [sha256, data] of gotOriginals) content.push({ path: this.paths.original(sha256), data });
      if (newTexts.length > 0) await mkdir(this.paths.bodies, { recursive: true });
      if (gotOriginals.size > 0) await mkdir(this.paths.originals, { recursive: true });
    }
    const textAt = (hash: string) => (known.texts.has(hash) ? known.texts.get(hash) : place.get(hash));
    const fresh: { id: string; source: SourceSummary; annotations: Annotation[] }[] = [];
    const existing: SourceSummary[] = [];
    for (const shared of list) {
      const failed = [shared.contentHash, ...shared.versions.map((v) => v.contentHash)].map((h) => gotTexts.get(h)).find((x) => x instanceof Error);
      if (failed) {
        outcome.set(shared.id, failed);
        continue;
      }
      const withPlace = <T extends { packed?: PackedAt }>(x: T, at: PackedAt | undefined): T => {
        const { packed: _p, ...rest } = x;
        return (at ? { ...rest, packed: at } : rest) as T;
      };
      const source: SourceSummary = withPlace({ ...shared, versions: shared.versions.map((v) => withPlace(v, textAt(v.contentHash))) }, textAt(shared.contentHash));
      const original = shared.provenance.original;
      if (original) {
        const stored = known.originals.get(original.sha256);
        const { packed: _o, ...plain } = original;
        const at = place.get(`original:${original.sha256}`);
        source.provenance = { ...shared.provenance, original: stored ? { ...stored } : at ? { ...plain, packed: at } : plain };
      }
      if (this.shards.has(shared.id)) existing.push(source);
      else fresh.push({ id: shared.id, source, annotations: (annotations.get(shared.id) ?? []).filter((a) => a.sourceId === shared.id && !this.annotationSource.has(a.id)) });
    }
    let placed: ReadonlySet<string> | null = null;
    let failure: Error | null = null;
    try {
      await writeFilesDurably(
        content,
        fresh.map(({ id, source, annotations: own }) => ({ path: this.paths.shard(id), data: serialize({ source, annotations: own }) })),
      );
    } catch (e) {
      if (!(e instanceof GroupWriteError) || content.some((f) => !e.placed.has(f.path))) throw e;
      placed = e.placed;
      failure = e.cause;
    }
    const added: string[] = [];
    for (const { id, source, annotations: own } of fresh) {
      if (placed && !placed.has(this.paths.shard(id))) {
        outcome.set(id, new DossierError('IO_ERROR', `“${source.title}” could not be saved: ${failure?.message ?? 'the write failed'}`));
        continue;
      }
      this.shards.set(id, new Low(new DurableJsonFile(this.paths.shard(id), SourceShard), { source, annotations: own }));
      for (const a of own) this.annotationSource.set(a.id, id);
      added.push(id);
      outcome.set(id, null);
    }
    await Promise.all(added.map((id) => this.restamp(id)));
    if (added.length > 0) this.emit({ kind: 'sources-added', sourceIds: added });
    const updates = await Promise.allSettled(existing.map((source) => this.updateShard(source.id, (data) => ({ ...data, source }))));
    existing.forEach((source, i) => {
      const u = updates[i];
      outcome.set(source.id, u.status === 'fulfilled' ? null : (u.reason as Error));
    });
    return outcome;
  }

  /**
   * The texts and originals already stored, by hash, with their place in a pack (undefined: in
   * bodies/ or originals/), so that what a batch brings again is not stored twice.
   */
  private storedContent(): StoredContent {
    // Built once and kept until a source changes ({@link emit}): a share or an export asks for
    // thousands of texts, and rebuilding it for each made them quadratic. Never changed in place,
    // so a caller holding it across an await keeps a consistent picture.
    return (this.contentIndex ??= this.indexContent());
  }

  private indexContent(): StoredContent {
    const texts = new Map<string, PackedAt | undefined>();
    const originals = new Map<string, NonNullable<Provenance['original']>>();
    for (const shard of this.shards.values()) {
      const { source } = shard.data;
      texts.set(source.contentHash, source.packed);
      for (const v of source.versions) texts.set(v.contentHash, v.packed);
      if (source.provenance.original) originals.set(source.provenance.original.sha256, source.provenance.original);
    }
    return { texts, originals };
  }

  /**
   * The file a source was imported from, exactly as received, checked against its sha256. Null
   * when the source did not come from a file (pasted text, the sample).
   */
  async readOriginal(sourceId: string): Promise<Uint8Array | null> {
    const original = this.shard(sourceId).data.source.provenance.original;
    if (!original) return null;
    const file = original.packed ? this.paths.pack(original.packed.file) : this.paths.original(original.sha256);
    let bytes: Uint8Array;
    try {
      bytes = original.packed ? await readPacked(this.paths, original.packed) : new Uint8Array(await readFile(file));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new DossierError('NOTEBOOK_CORRUPT', `The original file of this source is missing: ${file} does not exist.`);
      throw e;
    }
    if (createHash('sha256').update(bytes).digest('hex') !== original.sha256) throw new CorruptFileError(file, `the original of ${sourceId} no longer matches its sha256`);
    return bytes;
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

  /** Calls `listener` after every change that reached the disk; returns the unsubscribe. */
  onChange(listener: (change: NotebookChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changes = 0;

  private emit(change: NotebookChange): void {
    this.changes++;
    // A source added or changed (a new version, a text repacked) may move where a text is kept.
    if (change.kind === 'sources-added' || (change.kind === 'shard' && change.before.source !== change.after.source)) this.contentIndex = null;
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (e) {
        console.error('[dossier] a notebook change listener failed:', e);
      }
    }
  }

  /**
   * Changes one shard: `change` is given the shard as last acknowledged and returns its new state
   * (or null: nothing to write). Changes to one shard run one after another, and memory takes the
   * new state only once it is on disk, so a write that fails changes nothing — and can never undo
   * in memory another change that reached the disk meanwhile.
   */
  private updateShard(id: string, change: (current: SourceShard) => SourceShard | null): Promise<SourceShard | null> {
    const run = (this.shardWrites.get(id) ?? Promise.resolve()).then(async () => {
      await this.cacheCheck.ensure(id);
      const shard = this.shard(id);
      const before = shard.data;
      const next = change(before);
      if (!next) return null;
      await shard.adapter.write(next);
      shard.data = next;
      await this.restamp(id);
      this.emit({ kind: 'shard', sourceId: id, before, after: next });
      return next;
    });
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.shardWrites.set(id, settled);
    void settled.then(() => {
      if (this.shardWrites.get(id) === settled) this.shardWrites.delete(id);
    });
    return run;
  }

  /** Adds or replaces an annotation. Only its source's shard is written. */
  async putAnnotation(annotation: Annotation): Promise<void> {
    this.assertWritable();
    const owner = this.annotationSource.get(annotation.id);
    if (owner !== undefined && owner !== annotation.sourceId) {
      throw new DossierError('ALREADY_EXISTS', `Annotation ${annotation.id} belongs to another source.`);
    }
    this.shard(annotation.sourceId);
    await this.updateShard(annotation.sourceId, (data) => {
      const i = data.annotations.findIndex((a) => a.id === annotation.id);
      return { ...data, annotations: i < 0 ? [...data.annotations, annotation] : data.annotations.map((a, j) => (j === i ? annotation : a)) };
    });
    this.annotationSource.set(annotation.id, annotation.sourceId);
  }

  /**
   * Puts and removes many annotations, one write per source touched (a team notebook's replica
   * brings them by the thousand). Every annotation's source must be in the notebook; an
   * annotation already under another source is refused, and nothing is written.
   */
  async applyAnnotations(puts: readonly Annotation[], removes: readonly string[]): Promise<void> {
    this.assertWritable();
    const bySource = new Map<string, { puts: Annotation[]; removes: Set<string> }>();
    const entry = (sourceId: string) => bySource.get(sourceId) ?? bySource.set(sourceId, { puts: [], removes: new Set() }).get(sourceId)!;
    for (const a of puts) {
      const owner = this.annotationSource.get(a.id);
      if (owner !== undefined && owner !== a.sourceId) throw new DossierError('ALREADY_EXISTS', `Annotation ${a.id} belongs to another source.`);
      this.shard(a.sourceId);
      entry(a.sourceId).puts.push(a);
    }
    for (const id of removes) {
      const owner = this.annotationSource.get(id);
      if (owner !== undefined) entry(owner).removes.add(id);
    }
    // Each source's shard is its own durable write: they go together, and the first failure is thrown once all are done.
    const writes = await Promise.allSettled(
      [...bySource].map(async ([sourceId, change]) => {
        const byId = new Map(change.puts.map((a) => [a.id, a]));
        const next = await this.updateShard(sourceId, (data) => {
          const kept = data.annotations.filter((a) => !change.removes.has(a.id)).map((a) => byId.get(a.id) ?? a);
          const present = new Set(kept.map((a) => a.id));
          const added = change.puts.filter((a) => !present.has(a.id) && !change.removes.has(a.id));
          // A shard that already holds exactly these annotations is not written again.
          if (added.length === 0 && kept.length === data.annotations.length && kept.every((a, i) => a === data.annotations[i])) return null;
          return { ...data, annotations: [...kept, ...added] };
        });
        if (!next) return;
        for (const id of change.removes) this.annotationSource.delete(id);
        for (const a of next.annotations) this.annotationSource.set(a.id, sourceId);
      }),
    );
    const failed = writes.find((w) => w.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Removes an annotation and returns it as it was. */
  async removeAnnotation(id: string): Promise<Annotation> {
    this.assertWritable();
    const owner = this.annotationSource.get(id);
    if (owner !== undefined) await this.cacheCheck.ensure(owner);
    let removed: Annotation | undefined;
    const { sourceId } = this.getAnnotation(id);
    await this.updateShard(sourceId, (data) => {
      removed = data.annotations.find((a) => a.id === id);
      return removed ? { ...data, annotations: data.annotations.filter((a) => a.id !== id) } : null;
    });
    if (!removed) throw new DossierError('NOT_FOUND', `There is no annotation with id ${id} in this notebook.`);
    this.annotationSource.delete(id);
    return removed;
  }

  /**
   * Gives a source a new text. The old text stays in bodies/ and in the source's version list;
   * the new metadata and the re-anchored annotations are written together in one shard write, so
   * a crash leaves either the old version or the new one, never a mix.
   */
  async replaceText(sourceId: string, newText: string, reanchor: (annotations: Annotation[], hash: string) => Annotation[]): Promise<SourceSummary> {
    this.assertWritable();
    this.shard(sourceId);
    const text = normalizeText(newText);
    if (text === '') throw new DossierError('INVALID_INPUT', 'The new version is empty.');
    // Content-addressed: writing it before the shard is harmless if the shard's write fails.
    const hash = await putBody(this.paths, text);
    const next = await this.updateShard(sourceId, (data) => {
      const old = data.source;
      if (hash === old.contentHash) throw new DossierError('ALREADY_EXISTS', 'This version is identical to the text the notebook already has.');
      const { packed, ...rest } = old;
      const source: SourceSummary = {
        ...rest,
        contentHash: hash,
        wordCount: countWords(text),
        headings: [],
        versions: [...old.versions, { contentHash: old.contentHash, ...(packed ? { packed } : {}), wordCount: old.wordCount, replacedAt: new Date().toISOString() }],
      };
      return { source, annotations: reanchor(data.annotations, hash) };
    });
    return next!.source;
  }

  /**
   * Changes the metadata of sources (title, outlet, date, byline), shard by shard, each write
   * atomic. Every id is checked first: one that is not a source of this notebook changes nothing.
   * Returns how many sources changed (one already as asked is not written).
   */
  async updateSourceMeta(ids: readonly string[], patch: Partial<Pick<SourceSummary, 'title' | 'outlet' | 'published' | 'byline'>>): Promise<number> {
    this.assertWritable();
    const unique = [...new Set(ids)];
    const missing = unique.filter((id) => !this.shards.has(id));
    if (missing.length > 0)
      throw new DossierError('NOT_FOUND', `This notebook has no source ${missing[0]}${missing.length > 1 ? ` (nor ${missing.length - 1} other of the ids given)` : ''}; nothing was changed.`);
    let changed = 0;
    for (const id of unique) {
      const next = await this.updateShard(id, (data) => {
        const source = { ...data.source, ...patch };
        const same = (['title', 'outlet', 'published', 'byline'] as const).every((k) => source[k] === data.source[k]);
        return same ? null : { ...data, source };
      });
      if (next) changed++;
    }
    return changed;
  }

  /** The entities document: entities (with tombstones), dismissed suggestions, distinct pairs. */
  get entities(): Readonly<EntitiesDoc> {
    return this.entitiesDoc.data;
  }

  /** Replaces the entities document durably; on failure it stays as it was. */
  async saveEntities(next: EntitiesDoc): Promise<void> {
    await this.replaceDocument(this.entitiesDoc, next, { kind: 'entities' });
  }

  /** Replaces a notebook-wide document durably; the previous state stays in memory if the write fails. */
  private async replaceDocument<T>(doc: Low<T>, next: T, change: NotebookChange): Promise<void> {
    this.assertWritable();
    // Memory takes the new state once it is on disk: a failed write leaves it as it was, without
    // putting back a state older than a write that succeeded meanwhile.
    await doc.adapter.write(next);
    doc.data = next;
    this.emit(change);
  }

  /** How many annotations the notebook holds. */
  get annotationCount(): number {
    return this.annotationSource.size;
  }

  /** How many changes reached the disk since the notebook was opened (automatic snapshots look at it). */
  get changeCount(): number {
    return this.changes;
  }

  /** Whether the notebook has an annotation with this id. */
  hasAnnotation(id: string): boolean {
    return this.annotationSource.has(id);
  }

  /** The fact sheet's resolutions and summaries. */
  get factsheet(): FactsheetNotes {
    return this.factsheetDoc.data;
  }

  /** Replaces factsheet.json; the previous state stays in memory if the write fails. */
  async saveFactsheet(next: FactsheetNotes): Promise<void> {
    await this.replaceDocument(this.factsheetDoc, next, { kind: 'factsheet' });
  }

  /**
   * Changes annotations across sources (after a merge or a deletion of an entity): `change`
   * returns the new annotation or the same object; only shards with a change are written.
   */
  async rewriteAnnotations(change: (a: Annotation) => Annotation): Promise<number> {
    this.assertWritable();
    let changed = 0;
    for (const id of [...this.shards.keys()]) {
      await this.updateShard(id, (data) => {
        const next = data.annotations.map(change);
        const n = next.filter((a, i) => a !== data.annotations[i]).length;
        changed += n;
        return n === 0 ? null : { ...data, annotations: next };
      });
    }
    return changed;
  }

  /** The text of a source by its content hash (current or earlier version), hash-checked. */
  getText(contentHash: string): Promise<string> {
    return getBody(this.paths, contentHash, this.storedContent().texts.get(contentHash));
  }

  /**
   * Closes the notebook and releases its lock. The open cache is written first once 1% of its
   * entries (at least one) are out of date: fewer are simply read from their own files at the next
   * open, so one edit does not rewrite the whole cache. Safe to call twice.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.cacheCheck.stop(), this.leftovers]);
    if (this.staleInCache >= Math.max(1, this.shards.size / 100) && !this.lockLost && !this.readOnly) {
      const entries = [...this.shards.values()].flatMap((shard): [string, ShardStamp, SourceShard][] => {
        const name = `${shard.data.source.id}.json`;
        const stamp = this.stamps.get(name);
        // A shard not yet checked against its file must not be vouched for by the new cache.
        return stamp && !this.cacheCheck.has(shard.data.source.id) ? [[name, stamp, shard.data]] : [];
      });
      // Only a cache: a notebook that cannot write it opens more slowly next time, nothing else.
      await mkdir(dirname(this.paths.openCache), { recursive: true })
        .then(() => writeOpenCache(this.paths.openCache, entries))
        .catch((e: unknown) => console.error(`[dossier] could not write the notebook's open cache: ${(e as Error).message}`));
    }
    await this.release().catch(() => undefined);
  }
}

/**
 * The sources room of a notebook: one shard file per source (its metadata and annotations), the
 * texts and originals under their hashes or in packs, and the open cache that spares reading every
 * shard at open. Every change to a shard goes through {@link SourceRoom.updateShard}; every new
 * source through one batch commit (source-batch.ts), whether imported or synced.
 */
import { newId } from '../ids';
import { createHash } from 'node:crypto';
import { Low } from 'lowdb';
import { DossierError } from '../../../shared/api/result';
import type { Annotation } from '../../../shared/domain/annotation';
import { SourceId, type PackedAt, type Provenance, type Source, type SourceSummary } from '../../../shared/domain/source';
import { countWords, normalizeText } from '../../../shared/domain/text';
import { getBody, putBody, readOriginal } from './bodies';
import { CacheCheck } from './cache-check';
import { DurableJsonFile } from './durable-file';
import { SourceShard } from './layout';
import { saveOpenCache, stampOf, type ShardStamp } from './open-cache';
import { quarantineFile } from './quarantine';
import type { Room } from './room';
import { problem, restoredFromCache, type LoadedShards } from './scan';
import { commitSources, ContentBatch, newSourceSummary, withPlace, type NewSource } from './source-batch';

export type { NewSource } from './source-batch';

/** The content of shared sources as fetched by sync: each text by hash (or why it could not be had), the originals that could. */
export interface SharedContent {
  texts: ReadonlyMap<string, Uint8Array | Error>;
  originals: ReadonlyMap<string, Uint8Array>;
}

/** The texts and originals a notebook stores, by hash, with their place in a pack (undefined: in bodies/ or originals/). */
interface StoredContent {
  texts: Map<string, PackedAt | undefined>;
  originals: Map<string, NonNullable<Provenance['original']>>;
}

export class SourceRoom {
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
  readonly cacheCheck: CacheCheck;

  constructor(
    private readonly room: Room,
    loaded: LoadedShards,
  ) {
    this.shards = loaded.shards;
    this.stamps = loaded.stamps;
    this.staleInCache = loaded.staleInCache;
    const paths = room.paths;
    this.cacheCheck = new CacheCheck(loaded.onTrust, (id) => paths.shard(id), {
      current: (id) => this.shards.get(id)?.data ?? null,
      replace: (id, fromFile) => {
        const shard = this.shards.get(id)!;
        const before = shard.data;
        shard.data = fromFile;
        this.changed({ kind: 'shard', sourceId: id, before, after: fromFile });
      },
      repair: async (id, file, reason) => {
        if (room.readOnly) {
          // Nothing can be moved or rewritten: the copy from the open cache is shown, the file left as it is.
          room.problems.push(problem(paths, file, `${reason}; the notebook shows its copy from the open cache, and the file was left as it is (${room.readOnly}).`, null));
          return;
        }
        const keptAt = await quarantineFile(paths.quarantine, file);
        await this.shards.get(id)!.write();
        await this.restamp(id);
        room.problems.push(problem(paths, file, restoredFromCache(this.shards.get(id)!.data.source.title, reason, loaded.cacheWrittenAt, keptAt), keptAt));
      },
    });
  }

  get size(): number {
    return this.shards.size;
  }

  /** Every shard as it stands. */
  all(): IterableIterator<Low<SourceShard>> {
    return this.shards.values();
  }

  /** Every source in no particular order: for lookups, without the cost of sorting thousands by title. */
  unorderedSources(): SourceSummary[] {
    return Array.from(this.shards.values(), (s) => s.data.source);
  }

  has(id: string): boolean {
    return this.shards.has(id);
  }

  /** One source's shard, or NOT_FOUND. */
  shard(id: string): Low<SourceShard> {
    const shard = this.shards.get(id);
    if (!shard) throw new DossierError('NOT_FOUND', `There is no source with id ${id} in this notebook.`);
    return shard;
  }

  /** One source with its text, checked against its content hash. */
  async getSource(id: string): Promise<Source> {
    const summary = this.shard(id).data.source;
    return { ...summary, text: await getBody(this.room.paths, summary.contentHash, summary.packed) };
  }

  /** The text of a source by its content hash (current or earlier version), hash-checked. */
  getText(hash: string): Promise<string> {
    return getBody(this.room.paths, hash, this.storedContent().texts.get(hash));
  }

  /** Whether the notebook stores this text (sync fetches only the texts it lacks). */
  storesText(hash: string): boolean {
    return this.storedContent().texts.has(hash);
  }

  /** Whether the notebook stores this original file. */
  storesOriginal(sha256: string): boolean {
    return this.storedContent().originals.has(sha256);
  }

  /**
   * The file a source was imported from, exactly as received, checked against its sha256. Null
   * when the source did not come from a file (pasted text, the sample).
   */
  readOriginal(sourceId: string): Promise<Uint8Array | null> {
    const original = this.shard(sourceId).data.source.provenance.original;
    return original ? readOriginal(this.room.paths, original, sourceId) : Promise.resolve(null);
  }

  /**
   * Adds several sources as one batch commit. A source that is not valid, or whose shard could
   * not be put in place, comes back as its error and the others are still added; a write that
   * fails before any shard is in place adds none.
   */
  async addSources(inputs: readonly NewSource[]): Promise<(SourceSummary | DossierError)[]> {
    this.room.assertWritable();
    const results: (SourceSummary | DossierError)[] = [];
    const fresh: { id: string; shard: SourceShard }[] = [];
    const ids = new Set<string>();
    const known = this.storedContent();
    const batch = new ContentBatch();
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
      const { originalBytes } = input;
      const source = newSourceSummary(id, text, input);
      const hash = source.contentHash;
      if (known.texts.has(hash)) {
        const packed = known.texts.get(hash);
        if (packed) source.packed = packed;
      } else {
        batch.text(
          hash,
          () => new TextEncoder().encode(text),
          (at) => at && (source.packed = at),
        );
      }
      if (originalBytes) {
        const sha256 = createHash('sha256').update(originalBytes).digest('hex');
        const stored = known.originals.get(sha256);
        const original: NonNullable<Provenance['original']> = stored ? { ...stored } : { sha256, bytes: originalBytes.length };
        source.provenance.original = original;
        if (!stored) batch.original(sha256, originalBytes, (at) => at && (original.packed = at));
      }
      fresh.push({ id, shard: { source, annotations: [] } });
      results.push(source);
    }
    const failed = await this.commit(batch, fresh);
    return results.map((r) => (r instanceof DossierError ? r : (failed.get(r.id) ?? r)));
  }

  /**
   * Puts sources as another replica of a team notebook has them (sync/shared-content.ts fetched
   * and checked what this notebook lacks): their metadata as shared (without `packed`, which is
   * where a machine keeps its own texts), in one batch commit like {@link addSources}. An
   * existing source keeps its annotations; a new one starts with those of `annotations` that are
   * its own and not under another source here (`taken`). Returns, per source id, null when it was
   * put or the error that stopped it; the others are still put.
   */
  async putSharedSources(
    list: readonly SourceSummary[],
    content: SharedContent,
    annotations: ReadonlyMap<string, readonly Annotation[]>,
    taken: (annotationId: string) => boolean,
  ): Promise<Map<string, Error | null>> {
    this.room.assertWritable();
    const outcome = new Map<string, Error | null>();
    const known = this.storedContent();
    const batch = new ContentBatch();
    const fresh: { id: string; shard: SourceShard }[] = [];
    const existing: SourceSummary[] = [];
    for (const shared of list) {
      const hashes = [shared.contentHash, ...shared.versions.map((v) => v.contentHash)];
      const missing = hashes.filter((h) => !known.texts.has(h)).map((h): Uint8Array | Error => content.texts.get(h) ?? new Error(`the text ${h.slice(0, 12)}… did not come`));
      const failed = missing.find((x) => x instanceof Error);
      if (failed) {
        outcome.set(shared.id, failed);
        continue;
      }
      const source: SourceSummary = { ...withPlace(shared, known.texts.get(shared.contentHash)), versions: shared.versions.map((v) => withPlace(v, known.texts.get(v.contentHash))) };
      if (!known.texts.has(shared.contentHash))
        batch.text(
          shared.contentHash,
          () => content.texts.get(shared.contentHash) as Uint8Array,
          (at) => at && (source.packed = at),
        );
      source.versions.forEach((v, i) => {
        if (!known.texts.has(v.contentHash))
          batch.text(
            v.contentHash,
            () => content.texts.get(v.contentHash) as Uint8Array,
            (at) => at && (source.versions[i] = withPlace(v, at)),
          );
      });
      const original = shared.provenance.original;
      if (original) {
        const stored = known.originals.get(original.sha256);
        const mine = stored ? { ...stored } : withPlace(original, undefined);
        source.provenance = { ...shared.provenance, original: mine };
        const bytes = content.originals.get(original.sha256);
        // An original that could not be had is left out: the source stands without it.
        if (!stored && bytes) batch.original(original.sha256, bytes, (at) => at && (mine.packed = at));
      }
      if (this.shards.has(shared.id)) existing.push(source);
      else fresh.push({ id: shared.id, shard: { source, annotations: (annotations.get(shared.id) ?? []).filter((a) => a.sourceId === shared.id && !taken(a.id)) } });
    }
    const failed = await this.commit(batch, fresh);
    for (const { id } of fresh) outcome.set(id, failed.get(id) ?? null);
    const updates = await Promise.allSettled(existing.map((source) => this.updateShard(source.id, (data) => ({ ...data, source }))));
    existing.forEach((source, i) => {
      const u = updates[i];
      outcome.set(source.id, u.status === 'fulfilled' ? null : (u.reason as Error));
    });
    return outcome;
  }

  /** Places a batch's content, commits it with the new shards, and takes in those that reached the disk. */
  private async commit(batch: ContentBatch, fresh: readonly { id: string; shard: SourceShard }[]): Promise<Map<string, DossierError>> {
    if (fresh.length === 0) return new Map();
    const paths = this.room.paths;
    const content = await batch.place(paths);
    const failed = await commitSources(paths, content, fresh);
    const added = fresh.filter(({ id }) => !failed.has(id));
    for (const { id, shard } of added) this.shards.set(id, new Low(new DurableJsonFile(paths.shard(id), SourceShard), shard));
    await Promise.all(added.map(({ id }) => this.restamp(id)));
    if (added.length > 0) this.changed({ kind: 'sources-added', sourceIds: added.map((a) => a.id) });
    return failed;
  }

  /**
   * The texts and originals already stored, by hash, with their place in a pack (undefined: in
   * bodies/ or originals/), so that what a batch brings again is not stored twice.
   */
  private storedContent(): StoredContent {
    // Built once and kept until a source changes ({@link changed}): a share or an export asks for
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

  private changed(change: Parameters<Room['emit']>[0]): void {
    // Sources added bring texts and originals that are stored now: added to the index as it is
    // (what it said stays true), not rebuilt from every shard, which made a long import quadratic.
    if (change.kind === 'sources-added' && this.contentIndex) this.indexSources(this.contentIndex, change.sourceIds);
    // A source changed (a new version, a text repacked) may move where a text is kept.
    else if (change.kind === 'sources-added' || (change.kind === 'shard' && change.before.source !== change.after.source)) this.contentIndex = null;
    this.room.emit(change);
  }

  private indexSources(index: StoredContent, ids: readonly string[]): void {
    for (const id of ids) {
      const source = this.shards.get(id)?.data.source;
      if (!source) continue;
      if (!index.texts.has(source.contentHash)) index.texts.set(source.contentHash, source.packed);
      for (const v of source.versions) if (!index.texts.has(v.contentHash)) index.texts.set(v.contentHash, v.packed);
      const original = source.provenance.original;
      if (original && !index.originals.has(original.sha256)) index.originals.set(original.sha256, original);
    }
  }

  /** Records a shard file's stamp after it was written (the open cache's copy of it is stale). */
  private async restamp(id: string): Promise<void> {
    if (!this.writtenSinceOpen.has(id)) {
      this.writtenSinceOpen.add(id);
      this.staleInCache++;
    }
    const stamp = await stampOf(this.room.paths.shard(id));
    if (stamp) this.stamps.set(`${id}.json`, stamp);
    else this.stamps.delete(`${id}.json`);
  }

  /**
   * Changes one shard: `change` is given the shard as last acknowledged and returns its new state
   * (or null: nothing to write). Changes to one shard run one after another, and memory takes the
   * new state only once it is on disk, so a write that fails changes nothing — and can never undo
   * in memory another change that reached the disk meanwhile.
   */
  updateShard(id: string, change: (current: SourceShard) => SourceShard | null): Promise<SourceShard | null> {
    const run = (this.shardWrites.get(id) ?? Promise.resolve()).then(async () => {
      await this.cacheCheck.ensure(id);
      const shard = this.shard(id);
      const before = shard.data;
      const next = change(before);
      if (!next) return null;
      await shard.adapter.write(next);
      shard.data = next;
      await this.restamp(id);
      this.changed({ kind: 'shard', sourceId: id, before, after: next });
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

  /**
   * Gives a source a new text. The old text stays in bodies/ and in the source's version list;
   * the new metadata and the re-anchored annotations are written together in one shard write, so
   * a crash leaves either the old version or the new one, never a mix.
   */
  async replaceText(sourceId: string, newText: string, reanchor: (annotations: Annotation[], hash: string) => Annotation[]): Promise<SourceSummary> {
    this.room.assertWritable();
    this.shard(sourceId);
    const text = normalizeText(newText);
    if (text === '') throw new DossierError('INVALID_INPUT', 'The new version is empty.');
    // Content-addressed: writing it before the shard is harmless if the shard's write fails.
    const hash = await putBody(this.room.paths, text);
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
  async updateSourceMeta(ids: readonly string[], patch: Partial<Pick<SourceSummary, 'title' | 'outlet' | 'published' | 'byline' | 'lang'>>): Promise<number> {
    this.room.assertWritable();
    const unique = [...new Set(ids)];
    const missing = unique.filter((id) => !this.shards.has(id));
    if (missing.length > 0)
      throw new DossierError('NOT_FOUND', `This notebook has no source ${missing[0]}${missing.length > 1 ? ` (nor ${missing.length - 1} other of the ids given)` : ''}; nothing was changed.`);
    let changed = 0;
    for (const id of unique) {
      const next = await this.updateShard(id, (data) => {
        const source = { ...data.source, ...patch };
        const same = (['title', 'outlet', 'published', 'byline', 'lang'] as const).every((k) => source[k] === data.source[k]);
        return same ? null : { ...data, source };
      });
      if (next) changed++;
    }
    return changed;
  }

  /**
   * Writes the open cache once 1% of its entries (at least one) are out of date: fewer are simply
   * read from their own files at the next open, so one edit does not rewrite the whole cache.
   */
  async saveOpenCache(): Promise<void> {
    if (this.staleInCache < Math.max(1, this.shards.size / 100)) return;
    await saveOpenCache(this.room.paths.openCache, this.shards.values(), this.stamps, (id) => this.cacheCheck.has(id));
  }
}

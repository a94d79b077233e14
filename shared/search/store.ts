/**
 * What a search engine holds: the documents as it needs them (sources without their texts,
 * annotations), the side tables its filters ask (annotations by source, entity and kind), the
 * word indexes of the source texts and of the annotations, and the entities' names.
 *
 * Texts are not held: a source's words are in the index, and its text is asked of a reader when a
 * snippet is shown or a phrase checked (the backend's reads the notebook's files, with a small
 * cache). Without a reader the store keeps the texts it is given (tests, small tools).
 */
import { tokenize } from '../domain/names';
import { EntityNames } from './entities';
import { foldText } from './fold';
import { TermIndex } from './term-index';
import type { EngineRole, SearchAnnotation, SearchSource, Shard, SourceMeta } from './types';

/** Reads a source's text (null when it cannot be read). */
export type TextReader = (source: SourceMeta) => string | null;

/** The index's tokens of a text: normalised name tokens. */
export function indexTokens(text: string): string[] {
  return tokenize(text).map((t) => t.text);
}

export const SOURCE_FIELDS = ['title', 'outlet', 'text'] as const;
export const ANNOTATION_FIELDS = ['quote', 'note', 'tags'] as const;

/** Folded texts kept for the next queries (a phrase checked in several, a snippet shown again). */
const FOLDED_KEPT = 64;

/** Adds an id to the set under a key, making the set on first use. */
function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}

function shardOf(sourceId: string, count: number): number {
  let h = 0;
  for (let i = 0; i < sourceId.length; i++) h = (Math.imul(h, 31) + sourceId.charCodeAt(i)) | 0;
  return Math.abs(h) % count;
}

/**
 * Whether an engine of this role and shard keeps an annotation: the annotations half (or its shard
 * of them) all of its own; the sources half only those linked to entities (for entity: filters).
 */
export function keepsAnnotation(annotation: { sourceId: string; entityIds: readonly string[] }, role: EngineRole, shard: Shard): boolean {
  if (role === 'sources') return annotation.entityIds.length > 0;
  return role === 'all' || shard.count <= 1 || shardOf(annotation.sourceId, shard.count) === shard.index;
}

export class SearchStore {
  readonly sources = new Map<string, SourceMeta>();
  readonly annotations = new Map<string, SearchAnnotation>();
  readonly bySource = new Map<string, Set<string>>();
  readonly byEntity = new Map<string, Set<string>>();
  readonly byKind = new Map<string, Set<string>>();
  sourceIndex = new TermIndex(SOURCE_FIELDS);
  annotationIndex = new TermIndex(ANNOTATION_FIELDS);
  readonly entities = new EntityNames();
  /** The texts given, where there is no reader. */
  private readonly texts: Map<string, string> | null;
  private readonly folded = new Map<string, string>();
  /** Each source's place in the listing without words; made on first use, dropped when a source changes. */
  private ranks: Map<string, number> | null = null;
  /** Sources whose text names an entity's spelling (for entity: filters); dropped when sources or entities change. */
  readonly namedIn = new Map<string, Set<string>>();
  /** Annotations and sources about a set of entities; dropped at any change. */
  readonly about = new Map<string, Set<string>>();

  constructor(
    readonly role: EngineRole,
    readonly shard: Shard,
    private readonly reader: TextReader | null,
  ) {
    this.texts = reader ? null : new Map();
  }

  /** Whether this store answers source texts (it indexes them). */
  get answersSources(): boolean {
    return this.role !== 'annotations';
  }

  /** Whether this store answers annotations (it indexes them). */
  get answersAnnotations(): boolean {
    return this.role !== 'sources';
  }

  putSource(source: SearchSource): void {
    this.sourcesChanged();
    const { id, title, outlet, published, location, version } = source;
    this.sources.set(id, { id, title, outlet, published, ...(location ? { location } : {}), ...(version !== undefined ? { version } : {}) });
    if (!this.answersSources) return;
    this.texts?.set(id, source.text);
    this.folded.delete(id);
    this.sourceIndex.add(id, [indexTokens(title), indexTokens(outlet ?? ''), indexTokens(source.text)]);
  }

  /** Takes back a source as saved (its words are already in the restored index). */
  restoreSource(meta: SourceMeta): void {
    this.sources.set(meta.id, meta);
  }

  removeSource(id: string): void {
    if (!this.sources.has(id)) return;
    this.sourcesChanged();
    for (const a of [...(this.bySource.get(id) ?? [])]) this.removeAnnotation(a);
    this.sourceIndex.remove(id);
    this.texts?.delete(id);
    this.folded.delete(id);
    this.sources.delete(id);
  }

  private sourcesChanged(): void {
    this.about.clear();
    this.namedIn.clear();
    this.ranks = null;
  }

  putAnnotation(annotation: SearchAnnotation): void {
    if (!keepsAnnotation(annotation, this.role, this.shard)) {
      // An annotation that lost its last entity link leaves the sources half.
      this.removeAnnotation(annotation.id);
      return;
    }
    this.about.clear();
    if (this.annotations.has(annotation.id)) this.removeAnnotation(annotation.id);
    this.adopt(annotation);
    if (this.answersAnnotations) this.annotationIndex.add(annotation.id, [indexTokens(annotation.quote), indexTokens(annotation.note), indexTokens(annotation.tags.join(' '))]);
  }

  /** Records an annotation in the side tables (not the index). The sources half keeps only what links it to sources and entities. */
  adopt(annotation: SearchAnnotation): void {
    const kept = this.answersAnnotations ? annotation : { ...annotation, quote: '', note: '', tags: [] };
    this.annotations.set(annotation.id, kept);
    addTo(this.bySource, annotation.sourceId, annotation.id);
    for (const e of annotation.entityIds) addTo(this.byEntity, e, annotation.id);
    addTo(this.byKind, annotation.kind, annotation.id);
  }

  removeAnnotation(id: string): void {
    const a = this.annotations.get(id);
    if (!a) return;
    this.about.clear();
    this.annotationIndex.remove(id);
    this.annotations.delete(id);
    this.bySource.get(a.sourceId)?.delete(id);
    for (const e of a.entityIds) this.byEntity.get(e)?.delete(id);
    this.byKind.get(a.kind)?.delete(id);
  }

  entitiesChanged(): void {
    this.about.clear();
    this.namedIn.clear();
  }

  /** A source's text, from the reader (or as given); null when it cannot be read. */
  text(id: string): string | null {
    if (this.texts) return this.texts.get(id) ?? null;
    const meta = this.sources.get(id);
    return meta ? this.reader!(meta) : null;
  }

  /** A source's text folded (see fold.ts), the last few kept; '' when it cannot be read. */
  foldedText(id: string): string {
    const known = this.folded.get(id);
    if (known !== undefined) {
      this.folded.delete(id);
      this.folded.set(id, known);
      return known;
    }
    const folded = foldText(this.text(id) ?? '');
    this.folded.set(id, folded);
    if (this.folded.size > FOLDED_KEPT) this.folded.delete(this.folded.keys().next().value!);
    return folded;
  }

  /** A source's place in the listing without words: newest first, then by title. */
  rankOf(id: string): number {
    if (!this.ranks) {
      const order = [...this.sources.values()].sort((x, y) => (y.published ?? '').localeCompare(x.published ?? '') || x.title.localeCompare(y.title));
      this.ranks = new Map(order.map((s, i) => [s.id, i]));
    }
    return this.ranks.get(id) ?? Number.MAX_SAFE_INTEGER;
  }
}

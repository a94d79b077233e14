/**
 * Dossier's search engine. An inverted index (MiniSearch) finds candidates among source texts and
 * annotations by their words — exact, then by prefix while typing, then within a few typos — and
 * ranks them by BM25 with title and quote hits above body hits. fuse.js matches entity names and
 * aliases, where a short list and approximate whole-name matching shine. Tokens are the ones
 * entity names use (normalizeName), so "p hunt 20.2" finds "P-HUNT_20.2", and folding drops case
 * and Latin accents, so "jose" finds "José".
 *
 * Pure and synchronous: the backend runs it in a worker thread, the CLI in-process.
 */
import Fuse from 'fuse.js';
import { distance } from 'fastest-levenshtein';
import MiniSearch, { type Options, type Query, type SearchOptions } from 'minisearch';
import type { AnnotationKind } from '../domain/annotation';
import type { EntityType } from '../domain/entity';
import { normalizeName, tokenize } from '../domain/names';
import { foldText, tokenRegex } from './fold';
import { parseQuery, passesDates, type ParsedQuery } from './query';
import { PACKED_FORMAT, packIndex, unpackIndex, type PackedIndex } from './packed';
import { readable, scoreQuery, type Pool, type Scored, type ScoreHow } from './scorer';

export interface SearchSource {
  id: string;
  title: string;
  outlet: string | null;
  published: string | null;
  text: string;
  /** What the notebook's copy was when indexed (its hash and metadata), to tell a saved index what changed. */
  version?: string;
}

export interface SearchAnnotation {
  id: string;
  sourceId: string;
  kind: AnnotationKind;
  quote: string;
  note: string;
  tags: readonly string[];
  entityIds: readonly string[];
  /** Where the quote is in its source's text. */
  start: number;
  end: number;
  /** When the notebook's copy was last changed, to tell a saved index what changed. */
  version?: string;
}

export interface SearchEntity {
  id: string;
  type: EntityType;
  name: string;
  aliases: readonly string[];
  parentId: string | null;
}

/** A text with the ranges (UTF-16 offsets into `text`) that matched. */
export interface Highlighted {
  text: string;
  ranges: [number, number][];
}

export interface EntityHit {
  id: string;
  type: EntityType;
  name: Highlighted;
  /** The spelling that matched, when it is an alias rather than the name. */
  alias: Highlighted | null;
  score: number;
}

export interface AnnotationHit {
  id: string;
  sourceId: string;
  sourceTitle: string;
  outlet: string | null;
  published: string | null;
  kind: AnnotationKind;
  quote: Highlighted;
  /** The note, or the part of a long note around the match; null when there is none. */
  note: Highlighted | null;
  tags: string[];
  start: number;
  end: number;
  /** Found by its link to an entity the query names, not by its words. */
  linkedTo: string | null;
  score: number;
}

export interface SourceHit {
  id: string;
  title: Highlighted;
  outlet: string | null;
  published: string | null;
  /** Text around the first hit in the body (or the opening when only the title matched). */
  snippet: Highlighted;
  /** Where the first hit is in the text, to open the reader at; null when only the title matched. */
  hit: { start: number; end: number } | null;
  score: number;
}

export interface SearchResults {
  query: string;
  entities: EntityHit[];
  annotations: AnnotationHit[];
  sources: SourceHit[];
  /** How many matched in each group; `more` when the count stopped early (phrases). */
  totals: { entities: number; annotations: number; sources: number; more: boolean };
  problems: string[];
}

export interface SearchOptionsIn {
  /** Results per group. */
  limit?: number;
  /** The last word may be unfinished (search as you type): it also matches as a prefix. */
  asYouType?: boolean;
}

/** How many typos a query word may have: none in numbers and short words, then one, then two. */
export function fuzziness(term: string): number | false {
  if (/\p{N}/u.test(term)) return false;
  const n = [...term].length;
  return n <= 3 ? false : n <= 5 ? 1 : 2;
}

/** The index's tokens of a text: normalised name tokens. */
function indexTokens(text: string): string[] {
  return tokenize(text).map((t) => t.text);
}

interface QueryParts {
  words: string[];
  phrases: string[][];
  excluded: string[][];
  positive: string[];
  phraseRegexes: RegExp[];
  excludedRegexes: RegExp[];
  limit: number;
  options: SearchOptionsIn;
  sourcePasses: (id: string) => boolean;
  /** The sources the filters allow; null when no filter is on sources. */
  allowed: Set<string> | null;
}

interface AnnotationSearch extends QueryParts {
  q: ParsedQuery;
  excludedAnnotations: Set<string>[];
  hasFilters: boolean;
  entityAnnotations: Set<string>[] | null;
}

interface AnnotationPools {
  allowed: Set<string> | null;
  kinds: Set<string> | null;
  entityAnnotations: Set<string>[] | null;
}

interface SourceSearch extends QueryParts {
  excludedSources: Set<string>[];
  filtersSources: boolean;
  entitySources: Set<string>[] | null;
}

const SOURCE_FIELDS = ['title', 'outlet', 'text'];
const ANNOTATION_FIELDS = ['quote', 'note', 'tags'];
const SNIPPET_BEFORE = 70;
const SNIPPET_AFTER = 130;

interface SourceEntry {
  source: SearchSource;
  folded: string;
  /** The title's tokens, for source: filters (made on first use). */
  titleTokens?: string[];
}

interface AnnotationEntry {
  annotation: SearchAnnotation;
  foldedQuote: string;
  foldedNote: string;
}

function indexOptions(fields: string[]): Options {
  return {
    fields,
    idField: 'id',
    tokenize: indexTokens,
    processTerm: (t) => t,
    extractField: (doc, field) => {
      const v = (doc as Record<string, unknown>)[field];
      return Array.isArray(v) ? v.join(' ') : ((v as string | null) ?? '');
    },
    autoVacuum: { minDirtCount: 200, minDirtFactor: 0.1, batchSize: 1000, batchWait: 5 },
  };
}

/** Ranges of all regex matches in a folded text (same offsets as the original). */
function rangesOf(folded: string, regex: RegExp, from = 0, to = folded.length): [number, number][] {
  const out: [number, number][] = [];
  regex.lastIndex = from;
  for (let m = regex.exec(folded); m && m.index < to; m = regex.exec(folded)) {
    out.push([m.index, m.index + m[0].length]);
    if (m[0].length === 0) regex.lastIndex++;
  }
  return out;
}

/** A window of a text around [start, end), cut at spaces, with ranges moved into it. */
function window(text: string, folded: string, start: number, end: number, marks: RegExp): Highlighted {
  let from = Math.max(0, start - SNIPPET_BEFORE);
  let to = Math.min(text.length, end + SNIPPET_AFTER);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space >= 0 && space < start) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > end) to = space;
  }
  const prefix = from > 0 ? '… ' : '';
  const suffix = to < text.length ? ' …' : '';
  const ranges = rangesOf(folded, marks, from, to)
    .filter(([, e]) => e <= to)
    .map(([s, e]): [number, number] => [s - from + prefix.length, e - from + prefix.length]);
  return { text: `${prefix}${text.slice(from, to).replace(/\s+/g, ' ')}${suffix}`, ranges: collapseRanges(text.slice(from, to), ranges, prefix.length) };
}

/**
 * Whitespace runs in a snippet are shown as one space: ranges are moved to match. (The snippet's
 * text is `prefix + collapsed(raw)`.)
 */
function collapseRanges(raw: string, ranges: [number, number][], shift: number): [number, number][] {
  if (!/\s\s|[\n\t\r]/.test(raw)) return ranges;
  const map: number[] = [];
  let j = 0;
  for (let i = 0; i < raw.length; i++) {
    map.push(j);
    const isSpace = /\s/.test(raw[i]);
    if (!isSpace || !/\s/.test(raw[i - 1] ?? '')) j++;
  }
  map.push(j);
  return ranges.map(([s, e]) => [map[s - shift] + shift, map[e - shift] + shift]);
}

/** A note's Markdown as plain text: emphasis, code and heading marks dropped, links as their text. */
export function plainMarkdown(note: string): string {
  return note
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|\*|`)(?=\S)([\s\S]*?\S)\1/g, '$2')
    // Underscores mark emphasis only at word edges ("P-Hunt_20.3" keeps its underscore).
    .replace(/(?<![\p{L}\p{N}])(__|_)(?=\S)([\s\S]*?\S)\1(?![\p{L}\p{N}])/gu, '$2')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+])\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function highlightAll(text: string, folded: string, marks: RegExp | null): Highlighted {
  return { text, ranges: marks ? rangesOf(folded, marks) : [] };
}

/**
 * Which groups an engine answers: all of them, or one half, so that two workers can answer the
 * two costly halves of a query at the same time (source texts; annotations and entities).
 */
export type EngineRole = 'all' | 'sources' | 'annotations';

const SNAPSHOT_FORMAT = 'dossier-search-2';

/** A saved engine: its documents and its indexes, packed (packed.ts) or as MiniSearch serialises them. */
export interface EngineSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  role: EngineRole;
  shard: Shard;
  sources: SearchSource[];
  annotations: SearchAnnotation[];
  entities: SearchEntity[];
  sourceIndex: SavedIndex | null;
  annotationIndex: SavedIndex | null;
}

type SavedIndex = PackedIndex | ReturnType<MiniSearch['toJSON']>;

/** An index to save: packed where MiniSearch's internals allow, else its own serialisation. */
function saveIndex(index: MiniSearch): SavedIndex {
  return packIndex(index) ?? index.toJSON();
}

/** A saved index back, or null when it cannot be read as one of these fields. */
function loadIndex(saved: SavedIndex, fields: string[]): MiniSearch | null {
  if ((saved as { format?: unknown }).format === PACKED_FORMAT) return unpackIndex(saved, indexOptions(fields));
  try {
    return MiniSearch.loadJS(saved as ReturnType<MiniSearch['toJSON']>, indexOptions(fields));
  } catch {
    return null;
  }
}

/** Which annotations an engine holds: those whose source falls in its shard (by a hash of the source id). */
export interface Shard {
  index: number;
  count: number;
}

/** Adds an id to the set under a key, making the set on first use. */
function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}

/** Whether an engine of this role and shard keeps the annotations of this source. */
export function keepsAnnotationsOf(sourceId: string, role: EngineRole, shard: Shard): boolean {
  return role !== 'annotations' || shard.count <= 1 || shardOf(sourceId, shard.count) === shard.index;
}

function shardOf(sourceId: string, count: number): number {
  let h = 0;
  for (let i = 0; i < sourceId.length; i++) h = (Math.imul(h, 31) + sourceId.charCodeAt(i)) | 0;
  return Math.abs(h) % count;
}

export class SearchEngine {
  constructor(
    readonly role: EngineRole = 'all',
    readonly shard: Shard = { index: 0, count: 1 },
  ) {}

  private readonly sources = new Map<string, SourceEntry>();
  private readonly annotations = new Map<string, AnnotationEntry>();
  private readonly bySource = new Map<string, Set<string>>();
  private readonly byEntity = new Map<string, Set<string>>();
  private readonly byKind = new Map<string, Set<string>>();
  private sourceIndex = new MiniSearch<SearchSource>(indexOptions(SOURCE_FIELDS));
  private annotationIndex = new MiniSearch<SearchAnnotation>(indexOptions(ANNOTATION_FIELDS));
  private entityList: SearchEntity[] = [];
  private entities = new Map<string, SearchEntity>();
  private entityFuse = new Fuse<{ id: string; key: string; display: string }>([], { keys: ['key'] });
  private entityKeys = new Map<string, string[]>();
  /** Sources and annotations about an entity (for entity: filters), until the next change. */
  private aboutCache = new Map<string, Set<string>>();
  /** Every spelling of every entity, normalised once. */
  private spellings: { id: string; display: string; key: string; tokens: string[] }[] = [];

  /** Adds or replaces a source (its title, outlet, date and text). */
  putSource(source: SearchSource): void {
    this.aboutCache.clear();
    this.ranks = null;
    if (this.role === 'annotations') {
      // The annotations half needs a source's metadata for filters, never its text.
      this.sources.set(source.id, { source: { ...source, text: '' }, folded: '' });
      return;
    }
    if (this.sources.has(source.id)) this.sourceIndex.discard(source.id);
    this.sources.set(source.id, { source, folded: foldText(source.text) });
    this.sourceIndex.add(source);
  }

  /** Adds many sources at once (faster than one by one when building). */
  putSources(sources: readonly SearchSource[]): void {
    this.aboutCache.clear();
    this.ranks = null;
    if (this.role === 'annotations') {
      for (const s of sources) this.putSource(s);
      return;
    }
    const fresh = sources.filter((s) => !this.sources.has(s.id));
    for (const s of sources) if (this.sources.has(s.id)) this.putSource(s);
    for (const s of fresh) this.sources.set(s.id, { source: s, folded: foldText(s.text) });
    this.sourceIndex.addAll(fresh);
  }

  /** Adds or replaces an annotation. */
  putAnnotation(annotation: SearchAnnotation): void {
    this.aboutCache.clear();
    // An annotations half split in shards keeps only its own; the sources half keeps all (for entity links).
    if (this.role === 'annotations' && this.shard.count > 1 && shardOf(annotation.sourceId, this.shard.count) !== this.shard.index) return;
    if (this.annotations.has(annotation.id)) this.removeAnnotation(annotation.id);
    this.adoptAnnotation(annotation);
    // The sources half keeps annotations only for their links to entities.
    if (this.role !== 'sources') this.annotationIndex.add(annotation);
  }

  putAnnotations(annotations: readonly SearchAnnotation[]): void {
    for (const a of annotations) this.putAnnotation(a);
  }

  removeAnnotation(id: string): void {
    this.aboutCache.clear();
    const entry = this.annotations.get(id);
    if (!entry) return;
    if (this.role !== 'sources') this.annotationIndex.discard(id);
    this.annotations.delete(id);
    this.bySource.get(entry.annotation.sourceId)?.delete(id);
    for (const e of entry.annotation.entityIds) this.byEntity.get(e)?.delete(id);
    this.byKind.get(entry.annotation.kind)?.delete(id);
  }

  removeSource(id: string): void {
    this.aboutCache.clear();
    this.ranks = null;
    if (!this.sources.has(id)) return;
    for (const a of [...(this.bySource.get(id) ?? [])]) this.removeAnnotation(a);
    if (this.role !== 'annotations') this.sourceIndex.discard(id);
    this.sources.delete(id);
  }

  /** Replaces the entities (live ones only; merged tombstones are left out by the caller). */
  setEntities(entities: readonly SearchEntity[]): void {
    this.aboutCache.clear();
    this.entityList = [...entities];
    this.entities = new Map(entities.map((e) => [e.id, e]));
    const entries: { id: string; key: string; display: string }[] = [];
    this.entityKeys = new Map();
    for (const e of entities) {
      const keys: string[] = [];
      for (const display of [e.name, ...e.aliases]) {
        const key = normalizeName(display);
        if (key === '' || keys.includes(key)) continue;
        keys.push(key);
        entries.push({ id: e.id, key, display });
      }
      this.entityKeys.set(e.id, keys);
    }
    this.entityFuse = new Fuse(entries, { keys: ['key'], includeScore: true, threshold: 0.34, ignoreLocation: true });
    this.spellings = entries.map((e) => ({ ...e, tokens: e.key.split(' ') }));
  }

  /** Every document's version, to compare a saved index with the notebook. */
  versions(): { sources: [string, string][]; annotations: [string, string][] } {
    return {
      sources: [...this.sources.values()].map((e) => [e.source.id, e.source.version ?? '']),
      annotations: [...this.annotations.values()].map((e) => [e.annotation.id, e.annotation.version ?? '']),
    };
  }

  /** Removes the sources and annotations the notebook no longer has. */
  keepOnly(sourceIds: ReadonlySet<string>, annotationIds: ReadonlySet<string>): void {
    for (const id of [...this.annotations.keys()]) if (!annotationIds.has(id)) this.removeAnnotation(id);
    for (const id of [...this.sources.keys()]) if (!sourceIds.has(id)) this.removeSource(id);
  }

  /** The engine as plain data, to save and restore without indexing again. */
  snapshot(): EngineSnapshot {
    return {
      format: SNAPSHOT_FORMAT,
      role: this.role,
      shard: this.shard,
      sources: [...this.sources.values()].map((e) => e.source),
      annotations: [...this.annotations.values()].map((e) => e.annotation),
      entities: this.entityList,
      sourceIndex: this.role === 'annotations' ? null : saveIndex(this.sourceIndex),
      annotationIndex: this.role === 'sources' ? null : saveIndex(this.annotationIndex),
    };
  }

  /** An engine from a snapshot of the same role and shard; null when it is of another kind or version. */
  static restore(snapshot: unknown, role: EngineRole, shard: Shard = { index: 0, count: 1 }): SearchEngine | null {
    const snap = snapshot as Partial<EngineSnapshot> | null;
    if (!snap || snap.format !== SNAPSHOT_FORMAT || snap.role !== role || snap.shard?.index !== shard.index || snap.shard?.count !== shard.count) return null;
    if (!Array.isArray(snap.sources) || !Array.isArray(snap.annotations) || !Array.isArray(snap.entities)) return null;
    const engine = new SearchEngine(role, shard);
    if (role !== 'annotations') {
      const index = snap.sourceIndex ? loadIndex(snap.sourceIndex, SOURCE_FIELDS) : null;
      if (!index) return null;
      engine.sourceIndex = index;
    }
    if (role !== 'sources') {
      const index = snap.annotationIndex ? loadIndex(snap.annotationIndex, ANNOTATION_FIELDS) : null;
      if (!index) return null;
      engine.annotationIndex = index;
    }
    for (const source of snap.sources) engine.sources.set(source.id, { source, folded: role === 'annotations' ? '' : foldText(source.text) });
    for (const annotation of snap.annotations) engine.adoptAnnotation(annotation);
    engine.setEntities(snap.entities);
    return engine;
  }

  /** Records an annotation in the side tables (not the index, which already has it). */
  private adoptAnnotation(annotation: SearchAnnotation): void {
    this.annotations.set(annotation.id, { annotation, foldedQuote: foldText(annotation.quote), foldedNote: foldText(annotation.note) });
    addTo(this.bySource, annotation.sourceId, annotation.id);
    for (const e of annotation.entityIds) addTo(this.byEntity, e, annotation.id);
    addTo(this.byKind, annotation.kind, annotation.id);
  }

  get size(): { sources: number; annotations: number; entities: number } {
    return { sources: this.sources.size, annotations: this.annotations.size, entities: this.entities.size };
  }

  /**
   * Runs one query of each kind (a word, a typo, a phrase, a prefix while typing, an exclusion,
   * filters) on words this index holds, and forgets the answers: the code each kind takes is
   * compiled before the reader's first search instead of during it. Returns how many ran.
   */
  warmUp(): number {
    const words = new Set<string>();
    for (const { source } of this.sources.values()) {
      for (const w of indexTokens(source.title)) if (w.length >= 5 && !/\p{N}/u.test(w)) words.add(w);
      if (words.size >= 2) break;
    }
    for (const { annotation } of this.annotations.values()) {
      for (const w of indexTokens(annotation.quote)) if (w.length >= 5 && !/\p{N}/u.test(w)) words.add(w);
      if (words.size >= 4) break;
    }
    const [a, b = a] = [...words];
    if (a === undefined) return 0;
    const typo = a.slice(0, 2) + a[3] + a[2] + a.slice(4);
    const queries = [a, typo, `${a} ${b}`, `"${a} ${b}"`, `${a} -${b}`, `kind:passage ${a}`, `after:2000 ${b}`, `tag:x ${a}`];
    for (const q of queries) this.search(q, { limit: 10 });
    this.search(a.slice(0, 3), { limit: 10, asYouType: true });
    return queries.length + 1;
  }

  /** Runs a query in the syntax of query.ts. Never throws for a query. */
  search(input: string, options: SearchOptionsIn = {}): SearchResults {
    const limit = Math.max(1, Math.min(500, options.limit ?? 20));
    const q = parseQuery(input);
    const problems = [...q.problems];
    const results: SearchResults = { query: input, entities: [], annotations: [], sources: [], totals: { entities: 0, annotations: 0, sources: 0, more: false }, problems };

    const words = q.words.flatMap(indexTokens);
    const phrases = q.phrases.map(indexTokens).filter((p) => p.length > 0);
    const excluded = q.excluded.map(indexTokens).filter((p) => p.length > 0);
    const positive = [...words, ...phrases.flat()];
    const f = q.filters;
    const phraseRegexes = phrases.map((p) => tokenRegex(p, true));
    const excludedRegexes = excluded.map((x) => tokenRegex(x, x.length > 1));
    // Documents that contain every word of an exclusion (a phrase is then checked in the text).
    const excludedSources = this.role === 'annotations' ? [] : excluded.map((x) => containing(this.sourceIndex, x));
    const excludedAnnotations = this.role === 'sources' ? [] : excluded.map((x) => containing(this.annotationIndex, x));

    // Filters that name things: resolve them once.
    const entityScope = this.resolveEntities(f.entity, problems);
    const sourceScope = f.source.length > 0 ? this.resolveSources(f.source, problems) : null;
    const annotationOnly = f.tag.length > 0 || f.kind.length > 0;
    const hasFilters = entityScope !== null || sourceScope !== null || annotationOnly || f.outlet.length > 0 || f.before !== null || f.after !== null;

    if (positive.length === 0 && !hasFilters) {
      if (input.trim() !== '' && problems.length === 0) problems.push('Type a word to search for.');
      return results;
    }

    // Source filters are decided once per source, not once per matching annotation.
    const filtersSources = sourceScope !== null || f.outlet.length > 0 || f.before !== null || f.after !== null;
    let allowed: Set<string> | null = null;
    if (filtersSources) {
      allowed = new Set();
      for (const [id, { source: s }] of this.sources) {
        if (sourceScope && !sourceScope.has(id)) continue;
        if (f.outlet.length > 0 && !f.outlet.some((o) => matchesWords(s.outlet ?? '', o))) continue;
        if (!passesDates(s.published, f.before, f.after)) continue;
        allowed.add(id);
      }
    }
    const sourcePasses = (id: string): boolean => (allowed ? allowed.has(id) : this.sources.has(id));
    const answersSources = this.role !== 'annotations';
    const answersAnnotations = this.role !== 'sources';
    const entitySources = entityScope && answersSources ? entityScope.map((scope) => this.sourcesOfEntities(scope)) : null;
    const entityAnnotations = entityScope && answersAnnotations ? entityScope.map((scope) => this.annotationsOfEntities(scope)) : null;
    if (answersAnnotations) this.searchAnnotations(results, { q, words, phrases, excluded, positive, phraseRegexes, excludedRegexes, excludedAnnotations, limit, options, hasFilters, entityAnnotations, sourcePasses, allowed });
    if (answersSources && !annotationOnly) this.searchSources(results, { words, phrases, excluded, positive, phraseRegexes, excludedRegexes, excludedSources, limit, options, filtersSources, entitySources, sourcePasses, allowed });
    return results;
  }

  private searchAnnotations(results: SearchResults, c: AnnotationSearch): void {
    const { q, words, phrases, excluded, positive, phraseRegexes, excludedRegexes, excludedAnnotations, limit, options, hasFilters, entityAnnotations, sourcePasses, allowed } = c;
    const f = q.filters;
    // Annotations.
    const marksFor = (terms: string[]): RegExp | null => (positive.length === 0 ? null : tokenRegex([...new Set([...positive, ...terms])].map(foldText)));
    const kinds = f.kind.length > 0 ? new Set<string>(f.kind) : null;
    const tags = f.tag.map((t) => t.toLowerCase());
    const textChecks = phraseRegexes.length > 0 || excluded.length > 0;
    // Filters on what an annotation is (cheap, checked before it is scored) and on its text (after).
    const annotationAllowed = (id: string): boolean => {
      const entry = this.annotations.get(id);
      if (!entry) return false;
      const a = entry.annotation;
      if (!sourcePasses(a.sourceId)) return false;
      if (kinds && !kinds.has(a.kind)) return false;
      if (tags.length > 0 && !tags.every((t) => a.tags.some((x) => x.toLowerCase() === t))) return false;
      if (entityAnnotations && !entityAnnotations.every((set) => set.has(id))) return false;
      return true;
    };
    const annotationText = (id: string): boolean => this.passesText(this.annotations.get(id)!, id, phraseRegexes, excluded, excludedRegexes, excludedAnnotations);
    const annotationPasses = (id: string): boolean => annotationAllowed(id) && (!textChecks || annotationText(id));
    const annotationHits: Candidate[] =
      positive.length > 0
        ? this.runIndex(this.annotationIndex, words, phrases, options, { quote: 2, note: 1.5, tags: 1.5 }, { allowed: hasFilters ? annotationAllowed : null, passes: textChecks ? annotationText : null, pool: hasFilters ? this.annotationPool({ allowed, kinds, entityAnnotations }) : null })
        : this.listAnnotations(annotationPasses, { allowed, kinds, entityAnnotations });

    // Entities the whole query names, and annotations linked to them that the words missed.
    const namedEntities = positive.length > 0 && !hasFilters ? this.searchEntities([...q.words, ...q.phrases].join(' '), phrases, excluded) : [];
    results.totals.entities = namedEntities.length;
    results.entities = namedEntities.slice(0, limit).map((h) => h.hit);
    const strong = namedEntities.filter((h) => h.strong);
    // Annotations linked to an entity the query names, which its words missed; after the word hits.
    // Only those shown are kept; the others are counted.
    const linked: (Candidate & { via: string })[] = [];
    let linkedCount = 0;
    if (strong.length > 0) {
      const seen = new Set(annotationHits.map((h) => h.id));
      const floor = annotationHits.length > 0 ? annotationHits.reduce((min, h) => Math.min(min, h.score), Infinity) * 0.5 : 1;
      for (const { hit } of strong) {
        for (const id of this.byEntity.get(hit.id) ?? []) {
          if (seen.has(id) || !annotationPasses(id)) continue;
          // One entity's passages are distinct: only several entities need remembering which were taken.
          if (strong.length > 1) seen.add(id);
          linkedCount++;
          if (linked.length < limit) linked.push({ ...unscored(id, floor), via: hit.name.text });
        }
      }
    }
    // Without words the order is the listing's (newest source first, then position), as scores.
    const best = topK(annotationHits, limit);
    results.totals.annotations = annotationHits.length + linkedCount;
    const shown = [...best.map((h) => ({ ...h, via: null as string | null })), ...linked].slice(0, limit);
    results.annotations = shown.map((h) => this.annotationHit(h.id, h.score, h.via, marksFor(termsOf(h))));
  }

  private searchSources(results: SearchResults, c: SourceSearch): void {
    const { words, phrases, excluded, positive, phraseRegexes, excludedRegexes, excludedSources, limit, options, filtersSources, entitySources, sourcePasses, allowed } = c;
    const marksFor = (terms: string[]): RegExp | null => (positive.length === 0 ? null : tokenRegex([...new Set([...positive, ...terms])].map(foldText)));
    let stoppedEarly = false;
    const accepted: Candidate[] = [];
    const found: Candidate[] = positive.length > 0 ? this.runIndex(this.sourceIndex, words, phrases, options, { title: 4, outlet: 2, text: 1 }, { allowed: filtersSources ? sourcePasses : null, passes: null, pool: this.sourcePool(allowed, entitySources) }) : [...this.sources.keys()].filter(sourcePasses).map((id) => unscored(id, -this.rankOf(id)));
    const checks = phrases.length > 0 || excluded.length > 0 || entitySources !== null;
    if (checks) found.sort(byScoreDesc);
    let total = found.length;
    if (!checks) accepted.push(...topK(found, limit));
    else {
      for (const c of found) {
        if (accepted.length >= limit) {
          stoppedEarly = true;
          break;
        }
        if (entitySources && !entitySources.every((set) => set.has(c.id))) continue;
        const entry = this.sources.get(c.id)!;
        if (phrases.length > 0 || excluded.some((x, i) => x.length > 1 && excludedSources[i].has(c.id))) {
          const folded = `${foldText(entry.source.title)}\n${foldText(entry.source.outlet ?? '')}\n${entry.folded}`;
          if (phraseRegexes.some((r) => !matches(r, folded))) continue;
          if (excluded.some((x, i) => x.length > 1 && excludedSources[i].has(c.id) && matches(excludedRegexes[i], folded))) continue;
        }
        if (excluded.some((x, i) => x.length === 1 && excludedSources[i].has(c.id))) continue;
        accepted.push(c);
      }
      total = accepted.length;
    }
    results.totals.sources = total;
    results.totals.more = stoppedEarly;
    results.sources = accepted.slice(0, limit).map((hit) => this.sourceHit(hit.id, hit.score, phrases, marksFor(termsOf(hit))));
  }

  /**
   * Runs words (fuzzy, all required) and phrase words (exact, all required) on one index; the
   * candidates come back unordered (see {@link topK}). `allowed` is asked before a document is
   * scored, `passes` after.
   */
  private runIndex(index: MiniSearch, words: string[], phrases: string[][], options: SearchOptionsIn, boost: Record<string, number>, how: Omit<ScoreHow, 'typoFactor'>): Candidate[] {
    const { allowed, passes } = how;
    const queries: Query[] = [];
    if (words.length > 0) {
      const wordQuery = (terms: string[]): Query => ({
        queries: terms,
        combineWith: 'AND',
        // A word found exactly in a great many documents is what was meant: its typo variants add cost and noise.
        fuzzy: (term) => (documentFrequency(index, term) > COMMON_WORD_DOCUMENTS ? false : fuzziness(term)),
        // The word being typed (the last) is also a prefix. MiniSearch numbers the words of each string, here one each.
        prefix: (term) => options.asYouType === true && term === terms[terms.length - 1] && phrases.length === 0 && [...term].length >= 2,
      });
      // Two words may be one as another outlet writes it: "cyber dome" also finds "Cyberdome".
      const joined = words.slice(0, 4).flatMap((w, i) => (i + 1 < words.length && !/\p{N}/u.test(w + words[i + 1]) ? [[...words.slice(0, i), w + words[i + 1], ...words.slice(i + 2)]] : []));
      queries.push(joined.length === 0 ? wordQuery(words) : { combineWith: 'OR', queries: [wordQuery(words), ...joined.map(wordQuery)] });
    }
    for (const p of phrases) queries.push({ queries: p, combineWith: 'AND', fuzzy: false, prefix: false });
    const searchOptions: SearchOptions = { boost, weights: { fuzzy: 0.25, prefix: 0.5 }, combineWith: 'AND' };
    const exact = new Set([...words, ...phrases.flat()]);
    const factor = (t: string): number => typoFactor(t, words, exact);
    if (fastPath.rawScores && readable(index)) {
      const scored = scoreQuery(index, { queries, combineWith: 'AND' }, searchOptions, { ...how, typoFactor: factor });
      if (scored) return scored.ids.map((id, i) => ({ id, score: scored.scores[i], terms: null, scored, short: scored.shorts[i] }));
    }
    // MiniSearch's public search(): a document the filters leave out is skipped before it is scored (boostDocument 0).
    const out: Candidate[] = [];
    for (const r of index.search({ queries, combineWith: 'AND' }, { ...searchOptions, ...(allowed ? { boostDocument: (id: string) => (allowed(id) ? 1 : 0) } : {}) })) {
      if (passes && !passes(r.id as string)) continue;
      let score = r.score;
      for (const t in r.match) score *= factor(t);
      out.push({ id: r.id as string, score, terms: Object.keys(r.match), scored: null, short: 0 });
    }
    return out;
  }

  /**
   * Entity filter values to sets of entity ids, one per value (an operation brings its rounds);
   * a result must be about one entity of every set. Null when there is no such filter.
   */
  private resolveEntities(values: string[], problems: string[]): Set<string>[] | null {
    if (values.length === 0) return null;
    const scopes: Set<string>[] = [];
    for (const value of values) {
      const key = normalizeName(value);
      let found = [...this.entities.values()].filter((e) => this.entityKeys.get(e.id)?.includes(key));
      if (found.length === 0) {
        const best = this.entityFuse.search(key, { limit: 1 })[0];
        if (best && (best.score ?? 1) <= 0.25) found = [this.entities.get(best.item.id)!];
      }
      if (found.length === 0) {
        problems.push(`No entity is called “${value}”, so that filter was left out.`);
        continue;
      }
      const ids = new Set<string>();
      for (const e of found) {
        ids.add(e.id);
        for (const child of this.entities.values()) if (child.parentId === e.id) ids.add(child.id);
      }
      scopes.push(ids);
    }
    return scopes.length > 0 ? scopes : null;
  }

  /**
   * The smallest set of annotations the filters allow, to walk (a listing) or to probe (a search)
   * instead of every annotation: those about an entity, of the kinds asked for, or of the sources
   * allowed. Null when the filters narrow nothing.
   */
  private annotationPool(pools: AnnotationPools): Pool | null {
    const options: Pool[] = [];
    if (pools.entityAnnotations?.[0]) {
      const set = pools.entityAnnotations[0];
      options.push({ size: set.size, ids: () => set });
    }
    if (pools.kinds) {
      const sets = [...pools.kinds].map((k) => this.byKind.get(k) ?? new Set<string>());
      options.push({ size: sets.reduce((n, x) => n + x.size, 0), ids: () => sets.flatMap((x) => [...x]) });
    }
    if (pools.allowed) {
      const allowed = pools.allowed;
      let size = 0;
      for (const s of allowed) size += this.bySource.get(s)?.size ?? 0;
      options.push({ size, ids: () => [...allowed].flatMap((s) => [...(this.bySource.get(s) ?? [])]) });
    }
    const smallest = options.reduce<Pool | null>((a, b) => (a === null || b.size < a.size ? b : a), null);
    return smallest && smallest.size < this.annotations.size ? smallest : null;
  }

  /** The smallest set of sources the filters allow (by source, outlet, date or entity), or null when they narrow nothing. */
  private sourcePool(allowed: Set<string> | null, entitySources: Set<string>[] | null): Pool | null {
    const smallest = [allowed, ...(entitySources ?? [])].reduce<Set<string> | null>((a, b) => (b && (!a || b.size < a.size) ? b : a), null);
    return smallest && smallest.size < this.sources.size ? { size: smallest.size, ids: () => smallest } : null;
  }

  /** Annotations passing the filters, without words, in the listing's order (newest source first, then position) as scores. */
  private listAnnotations(passes: (id: string) => boolean, pools: AnnotationPools): Candidate[] {
    const out: Candidate[] = [];
    for (const id of this.annotationPool(pools)?.ids() ?? this.annotations.keys()) {
      if (!passes(id)) continue;
      const a = this.annotations.get(id)!.annotation;
      out.push(unscored(id, -(this.rankOf(a.sourceId) * 1e9 + a.start)));
    }
    return out;
  }

  /** Phrases present and exclusions absent: an excluded word needs only the index's answer, a phrase the text. */
  private passesText(entry: AnnotationEntry, id: string, phrases: RegExp[], excluded: string[][], excludedRegexes: RegExp[], excludedIds: Set<string>[]): boolean {
    let folded: string | null = null;
    const text = () => (folded ??= `${entry.foldedQuote}\n${entry.foldedNote}\n${foldText(entry.annotation.tags.join(' '))}`);
    for (const r of phrases) if (!matches(r, text())) return false;
    for (let i = 0; i < excluded.length; i++) if (excludedIds[i].has(id) && (excluded[i].length === 1 || matches(excludedRegexes[i], text()))) return false;
    return true;
  }

  private resolveSources(values: string[], problems: string[]): Set<string> {
    const ids = new Set<string>();
    for (const value of values) {
      const wanted = indexTokens(value);
      for (const entry of this.sources.values()) {
        entry.titleTokens ??= indexTokens(entry.source.title);
        const have = entry.titleTokens;
        if (entry.source.id === value || wanted.every((w) => have.some((h) => h.startsWith(w)))) ids.add(entry.source.id);
      }
    }
    if (ids.size === 0) problems.push(`No source has “${values.join('” or “')}” in its title.`);
    return ids;
  }

  /** Sources about any of these entities: an annotation links one, or the text names one. */
  private sourcesOfEntities(scope: Set<string>): Set<string> {
    const cacheKey = `s:${[...scope].sort().join(',')}`;
    const cached = this.aboutCache.get(cacheKey);
    if (cached) return cached;
    const ids = new Set<string>();
    this.aboutCache.set(cacheKey, ids);
    for (const id of scope) for (const a of this.byEntity.get(id) ?? []) ids.add(this.annotations.get(a)!.annotation.sourceId);
    for (const id of scope) {
      for (const key of this.entityKeys.get(id) ?? []) {
        const tokens = key.split(' ');
        for (const id of containing(this.sourceIndex, tokens)) {
          const entry = this.sources.get(id);
          if (entry && hasPhrase(entry.folded, tokens)) ids.add(entry.source.id);
        }
      }
    }
    return ids;
  }

  /** Annotations about any of these entities: linked to one, or quoting one of its names. */
  private annotationsOfEntities(scope: Set<string>): Set<string> {
    const cacheKey = `a:${[...scope].sort().join(',')}`;
    const cached = this.aboutCache.get(cacheKey);
    if (cached) return cached;
    const ids = new Set<string>();
    this.aboutCache.set(cacheKey, ids);
    for (const id of scope) for (const a of this.byEntity.get(id) ?? []) ids.add(a);
    for (const id of scope) {
      for (const key of this.entityKeys.get(id) ?? []) {
        const tokens = key.split(' ');
        for (const id of containing(this.annotationIndex, tokens)) {
          const entry = this.annotations.get(id);
          if (entry && hasPhrase(entry.foldedQuote, tokens)) ids.add(entry.annotation.id);
        }
      }
    }
    return ids;
  }

  /**
   * Entities named by the query. Each query word must match a word of the name or of one alias
   * (exactly, as the start of it, or within its typos) and phrases must appear as such; fuse.js
   * adds names spelt joined or split ("phunt", "cyber dome"). `strong` marks an entity the query
   * names outright: every query word matched and at least half of that spelling's words covered
   * ("abrahm" names Manoj Abraham; "police" does not name Kerala Police Cyberdome).
   */
  private searchEntities(query: string, phrases: string[][], excluded: string[][]): { hit: EntityHit; score: number; strong: boolean }[] {
    const key = normalizeName(query);
    if (key === '') return [];
    const queryTokens = key.split(' ');
    const best = new Map<string, { score: number; display: string; strong: boolean }>();
    const consider = (id: string, score: number, display: string, strong: boolean) => {
      const known = best.get(id);
      if (!known || score > known.score) best.set(id, { score, display, strong: strong || (known?.strong ?? false) });
      else if (strong) known.strong = true;
    };
    for (const { id, display, key: k, tokens: nameTokens } of this.spellings) {
      if (!phrases.every((p) => hasPhrase(k, p))) continue;
      const quality = tokenMatch(queryTokens, nameTokens);
      if (quality === null) continue;
      const covered = nameTokens.filter((t) => queryTokens.some((q) => wordMatches(q, t) !== null)).length;
      consider(id, k === key ? 1 : quality.score * (0.5 + (0.5 * covered) / nameTokens.length), display, covered * 2 >= nameTokens.length);
    }
    if (phrases.length === 0) {
      for (const r of this.entityFuse.search(key, { limit: 10 })) {
        const score = r.score ?? 1;
        // Strong only when the spellings differ just by spacing ("phunt" for "P Hunt").
        if (score <= 0.2) consider(r.item.id, 0.5 * (1 - score), r.item.display, r.item.key.replaceAll(' ', '') === key.replaceAll(' ', ''));
      }
    }
    return [...best.entries()]
      .filter(([id]) => !excluded.some((x) => (this.entityKeys.get(id) ?? []).some((k) => hasPhrase(k, x))))
      .sort((a, b) => b[1].score - a[1].score || this.entities.get(a[0])!.name.localeCompare(this.entities.get(b[0])!.name))
      .map(([id, m]) => {
        const e = this.entities.get(id)!;
        const isName = m.display === e.name;
        return {
          score: m.score,
          strong: m.strong,
          hit: { id, type: e.type, name: markTokens(e.name, queryTokens), alias: isName ? null : markTokens(m.display, queryTokens), score: m.score },
        };
      });
  }

  private annotationHit(id: string, score: number, via: string | null, marks: RegExp | null): AnnotationHit {
    const { annotation: a, foldedQuote, foldedNote } = this.annotations.get(id)!;
    const source = this.sources.get(a.sourceId)?.source;
    let note: Highlighted | null = null;
    if (a.note.trim() !== '') {
      // The note is shown as text: its Markdown marks (**, _, `, #, links) are left out.
      const plain = plainMarkdown(a.note);
      const folded = plain === a.note ? foldedNote : foldText(plain);
      const first = marks ? rangesOf(folded, marks)[0] : undefined;
      note = plain.length <= 240 ? highlightAll(plain, folded, marks) : first ? window(plain, folded, first[0], first[1], marks!) : { text: `${plain.slice(0, 200)} …`, ranges: [] };
    }
    return {
      id,
      sourceId: a.sourceId,
      sourceTitle: source?.title ?? a.sourceId,
      outlet: source?.outlet ?? null,
      published: source?.published ?? null,
      kind: a.kind,
      quote: highlightAll(a.quote, foldedQuote, marks),
      note,
      tags: [...a.tags],
      start: a.start,
      end: a.end,
      linkedTo: via,
      score,
    };
  }

  private sourceHit(id: string, score: number, phrases: string[][], marks: RegExp | null): SourceHit {
    const { source, folded } = this.sources.get(id)!;
    const title = highlightAll(source.title, foldText(source.title), marks);
    let first: [number, number] | undefined;
    for (const p of phrases) {
      first = rangesOf(folded, tokenRegex(p, true))[0];
      if (first) break;
    }
    first ??= marks ? rangesOf(folded, marks)[0] : undefined;
    const snippet = first ? window(source.text, folded, first[0], first[1], marks!) : window(source.text, folded, 0, 0, /(?!)/g);
    return { id, title, outlet: source.outlet, published: source.published, snippet, hit: first ? { start: first[0], end: first[1] } : null, score };
  }

  /** Each source's place in the listing without words: newest first, then by title. Kept until a source changes. */
  private ranks: Map<string, number> | null = null;

  private rankOf(id: string): number {
    if (!this.ranks) {
      const order = [...this.sources.values()].map((e) => e.source).sort((x, y) => (y.published ?? '').localeCompare(x.published ?? '') || x.title.localeCompare(y.title));
      this.ranks = new Map(order.map((s, i) => [s.id, i]));
    }
    return this.ranks.get(id) ?? Number.MAX_SAFE_INTEGER;
  }
}

/** A document an index found: its score and the words of it that matched (keys of `match`). */
interface Candidate {
  id: string;
  score: number;
  /** The index's words that matched, or where to ask for them (`scored`, by the short id). */
  terms: string[] | null;
  scored: Scored | null;
  short: number;
}

const termsOf = (c: Candidate): string[] => c.terms ?? c.scored?.termsOf(c.short) ?? [];
const unscored = (id: string, score: number): Candidate => ({ id, score, terms: [], scored: null, short: 0 });
const byScoreDesc = (a: Candidate, b: Candidate) => b.score - a.score;

/** Above this many documents containing a word exactly, the word is not also searched with typos. */
const COMMON_WORD_DOCUMENTS = 1000;

/** In how many documents of an index a word occurs exactly (0 where MiniSearch's lists cannot be read). */
function documentFrequency(index: MiniSearch, term: string): number {
  const { _index: postings } = index as unknown as PostingLists;
  if (!postings || typeof postings.get !== 'function') return 0;
  let n = 0;
  for (const docs of postings.get(term)?.values() ?? []) n = Math.max(n, docs.size);
  return n;
}

/** Whether runIndex() scores on the posting lists (scorer.ts); tests turn it off to compare with MiniSearch's search(). */
export const fastPath = { rawScores: true };

/**
 * MiniSearch weighs a typo match by its Levenshtein distance, hardly (one typo 0.89, two 0.8 for
 * an eight-letter word), and counts two swapped letters ("liarkara" for "lirakara") as two typos.
 * The factor re-weighs an index word a query word reached through typos: a swap is one typo, and
 * two typos count for less than half of one, so the word meant comes first. 1 for the words typed
 * and for prefixes of them.
 */
function typoFactor(t: string, words: string[], exact: Set<string>): number {
  if (exact.has(t)) return 1;
  let best: { q: string; lev: number; osa: number } | null = null;
  for (const q of words) {
    if (t.startsWith(q) || Math.abs(t.length - q.length) > 2) continue;
    const lev = distance(q, t);
    // Only a query word the index word is within typo reach of (two at most) re-weighs it: a
    // prefix match of another word ("chan" → "channel" beside "court") is not a typo of "court".
    if (lev > 2 && swapDistance(q, t) > 2) continue;
    const osa = lev >= 2 ? swapDistance(q, t) : lev;
    if (!best || osa < best.osa) best = { q, lev, osa };
  }
  if (!best || best.osa === 0) return 1;
  return ((best.q.length + best.lev) / (best.q.length + best.osa)) * (2 / (1 + best.osa)) ** 2;
}

/** The k best candidates, best first (ties in the order found), without sorting all of them. */
function topK(list: Candidate[], k: number): Candidate[] {
  if (list.length <= k * 4) return [...list].sort(byScoreDesc).slice(0, k);
  const top: Candidate[] = [];
  for (const c of list) {
    if (top.length < k) {
      top.push(c);
      if (top.length === k) top.sort(byScoreDesc);
      continue;
    }
    if (c.score <= top[k - 1].score) continue;
    let i = k - 1;
    top[i] = c;
    while (i > 0 && top[i - 1].score < top[i].score) {
      [top[i - 1], top[i]] = [top[i], top[i - 1]];
      i--;
    }
  }
  return top;
}

const phraseCache = new Map<string, RegExp>();

/** Whether a folded text contains the tokens in sequence, as whole tokens. */
function hasPhrase(folded: string, tokens: string[]): boolean {
  const key = tokens.join('\u0000');
  let regex = phraseCache.get(key);
  if (!regex) {
    if (phraseCache.size > 2000) phraseCache.clear();
    phraseCache.set(key, (regex = tokenRegex(tokens, true)));
  }
  return matches(regex, folded);
}

function matches(regex: RegExp, folded: string): boolean {
  regex.lastIndex = 0;
  return regex.test(folded);
}

/** What containing() reads of MiniSearch 7's index: its posting lists and document ids. */
interface PostingLists {
  _index?: { get(term: string): Map<number, Map<number, number>> | undefined };
  _documentIds?: Map<number, unknown>;
}

/**
 * The documents of an index that contain every one of these words exactly. Reads MiniSearch's
 * posting lists directly (a set of ids needs no scoring: 20× faster on a word in every document);
 * should a future MiniSearch store them differently, it falls back to an exact search.
 */
function containing(index: MiniSearch, tokens: string[]): Set<string> {
  const { _index: postings, _documentIds: ids } = index as unknown as PostingLists;
  if (!postings || typeof postings.get !== 'function' || !(ids instanceof Map)) {
    return new Set(index.search({ queries: tokens, combineWith: 'AND' }, { fuzzy: false, prefix: false }).map((r) => r.id as string));
  }
  let found: Set<number> | null = null;
  for (const token of tokens) {
    const next = new Set<number>();
    for (const docs of postings.get(token)?.values() ?? []) for (const doc of docs.keys()) if (found === null || found.has(doc)) next.add(doc);
    found = next;
    if (found.size === 0) break;
  }
  const out = new Set<string>();
  // A discarded document stays in the posting lists until vacuuming, but not among the ids.
  for (const doc of found ?? []) if (ids.has(doc)) out.add(ids.get(doc) as string);
  return out;
}

/** Whether every word of `words` appears in `text` (as a token or the start of one). */
function matchesWords(text: string, words: string): boolean {
  const have = indexTokens(text);
  return indexTokens(words).every((w) => have.some((h) => h.startsWith(w)));
}

/** Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment). */
export function swapDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2] + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1];
}

/** How a query word matches a word: 1 exactly, 0.8 as its start, 0.6 within the word's typos, else null. */
function wordMatches(query: string, word: string): number | null {
  if (query === word) return 1;
  if ([...query].length >= 2 && word.startsWith(query)) return 0.8;
  const fuzzy = fuzziness(query);
  return fuzzy !== false && Math.abs(query.length - word.length) <= fuzzy && distance(query, word) <= fuzzy ? 0.6 : null;
}

/** Whether every query word matches a word of a name, and how well on average. */
function tokenMatch(queryTokens: string[], nameTokens: string[]): { score: number } | null {
  let total = 0;
  for (const q of queryTokens) {
    let bestScore = 0;
    for (const t of nameTokens) bestScore = Math.max(bestScore, wordMatches(q, t) ?? 0);
    if (bestScore === 0) return null;
    total += bestScore;
  }
  return { score: total / queryTokens.length };
}

/** Marks the tokens of a name that match a query token (exactly, by prefix, or within its typos). */
function markTokens(text: string, queryTokens: string[]): Highlighted {
  const ranges: [number, number][] = [];
  for (const t of tokenize(text)) if (queryTokens.some((q) => wordMatches(q, t.text) !== null)) ranges.push([t.start, t.end]);
  return { text, ranges };
}

/**
 * Dossier's search engine. Word indexes of its own (term-index.ts: compact, saved as typed arrays)
 * find candidates among source texts and annotations by their words — as typed, by prefix while
 * typing, and, for a word the notebook does not hold, by its nearest spellings — and rank them by
 * edits, then BM25 with title and quote hits above body hits (run-query.ts). fuse.js matches entity
 * names and aliases (entities.ts). Tokens are the ones entity names use (normalizeName), so "p hunt
 * 20.2" finds "P-HUNT_20.2", and folding drops case and Latin accents, so "jose" finds "José".
 *
 * Pure and synchronous: the backend runs it in a worker thread, the CLI in-process. It does not
 * hold source texts: it asks a reader for the few it shows (see store.ts).
 */
import { parseQuery, passesDates } from './query';
import { tokenRegex } from './fold';
import { matchesWords, resolveSources, searchAnnotations, searchSources, type QueryParts } from './groups';
import { indexTokens, SearchStore, type TextReader } from './store';
import { TermIndex, type SavedTermIndex } from './term-index';
import type { EngineRole, SearchAnnotation, SearchEntity, SearchOptionsIn, SearchResults, SearchSource, Shard, SourceMeta } from './types';

export type {
  AnnotationHit,
  EngineRole,
  EntityHit,
  Highlighted,
  SearchAnnotation,
  SearchEntity,
  SearchOptionsIn,
  SearchResults,
  SearchSource,
  Shard,
  SourceHit,
  SourceMeta,
  TextLocation,
} from './types';
export { keepsAnnotation, type TextReader } from './store';
export { plainMarkdown } from './snippets';
export { fuzziness, swapDistance } from './typos';

// 4: an annotation's entities include its speaker and its figure's entity (linkedEntityIds).
const SNAPSHOT_FORMAT = 'dossier-search-4';

/** A saved engine: its documents (without texts) and its word indexes as typed arrays. */
export interface EngineSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  role: EngineRole;
  shard: Shard;
  sources: SourceMeta[];
  annotations: SearchAnnotation[];
  entities: SearchEntity[];
  sourceIndex: SavedTermIndex | null;
  annotationIndex: SavedTermIndex | null;
}

export class SearchEngine {
  private readonly store: SearchStore;
  /** Title tokens of sources, for source: filters (made on first use, dropped when sources change). */
  private titleTokens = new Map<string, string[]>();
  /** Each outlet's tokens, for outlet: filters (outlets repeat from source to source). */
  private readonly outletTokens = new Map<string, string[]>();
  /** The sources a set of source filters allows, by the filters (dropped when sources change). */
  private readonly allowedSources = new Map<string, Set<string>>();

  /**
   * @param reader reads a source's text when one is shown or a phrase checked; without one the
   *   engine keeps the texts it is given (tests, small tools).
   */
  constructor(
    readonly role: EngineRole = 'all',
    readonly shard: Shard = { index: 0, count: 1 },
    reader: TextReader | null = null,
  ) {
    this.store = new SearchStore(role, shard, reader);
  }

  /** Adds or replaces a source (its title, outlet, date and text). */
  putSource(source: SearchSource): void {
    this.titleTokens.clear();
    this.allowedSources.clear();
    this.store.putSource(source);
  }

  /** Adds or replaces many sources. */
  putSources(sources: readonly SearchSource[]): void {
    for (const s of sources) this.putSource(s);
  }

  /** Adds or replaces an annotation. */
  putAnnotation(annotation: SearchAnnotation): void {
    this.store.putAnnotation(annotation);
  }

  putAnnotations(annotations: readonly SearchAnnotation[]): void {
    for (const a of annotations) this.store.putAnnotation(a);
  }

  removeAnnotation(id: string): void {
    this.store.removeAnnotation(id);
  }

  removeSource(id: string): void {
    this.titleTokens.clear();
    this.allowedSources.clear();
    this.store.removeSource(id);
  }

  /** Replaces the entities (live ones only; merged tombstones are left out by the caller). */
  setEntities(entities: readonly SearchEntity[]): void {
    this.store.entities.set(entities);
    this.store.entitiesChanged();
  }

  get size(): { sources: number; annotations: number; entities: number } {
    return { sources: this.store.sources.size, annotations: this.store.annotations.size, entities: this.store.entities.size };
  }

  /** Every document's version, to compare a saved index with the notebook. */
  versions(): { sources: { ids: string[]; versions: string[] }; annotations: { ids: string[]; versions: string[] } } {
    const lists = (docs: Iterable<{ id: string; version?: string }>) => {
      const ids: string[] = [];
      const versions: string[] = [];
      for (const d of docs) {
        ids.push(d.id);
        versions.push(d.version ?? '');
      }
      return { ids, versions };
    };
    return { sources: lists(this.store.sources.values()), annotations: lists(this.store.annotations.values()) };
  }

  /** The engine as plain data and typed arrays, to save and restore without indexing again. */
  snapshot(): EngineSnapshot {
    return {
      format: SNAPSHOT_FORMAT,
      role: this.role,
      shard: this.shard,
      sources: [...this.store.sources.values()],
      annotations: [...this.store.annotations.values()],
      entities: [...this.store.entities.all],
      sourceIndex: this.store.answersSources ? this.store.sourceIndex.save() : null,
      annotationIndex: this.store.answersAnnotations ? this.store.annotationIndex.save() : null,
    };
  }

  /** An engine from a snapshot of the same role and shard; null when it is of another kind or version, or damaged. */
  static restore(snapshot: unknown, role: EngineRole, shard: Shard = { index: 0, count: 1 }, reader: TextReader | null = null): SearchEngine | null {
    const snap = snapshot as Partial<EngineSnapshot> | null;
    if (!snap || snap.format !== SNAPSHOT_FORMAT || snap.role !== role || snap.shard?.index !== shard.index || snap.shard?.count !== shard.count) return null;
    if (!Array.isArray(snap.sources) || !Array.isArray(snap.annotations) || !Array.isArray(snap.entities)) return null;
    const engine = new SearchEngine(role, shard, reader);
    const store = engine.store;
    if (store.answersSources) {
      const index = snap.sourceIndex ? TermIndex.load(snap.sourceIndex) : null;
      if (!index || index.size !== snap.sources.length) return null;
      store.sourceIndex = index;
    }
    if (store.answersAnnotations) {
      const index = snap.annotationIndex ? TermIndex.load(snap.annotationIndex) : null;
      if (!index || index.size !== snap.annotations.length) return null;
      store.annotationIndex = index;
    }
    for (const source of snap.sources) store.restoreSource(source);
    for (const annotation of snap.annotations) store.adopt(annotation);
    engine.setEntities(snap.entities);
    return engine;
  }

  /**
   * One query of each kind (a word, a typo, a phrase, a prefix while typing, exclusions, the
   * filters, a listing without words) on rare words this index holds, and narrowed by filters:
   * run once after a build, their code is compiled before the reader's first search instead of
   * during it, at the cost of a few cheap queries (they find a handful of documents, whatever the
   * notebook's size).
   */
  warmUpQueries(): { query: string; options: SearchOptionsIn }[] {
    const rare = (texts: Iterable<string>, index: TermIndex, want: number): string[] => {
      const found: [string, number][] = [];
      let seen = 0;
      for (const text of texts) {
        for (const w of indexTokens(text)) if (w.length >= 5 && !/\p{N}/u.test(w) && !found.some(([x]) => x === w)) found.push([w, index.documentFrequency(w) || Infinity]);
        if (++seen >= 50) break;
      }
      return found
        .sort((x, y) => x[1] - y[1])
        .slice(0, want)
        .map(([w]) => w);
    };
    const words = [
      ...rare(
        (function* (sources) {
          for (const s of sources) yield s.title;
        })(this.store.sources.values()),
        this.store.sourceIndex,
        2,
      ),
      ...rare(
        (function* (annotations) {
          for (const a of annotations) yield a.quote;
        })(this.store.annotations.values()),
        this.store.annotationIndex,
        2,
      ),
    ];
    const [a, b = a] = words;
    if (a === undefined) return [];
    const typo = a.slice(0, 2) + a[3] + a[2] + a.slice(4);
    const first = this.store.sources.values().next().value;
    const entity = this.store.entities.all[0]?.name;
    const queries = [
      a,
      typo,
      `${a} ${b}`,
      `"${a} ${b}"`,
      `${a} -${b}`,
      `${a} -"${b} ${a}"`,
      `kind:passage ${a}`,
      `after:2000 ${b}`,
      `tag:x ${a}`,
      ...(first ? [`source:"${first.title}" kind:figure`, `source:"${first.title}" ${a}`] : []),
      ...(first?.outlet ? [`outlet:"${first.outlet}" ${a}`] : []),
      ...(entity ? [entity] : []),
    ];
    return [...queries.map((query) => ({ query, options: { limit: 10 } })), { query: a.slice(0, 3), options: { limit: 10, asYouType: true } }];
  }

  /** Runs {@link warmUpQueries} and forgets the answers. Returns how many ran. */
  warmUp(): number {
    const queries = this.warmUpQueries();
    for (const { query, options } of queries) this.search(query, options);
    return queries.length;
  }

  /** Runs a query in the syntax of query.ts. Never throws for a query. */
  search(input: string, options: SearchOptionsIn = {}): SearchResults {
    const store = this.store;
    const limit = Math.max(1, Math.min(500, options.limit ?? 20));
    const q = parseQuery(input);
    const problems = [...q.problems];
    const results: SearchResults = { query: input, entities: [], annotations: [], sources: [], totals: { entities: 0, annotations: 0, sources: 0, more: false }, problems };

    const words = q.words.flatMap(indexTokens);
    const phrases = q.phrases.map(indexTokens).filter((p) => p.length > 0);
    const excluded = q.excluded.map(indexTokens).filter((p) => p.length > 0);
    const positive = [...words, ...phrases.flat()];
    const f = q.filters;

    // Filters that name things: resolve them once.
    const entityScope = store.entities.resolve(f.entity, problems);
    const sourceScope = f.source.length > 0 ? resolveSources(store, f.source, problems, this.titleTokens) : null;
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
      // Kept until sources change: typing more words after a filter asks the same set again.
      const key = JSON.stringify([f.source, f.outlet, f.before, f.after]);
      allowed = this.allowedSources.get(key) ?? null;
      if (!allowed) {
        allowed = new Set();
        for (const [id, s] of store.sources) {
          if (sourceScope && !sourceScope.has(id)) continue;
          if (f.outlet.length > 0 && !f.outlet.some((o) => matchesWords(s.outlet ?? '', o, this.outletTokens))) continue;
          if (!passesDates(s.published, f.before, f.after)) continue;
          allowed.add(id);
        }
        if (this.allowedSources.size >= 16) this.allowedSources.clear();
        this.allowedSources.set(key, allowed);
      }
    }
    const parts: QueryParts = {
      q,
      words,
      phrases,
      excluded,
      positive,
      phraseRegexes: phrases.map((p) => tokenRegex(p, true)),
      excludedRegexes: excluded.map((x) => tokenRegex(x, x.length > 1)),
      limit,
      options,
      hasFilters,
      sourcePasses: (id) => (allowed ? allowed.has(id) : store.sources.has(id)),
      allowed,
      filtersSources,
      entityScope,
    };
    if (store.answersAnnotations) searchAnnotations(store, results, parts);
    if (store.answersSources && !annotationOnly) searchSources(store, results, parts);
    return results;
  }
}

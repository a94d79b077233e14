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
import MiniSearch, { type Options, type Query, type SearchOptions, type SearchResult } from 'minisearch';
import type { AnnotationKind } from '../domain/annotation';
import type { EntityType } from '../domain/entity';
import { normalizeName, tokenize } from '../domain/names';
import { foldText, tokenRegex } from './fold';
import { parseQuery, passesDates } from './query';

export interface SearchSource {
  id: string;
  title: string;
  outlet: string | null;
  published: string | null;
  text: string;
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

const SOURCE_FIELDS = ['title', 'outlet', 'text'];
const ANNOTATION_FIELDS = ['quote', 'note', 'tags'];
const SNIPPET_BEFORE = 70;
const SNIPPET_AFTER = 130;

interface SourceEntry {
  source: SearchSource;
  folded: string;
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

function highlightAll(text: string, folded: string, marks: RegExp | null): Highlighted {
  return { text, ranges: marks ? rangesOf(folded, marks) : [] };
}

export class SearchEngine {
  private readonly sources = new Map<string, SourceEntry>();
  private readonly annotations = new Map<string, AnnotationEntry>();
  private readonly bySource = new Map<string, Set<string>>();
  private readonly sourceIndex = new MiniSearch<SearchSource>(indexOptions(SOURCE_FIELDS));
  private readonly annotationIndex = new MiniSearch<SearchAnnotation>(indexOptions(ANNOTATION_FIELDS));
  private entities = new Map<string, SearchEntity>();
  private entityFuse = new Fuse<{ id: string; key: string; display: string }>([], { keys: ['key'] });
  private entityKeys = new Map<string, string[]>();

  /** Adds or replaces a source (its title, outlet, date and text). */
  putSource(source: SearchSource): void {
    if (this.sources.has(source.id)) this.sourceIndex.discard(source.id);
    this.sources.set(source.id, { source, folded: foldText(source.text) });
    this.sourceIndex.add(source);
  }

  /** Adds many sources at once (faster than one by one when building). */
  putSources(sources: readonly SearchSource[]): void {
    const fresh = sources.filter((s) => !this.sources.has(s.id));
    for (const s of sources) if (this.sources.has(s.id)) this.putSource(s);
    for (const s of fresh) this.sources.set(s.id, { source: s, folded: foldText(s.text) });
    this.sourceIndex.addAll(fresh);
  }

  /** Adds or replaces an annotation. */
  putAnnotation(annotation: SearchAnnotation): void {
    if (this.annotations.has(annotation.id)) this.removeAnnotation(annotation.id);
    this.annotations.set(annotation.id, { annotation, foldedQuote: foldText(annotation.quote), foldedNote: foldText(annotation.note) });
    let set = this.bySource.get(annotation.sourceId);
    if (!set) this.bySource.set(annotation.sourceId, (set = new Set()));
    set.add(annotation.id);
    this.annotationIndex.add(annotation);
  }

  putAnnotations(annotations: readonly SearchAnnotation[]): void {
    for (const a of annotations) this.putAnnotation(a);
  }

  removeAnnotation(id: string): void {
    const entry = this.annotations.get(id);
    if (!entry) return;
    this.annotationIndex.discard(id);
    this.annotations.delete(id);
    this.bySource.get(entry.annotation.sourceId)?.delete(id);
  }

  removeSource(id: string): void {
    if (!this.sources.has(id)) return;
    for (const a of [...(this.bySource.get(id) ?? [])]) this.removeAnnotation(a);
    this.sourceIndex.discard(id);
    this.sources.delete(id);
  }

  /** Replaces the entities (live ones only; merged tombstones are left out by the caller). */
  setEntities(entities: readonly SearchEntity[]): void {
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
  }

  get size(): { sources: number; annotations: number; entities: number } {
    return { sources: this.sources.size, annotations: this.annotations.size, entities: this.entities.size };
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

    // Filters that name things: resolve them once.
    const entityScope = this.resolveEntities(f.entity, problems);
    const sourceScope = f.source.length > 0 ? this.resolveSources(f.source, problems) : null;
    const annotationOnly = f.tag.length > 0 || f.kind.length > 0;
    const hasFilters = entityScope !== null || sourceScope !== null || annotationOnly || f.outlet.length > 0 || f.before !== null || f.after !== null;

    if (positive.length === 0 && !hasFilters) {
      if (input.trim() !== '' && problems.length === 0) problems.push('Type a word to search for.');
      return results;
    }

    const sourcePasses = (id: string): boolean => {
      const entry = this.sources.get(id);
      if (!entry) return false;
      const s = entry.source;
      if (sourceScope && !sourceScope.has(id)) return false;
      if (f.outlet.length > 0 && !f.outlet.some((o) => matchesWords(s.outlet ?? '', o))) return false;
      if (!passesDates(s.published, f.before, f.after)) return false;
      return true;
    };
    const entitySources = entityScope ? entityScope.map((scope) => this.sourcesOfEntities(scope)) : null;

    // Annotations.
    const marksFor = (terms: string[]): RegExp | null => (positive.length === 0 ? null : tokenRegex([...new Set([...positive, ...terms])].map(foldText)));
    const annotationPasses = (id: string): boolean => {
      const entry = this.annotations.get(id);
      if (!entry) return false;
      const a = entry.annotation;
      if (!sourcePasses(a.sourceId)) return false;
      if (f.kind.length > 0 && !f.kind.includes(a.kind)) return false;
      if (f.tag.length > 0 && !f.tag.every((t) => a.tags.some((x) => x.toLowerCase() === t.toLowerCase()))) return false;
      if (entityScope && !entityScope.every((scope) => a.entityIds.some((e) => scope.has(e)) || this.mentions(entry.foldedQuote, scope))) return false;
      if (phrases.some((p) => !hasPhrase(`${entry.foldedQuote}\n${entry.foldedNote}\n${foldText(a.tags.join(' '))}`, p))) return false;
      if (excluded.some((x) => hasPhrase(`${entry.foldedQuote}\n${entry.foldedNote}\n${foldText(a.tags.join(' '))}`, x))) return false;
      return true;
    };
    const annotationHits = positive.length > 0 ? this.runIndex(this.annotationIndex, words, phrases, options, { quote: 2, note: 1.5, tags: 1.5 }, annotationPasses) : [...this.annotations.keys()].filter(annotationPasses).map((id) => ({ id, score: 0, terms: [] as string[] }));

    // Entities the whole query names, and annotations linked to them that the words missed.
    const namedEntities = positive.length > 0 && !hasFilters ? this.searchEntities([...q.words, ...q.phrases].join(' '), phrases, excluded) : [];
    results.totals.entities = namedEntities.length;
    results.entities = namedEntities.slice(0, limit).map((h) => h.hit);
    const strong = namedEntities.filter((h) => h.strong);
    const seen = new Set(annotationHits.map((h) => h.id));
    const linked: { id: string; score: number; terms: string[]; via: string }[] = [];
    const floor = annotationHits.length > 0 ? Math.min(...annotationHits.map((h) => h.score)) * 0.5 : 1;
    for (const { hit } of strong) {
      for (const entry of this.annotations.values()) {
        if (seen.has(entry.annotation.id) || !entry.annotation.entityIds.includes(hit.id) || !annotationPasses(entry.annotation.id)) continue;
        seen.add(entry.annotation.id);
        linked.push({ id: entry.annotation.id, score: floor, terms: [], via: hit.name.text });
      }
    }
    const orderedAnnotations = [...annotationHits.map((h) => ({ ...h, via: null as string | null })), ...linked];
    if (positive.length === 0) orderedAnnotations.sort((a, b) => this.compareAnnotations(a.id, b.id));
    results.totals.annotations = orderedAnnotations.length;
    results.annotations = orderedAnnotations.slice(0, limit).map((h) => this.annotationHit(h.id, h.score, h.via, marksFor(h.terms)));

    // Sources.
    if (!annotationOnly) {
      let stoppedEarly = false;
      const accepted: { id: string; score: number; terms: string[] }[] = [];
      const candidates = positive.length > 0 ? this.runIndex(this.sourceIndex, words, phrases, options, { title: 4, outlet: 2, text: 1 }, sourcePasses) : [...this.sources.keys()].filter(sourcePasses).map((id) => ({ id, score: 0, terms: [] as string[] }));
      if (positive.length === 0) candidates.sort((a, b) => this.compareSources(a.id, b.id));
      for (const c of candidates) {
        if (accepted.length >= limit && (phrases.length > 0 || excluded.length > 0 || entitySources)) {
          stoppedEarly = true;
          break;
        }
        const entry = this.sources.get(c.id)!;
        const foldedTitle = foldText(entry.source.title);
        if (entitySources && !entitySources.every((set) => set.has(c.id))) continue;
        if (phrases.length > 0) {
          if (phrases.some((p) => !hasPhrase(`${foldedTitle}\n${entry.folded}`, p))) continue;
        }
        if (excluded.some((x) => hasPhrase(`${foldedTitle}\n${foldText(entry.source.outlet ?? '')}\n${entry.folded}`, x))) continue;
        accepted.push(c);
      }
      results.totals.sources = accepted.length;
      results.totals.more = stoppedEarly;
      results.sources = accepted.slice(0, limit).map((c) => this.sourceHit(c.id, c.score, phrases, marksFor(c.terms)));
    }
    return results;
  }

  /** Runs words (fuzzy, all required) and phrase words (exact, all required) on one index. */
  private runIndex(index: MiniSearch, words: string[], phrases: string[][], options: SearchOptionsIn, boost: Record<string, number>, passes: (id: string) => boolean): { id: string; score: number; terms: string[] }[] {
    const queries: Query[] = [];
    if (words.length > 0) {
      const wordQuery = (terms: string[]): Query => ({
        queries: terms,
        combineWith: 'AND',
        fuzzy: (term) => fuzziness(term),
        prefix: (term, i) => options.asYouType === true && i === terms.length - 1 && phrases.length === 0 && [...term].length >= 2,
      });
      // Two words may be one as another outlet writes it: "cyber dome" also finds "Cyberdome".
      const joined = words.slice(0, 4).flatMap((w, i) => (i + 1 < words.length && !/\p{N}/u.test(w + words[i + 1]) ? [[...words.slice(0, i), w + words[i + 1], ...words.slice(i + 2)]] : []));
      queries.push(joined.length === 0 ? wordQuery(words) : { combineWith: 'OR', queries: [wordQuery(words), ...joined.map(wordQuery)] });
    }
    for (const p of phrases) queries.push({ queries: p, combineWith: 'AND', fuzzy: false, prefix: false });
    const searchOptions: SearchOptions = { boost, weights: { fuzzy: 0.25, prefix: 0.5 }, combineWith: 'AND', filter: (r: SearchResult) => passes(r.id as string) };
    return index.search({ queries, combineWith: 'AND' }, searchOptions).map((r) => ({ id: r.id as string, score: r.score, terms: r.terms }));
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

  private resolveSources(values: string[], problems: string[]): Set<string> {
    const ids = new Set<string>();
    for (const value of values) {
      for (const { source } of this.sources.values()) if (source.id === value || matchesWords(source.title, value)) ids.add(source.id);
    }
    if (ids.size === 0) problems.push(`No source has “${values.join('” or “')}” in its title.`);
    return ids;
  }

  /** Sources about any of these entities: an annotation links one, or the text names one. */
  private sourcesOfEntities(scope: Set<string>): Set<string> {
    const ids = new Set<string>();
    for (const entry of this.annotations.values()) if (entry.annotation.entityIds.some((e) => scope.has(e))) ids.add(entry.annotation.sourceId);
    for (const id of scope) {
      for (const key of this.entityKeys.get(id) ?? []) {
        const tokens = key.split(' ');
        for (const r of this.sourceIndex.search({ queries: tokens, combineWith: 'AND' }, { fuzzy: false, prefix: false })) {
          const entry = this.sources.get(r.id as string);
          if (entry && hasPhrase(entry.folded, tokens)) ids.add(entry.source.id);
        }
      }
    }
    return ids;
  }

  private mentions(folded: string, scope: Set<string>): boolean {
    for (const id of scope) for (const key of this.entityKeys.get(id) ?? []) if (hasPhrase(folded, key.split(' '))) return true;
    return false;
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
    for (const e of this.entities.values()) {
      for (const display of [e.name, ...e.aliases]) {
        const k = normalizeName(display);
        if (k === '' || !phrases.every((p) => hasPhrase(k, p))) continue;
        const nameTokens = k.split(' ');
        const quality = tokenMatch(queryTokens, nameTokens);
        if (quality === null) continue;
        const covered = nameTokens.filter((t) => queryTokens.some((q) => wordMatches(q, t) !== null)).length;
        consider(e.id, k === key ? 1 : quality.score * (0.5 + (0.5 * covered) / nameTokens.length), display, covered * 2 >= nameTokens.length);
      }
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
      const first = marks ? rangesOf(foldedNote, marks)[0] : undefined;
      note = a.note.length <= 240 ? highlightAll(a.note, foldedNote, marks) : first ? window(a.note, foldedNote, first[0], first[1], marks!) : { text: `${a.note.slice(0, 200)} …`, ranges: [] };
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

  private compareSources(a: string, b: string): number {
    const x = this.sources.get(a)!.source;
    const y = this.sources.get(b)!.source;
    return (y.published ?? '').localeCompare(x.published ?? '') || x.title.localeCompare(y.title);
  }

  private compareAnnotations(a: string, b: string): number {
    const x = this.annotations.get(a)!.annotation;
    const y = this.annotations.get(b)!.annotation;
    return this.compareSources(x.sourceId, y.sourceId) || x.start - y.start;
  }
}

/** Whether a folded text contains the tokens in sequence, as whole tokens. */
function hasPhrase(folded: string, tokens: string[]): boolean {
  const r = tokenRegex(tokens, true);
  r.lastIndex = 0;
  return r.test(folded);
}

/** Whether every word of `words` appears in `text` (as a token or the start of one). */
function matchesWords(text: string, words: string): boolean {
  const have = indexTokens(text);
  return indexTokens(words).every((w) => have.some((h) => h.startsWith(w)));
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

/**
 * The groups a query answers from a store: annotations (with the entities the query names and the
 * passages linked to them) and sources (with a snippet around the first words found). Filters on
 * what a document is are asked before it is scored, filters on its text after; a filter that
 * names few documents (one source's annotations, an entity's) is probed instead of walking the
 * words' postings.
 */
import type { ParsedQuery } from './query';
import { foldText, tokenRegex } from './fold';
import { byScoreDesc, runWords, termsOf, topK, unscored, type Candidate } from './run-query';
import type { Pool } from './score';
import { hasPhrase, highlightAll, matches, plainMarkdown, rangesOf, window } from './snippets';
import { indexTokens, type SearchStore } from './store';
import type { AnnotationHit, Highlighted, SearchOptionsIn, SearchResults, SourceHit } from './types';

/** What both groups take from a parsed query. */
export interface QueryParts {
  q: ParsedQuery;
  words: string[];
  phrases: string[][];
  excluded: string[][];
  positive: string[];
  phraseRegexes: RegExp[];
  excludedRegexes: RegExp[];
  limit: number;
  options: SearchOptionsIn;
  hasFilters: boolean;
  sourcePasses: (id: string) => boolean;
  /** The sources the filters allow; null when no filter is on sources. */
  allowed: Set<string> | null;
  filtersSources: boolean;
  /** Per entity filter, the entity ids it stands for (an operation with its rounds). */
  entityScope: Set<string>[] | null;
}

const ANNOTATION_BOOSTS = [2, 1.5, 1.5];
const SOURCE_BOOSTS = [4, 2, 1];
const WIDENED = 'Nothing matched every word as typed: near spellings of the words are shown.';

/** The first k by score of what it is offered (ties: the first offered), and how many it was offered. */
class TopK {
  private readonly items: { id: string; score: number }[] = [];
  count = 0;
  constructor(private readonly k: number) {}
  offer(id: string, score: number): void {
    this.count++;
    const items = this.items;
    if (items.length === this.k && score <= items[items.length - 1].score) return;
    let i = items.length === this.k ? items.length - 1 : items.length;
    items[i] = { id, score };
    while (i > 0 && items[i - 1].score < items[i].score) {
      [items[i - 1], items[i]] = [items[i], items[i - 1]];
      i--;
    }
  }
  best(): Candidate[] {
    return this.items.map((x) => unscored(x.id, x.score));
  }
}

function marksFor(positive: string[], terms: string[]): RegExp | null {
  return positive.length === 0 ? null : tokenRegex([...new Set([...positive, ...terms])].map(foldText));
}

/** Annotations about any of these entities: linked to one, or quoting one of its names. */
function annotationsOfEntities(store: SearchStore, scope: Set<string>): Set<string> {
  const cacheKey = `a:${[...scope].sort().join(',')}`;
  const cached = store.about.get(cacheKey);
  if (cached) return cached;
  const ids = new Set<string>();
  store.about.set(cacheKey, ids);
  for (const id of scope) for (const a of store.byEntity.get(id) ?? []) ids.add(a);
  for (const id of scope) {
    for (const key of store.entities.keysOf(id)) {
      const tokens = key.split(' ');
      for (const found of store.annotationIndex.containing(tokens)) {
        const a = store.annotations.get(found);
        if (a && (tokens.length === 1 || hasPhrase(foldText(a.quote), tokens))) ids.add(a.id);
      }
    }
  }
  return ids;
}

/** Sources whose text names this spelling (its words in order); kept until sources or entities change. */
function sourcesNaming(store: SearchStore, key: string): Set<string> {
  const known = store.namedIn.get(key);
  if (known) return known;
  const tokens = key.split(' ');
  const ids = new Set<string>();
  for (const id of store.sourceIndex.containing(tokens)) {
    // One word needs no text: the index has it as a whole word.
    if (tokens.length === 1 || hasPhrase(store.foldedText(id), tokens)) ids.add(id);
  }
  store.namedIn.set(key, ids);
  return ids;
}

/** Sources about any of these entities: an annotation links one, or the text names one. */
function sourcesOfEntities(store: SearchStore, scope: Set<string>): Set<string> {
  const cacheKey = `s:${[...scope].sort().join(',')}`;
  const cached = store.about.get(cacheKey);
  if (cached) return cached;
  const ids = new Set<string>();
  store.about.set(cacheKey, ids);
  for (const id of scope) for (const a of store.byEntity.get(id) ?? []) ids.add(store.annotations.get(a)!.sourceId);
  for (const id of scope) for (const key of store.entities.keysOf(id)) for (const s of sourcesNaming(store, key)) ids.add(s);
  return ids;
}

/**
 * The smallest set of annotations the filters allow, to walk (a listing) or to probe (a search)
 * instead of every annotation: those about an entity, of the kinds asked for, or of the sources
 * allowed. Null when the filters narrow nothing.
 */
function annotationPool(store: SearchStore, allowed: Set<string> | null, kinds: Set<string> | null, entityAnnotations: Set<string>[] | null): Pool | null {
  const options: Pool[] = [];
  if (entityAnnotations?.[0]) {
    const set = entityAnnotations[0];
    options.push({ size: set.size, ids: () => set });
  }
  if (kinds) {
    const sets = [...kinds].map((k) => store.byKind.get(k) ?? new Set<string>());
    options.push({ size: sets.reduce((n, x) => n + x.size, 0), ids: () => sets.flatMap((x) => [...x]) });
  }
  if (allowed) {
    let size = 0;
    for (const s of allowed) size += store.bySource.get(s)?.size ?? 0;
    options.push({ size, ids: () => [...allowed].flatMap((s) => [...(store.bySource.get(s) ?? [])]) });
  }
  const smallest = options.reduce<Pool | null>((a, b) => (a === null || b.size < a.size ? b : a), null);
  return smallest && smallest.size < store.annotations.size ? smallest : null;
}

function annotationHit(store: SearchStore, id: string, score: number, via: string | null, marks: RegExp | null): AnnotationHit {
  const a = store.annotations.get(id)!;
  const source = store.sources.get(a.sourceId);
  let note: Highlighted | null = null;
  if (a.note.trim() !== '') {
    // The note is shown as text: its Markdown marks (**, _, `, #, links) are left out.
    const plain = plainMarkdown(a.note);
    const folded = foldText(plain);
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
    quote: highlightAll(a.quote, foldText(a.quote), marks),
    note,
    tags: [...a.tags],
    start: a.start,
    end: a.end,
    linkedTo: via,
    score,
  };
}

/** Answers the annotations (and the entities the query names) into `results`. */
export function searchAnnotations(store: SearchStore, results: SearchResults, c: QueryParts): void {
  const { q, words, phrases, excluded, positive, phraseRegexes, excludedRegexes, limit, options, hasFilters, sourcePasses, allowed } = c;
  const f = q.filters;
  const kinds = f.kind.length > 0 ? new Set<string>(f.kind) : null;
  const tags = f.tag.map((t) => t.toLowerCase());
  const entityAnnotations = c.entityScope ? c.entityScope.map((scope) => annotationsOfEntities(store, scope)) : null;
  // Annotations that contain every word of an exclusion (a phrase is then checked in the text).
  // Whether an annotation has every word of an exclusion (a phrase is then checked in the text): asked of the few candidates only.
  const excludedIds = excluded.map((x) => ({ has: (id: string) => store.annotationIndex.hasAll(id, x) }));
  const textChecks = phraseRegexes.length > 0 || excluded.length > 0;
  // Filters on what an annotation is (cheap, checked before it is scored) and on its text (after).
  const annotationAllowed = (id: string): boolean => {
    const a = store.annotations.get(id);
    if (!a) return false;
    if (!sourcePasses(a.sourceId)) return false;
    if (kinds && !kinds.has(a.kind)) return false;
    if (tags.length > 0 && !tags.every((t) => a.tags.some((x) => x.toLowerCase() === t))) return false;
    if (entityAnnotations && !entityAnnotations.every((set) => set.has(id))) return false;
    return true;
  };
  const annotationText = (id: string): boolean => {
    const a = store.annotations.get(id)!;
    let folded: string | null = null;
    const text = () => (folded ??= foldText(`${a.quote}\n${a.note}\n${a.tags.join(' ')}`));
    for (const r of phraseRegexes) if (!matches(r, text())) return false;
    for (let i = 0; i < excluded.length; i++) if (excludedIds[i].has(id) && (excluded[i].length === 1 || matches(excludedRegexes[i], text()))) return false;
    return true;
  };
  const annotationPasses = (id: string): boolean => annotationAllowed(id) && (!textChecks || annotationText(id));
  let hits: Candidate[];
  /** How many a listing without words found (it keeps only the first page). */
  let listedTotal: number | null = null;
  if (positive.length > 0) {
    const run = runWords(store.annotationIndex, {
      words,
      phrases,
      asYouType: options.asYouType === true,
      boosts: ANNOTATION_BOOSTS,
      allowed: hasFilters ? annotationAllowed : null,
      passes: textChecks ? annotationText : null,
      pool: hasFilters ? annotationPool(store, allowed, kinds, entityAnnotations) : null,
    });
    hits = run.candidates;
    if (run.widened && !results.problems.includes(WIDENED)) results.problems.push(WIDENED);
  } else {
    // Without words: the listing's order (newest source first, then position), as scores; only
    // the first `limit` are kept, the others counted.
    const listed = new TopK(limit);
    for (const id of annotationPool(store, allowed, kinds, entityAnnotations)?.ids() ?? store.annotations.keys()) {
      if (!annotationPasses(id)) continue;
      const a = store.annotations.get(id)!;
      listed.offer(id, -(store.rankOf(a.sourceId) * 1e9 + a.start));
    }
    hits = listed.best();
    listedTotal = listed.count;
  }

  // Entities the whole query names, and annotations linked to them that the words missed: with
  // filters too ("abrahm kind:quote" is Abraham's quotes), the filters then applying to those
  // annotations. The entities themselves are listed only for a query without filters.
  const named = positive.length > 0 ? store.entities.search([...q.words, ...q.phrases].join(' '), phrases, excluded) : [];
  const listedEntities = hasFilters ? [] : named;
  results.totals.entities = listedEntities.length;
  results.entities = listedEntities.slice(0, limit).map((h) => h.hit);
  const strong = named.filter((h) => h.strong);
  // Linked annotations come after the word hits; only those shown are kept, the others counted.
  const linked: (Candidate & { via: string })[] = [];
  let linkedCount = 0;
  if (strong.length > 0) {
    const seen = new Set(hits.map((h) => h.id));
    const floor = hits.length > 0 ? hits.reduce((min, h) => Math.min(min, h.score), Infinity) * 0.5 : 1;
    for (const { hit } of strong) {
      for (const id of store.byEntity.get(hit.id) ?? []) {
        if (seen.has(id) || !annotationPasses(id)) continue;
        // One entity's passages are distinct: only several entities need remembering which were taken.
        if (strong.length > 1) seen.add(id);
        linkedCount++;
        if (linked.length < limit) linked.push({ ...unscored(id, floor), via: hit.name.text });
      }
    }
  }
  const best = topK(hits, limit);
  results.totals.annotations = (listedTotal ?? hits.length) + linkedCount;
  const shown = [...best.map((h) => ({ ...h, via: null as string | null })), ...linked].slice(0, limit);
  results.annotations = shown.map((h) => annotationHit(store, h.id, h.score, h.via, marksFor(positive, termsOf(h))));
}

function sourceHit(store: SearchStore, id: string, score: number, phrases: string[][], marks: RegExp | null): SourceHit {
  const source = store.sources.get(id)!;
  const text = store.text(id) ?? '';
  const folded = store.foldedText(id);
  const title = highlightAll(source.title, foldText(source.title), marks);
  let first: [number, number] | undefined;
  for (const p of phrases) {
    first = rangesOf(folded, tokenRegex(p, true))[0];
    if (first) break;
  }
  first ??= marks ? rangesOf(folded, marks)[0] : undefined;
  const snippet = first ? window(text, folded, first[0], first[1], marks!) : window(text, folded, 0, 0, /(?!)/g);
  return { id, title, outlet: source.outlet, published: source.published, snippet, hit: first ? { start: first[0], end: first[1] } : null, score };
}

/** Answers the sources into `results`. */
export function searchSources(store: SearchStore, results: SearchResults, c: QueryParts): void {
  const { words, phrases, excluded, positive, phraseRegexes, excludedRegexes, limit, options, filtersSources, sourcePasses, allowed } = c;
  const entitySources = c.entityScope ? c.entityScope.map((scope) => sourcesOfEntities(store, scope)) : null;
  const excludedIds = excluded.map((x) => ({ has: (id: string) => store.sourceIndex.hasAll(id, x) }));
  let found: Candidate[];
  let listedTotal: number | null = null;
  if (positive.length > 0) {
    // The smallest set of sources the filters allow (by source, outlet, date or entity), probed when it is small.
    const smallest = [allowed, ...(entitySources ?? [])].reduce<Set<string> | null>((a, b) => (b && (!a || b.size < a.size) ? b : a), null);
    const pool = smallest && smallest.size < store.sources.size ? { size: smallest.size, ids: () => smallest } : null;
    const run = runWords(store.sourceIndex, { words, phrases, asYouType: options.asYouType === true, boosts: SOURCE_BOOSTS, allowed: filtersSources ? sourcePasses : null, passes: null, pool });
    found = run.candidates;
    if (run.widened && !results.problems.includes(WIDENED)) results.problems.push(WIDENED);
  } else {
    const listed = new TopK(limit);
    for (const id of store.sources.keys()) if (sourcePasses(id)) listed.offer(id, -store.rankOf(id));
    found = listed.best();
    listedTotal = listed.count;
  }
  const checks = phrases.length > 0 || excluded.length > 0 || entitySources !== null;
  let total = listedTotal ?? found.length;
  let stoppedEarly = false;
  const accepted: Candidate[] = [];
  if (!checks) accepted.push(...topK(found, limit));
  else {
    // Checked best first until the page is full: a phrase or an excluded phrase needs the text.
    found.sort(byScoreDesc);
    for (const candidate of found) {
      if (accepted.length >= limit) {
        stoppedEarly = true;
        break;
      }
      if (entitySources && !entitySources.every((set) => set.has(candidate.id))) continue;
      if (excluded.some((x, i) => x.length === 1 && excludedIds[i].has(candidate.id))) continue;
      if (phrases.length > 0 || excluded.some((x, i) => x.length > 1 && excludedIds[i].has(candidate.id))) {
        const source = store.sources.get(candidate.id)!;
        const folded = `${foldText(source.title)}\n${foldText(source.outlet ?? '')}\n${store.foldedText(candidate.id)}`;
        if (phraseRegexes.some((r) => !matches(r, folded))) continue;
        if (excluded.some((x, i) => x.length > 1 && excludedIds[i].has(candidate.id) && matches(excludedRegexes[i], folded))) continue;
      }
      accepted.push(candidate);
    }
    total = accepted.length;
  }
  results.totals.sources = total;
  results.totals.more = stoppedEarly;
  results.sources = accepted.slice(0, limit).map((hit) => sourceHit(store, hit.id, hit.score, phrases, marksFor(positive, termsOf(hit))));
}

/** Whether every word of `words` appears in `text` (as a token or the start of one); `cache` keeps texts' tokens (outlets repeat). */
export function matchesWords(text: string, words: string, cache?: Map<string, string[]>): boolean {
  let have = cache?.get(text);
  if (!have) {
    have = indexTokens(text);
    if (cache && cache.size < 10_000) cache.set(text, have);
  }
  const wanted = indexTokens(words);
  return wanted.every((w) => have.some((h) => h.startsWith(w)));
}

/** Sources whose title has these words (or whose id is given), for source: filters. */
export function resolveSources(store: SearchStore, values: string[], problems: string[], titleTokens: Map<string, string[]>): Set<string> {
  const ids = new Set<string>();
  for (const value of values) {
    const wanted = indexTokens(value);
    for (const source of store.sources.values()) {
      let have = titleTokens.get(source.id);
      if (!have) titleTokens.set(source.id, (have = indexTokens(source.title)));
      if (source.id === value || wanted.every((w) => have.some((h) => h.startsWith(w)))) ids.add(source.id);
    }
  }
  if (ids.size === 0) problems.push(`No source has “${values.join('” or “')}” in its title.`);
  return ids;
}

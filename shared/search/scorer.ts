/**
 * Scores a MiniSearch query as MiniSearch's own executeQuery does (BM25+, the same boosts, prefix
 * and typo weights, AND/OR, a document's score times the number of query words it matched), over
 * the index's posting lists, without a result object per matching document.
 *
 * Why: a word in nearly every document ("police" in 15,000 of 55,000) made MiniSearch build and
 * merge three objects per posting, which was most of a slow query. Here a posting costs a few
 * array writes: scores, the words matched and the typo factor live in typed arrays indexed by
 * MiniSearch's short document ids (reused between queries), a word's inverse document frequency
 * is computed once per field instead of once per posting, a filter is asked once per document,
 * and the words of an AND are taken rarest first, the later ones probing only the documents still
 * in the running when that is cheaper than walking their lists.
 *
 * It reads MiniSearch 7's internals (`_index`, `_documentIds`, `_fieldLength`, …); should a
 * MiniSearch change them, {@link readable} is false and the engine uses the public search().
 * Scores equal search()'s up to the order of floating-point additions (a test compares the two).
 */
import type MiniSearch from 'minisearch';
import type { Query, SearchOptions } from 'minisearch';

type FieldPostings = Map<number, Map<number, number>>;

interface Internals {
  _index: { get(term: string): FieldPostings | undefined; atPrefix(term: string): Iterable<[string, FieldPostings]>; fuzzyGet(term: string, maxDistance: number): Map<string, [FieldPostings, number]> };
  _documentIds: Map<number, unknown>;
  _idToShortId: Map<string, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _nextId: number;
  _options: {
    fields: string[];
    tokenize: (text: string, field?: string) => string[];
    processTerm: (term: string, field?: string) => string | string[] | null | undefined | false;
    searchOptions?: SearchOptions;
  };
}

/** Whether this MiniSearch exposes what the scorer reads. */
export function readable(index: MiniSearch): boolean {
  const x = index as unknown as Partial<Internals>;
  return (
    x._index !== undefined &&
    typeof x._index.get === 'function' &&
    typeof x._index.atPrefix === 'function' &&
    typeof x._index.fuzzyGet === 'function' &&
    x._documentIds instanceof Map &&
    x._idToShortId instanceof Map &&
    x._fieldLength instanceof Map &&
    Array.isArray(x._avgFieldLength) &&
    typeof x._documentCount === 'number' &&
    typeof x._nextId === 'number' &&
    typeof x._fieldIds === 'object' &&
    typeof x._options?.tokenize === 'function'
  );
}

/** One word of a query with how it may match. */
interface Spec {
  kind: 'term';
  term: string;
  fuzzy: boolean | number;
  prefix: boolean;
  termBoost: number;
}
interface Node {
  kind: 'node';
  combine: 'and' | 'or';
  children: (Spec | Node)[];
}

/** A set of documents being scored: membership is a non-zero `words` entry. */
interface Slot {
  score: Float64Array;
  /** Bits of the query's distinct words the document matched. */
  words: Uint32Array;
  /** The product of the typo factors of the words it matched through a typo. */
  factor: Float64Array;
  members: number[];
}

/** What a scored query answers, best not yet first. */
export interface Scored {
  /** Short ids and final scores of the documents that matched (and passed). */
  shorts: number[];
  scores: number[];
  ids: string[];
  /** The index's words that matched in a document (for marking them), asked for the few shown. */
  termsOf(short: number): string[];
}

const DEFAULTS = { weights: { fuzzy: 0.45, prefix: 0.375 }, maxFuzzy: 6, bm25: { k: 1.2, b: 0.7, d: 0.5 } };
/** More distinct words than bits: the public search() answers. */
const MAX_WORDS = 31;

/** Reused arrays, per index (a query runs to its end before another starts). */
const pools = new WeakMap<object, { size: number; free: Slot[]; allowed: Int8Array }>();

function pool(index: Internals) {
  const size = index._nextId + 1;
  let p = pools.get(index);
  if (!p || p.size < size) {
    p = { size: Math.max(size, Math.ceil((p?.size ?? 0) * 1.25)), free: [], allowed: new Int8Array(0) };
    p.allowed = new Int8Array(p.size);
    pools.set(index, p);
  }
  return p;
}

function take(p: { size: number; free: Slot[] }): Slot {
  return p.free.pop() ?? { score: new Float64Array(p.size), words: new Uint32Array(p.size), factor: new Float64Array(p.size).fill(1), members: [] };
}

function release(p: { size: number; free: Slot[] }, slot: Slot): void {
  for (const d of slot.members) clear(slot, d);
  slot.members = [];
  if (slot.score.length === p.size) p.free.push(slot);
}

function clear(slot: Slot, d: number): void {
  slot.score[d] = 0;
  slot.words[d] = 0;
  slot.factor[d] = 1;
}

/** How scoreQuery() treats the documents it meets. */
export interface ScoreHow {
  /** The factor of an index word the query reached (1 for the words typed; see the engine's typoFactor). */
  typoFactor: (indexWord: string) => number;
  /** Asked once per document before it is scored. */
  allowed: ((id: string) => boolean) | null;
  /** Asked once per matching document after. */
  passes: ((id: string) => boolean) | null;
  /** The only documents that may match: when they are fewer than the query's rarest word reaches, they are probed instead of walking its lists. */
  pool: Pool | null;
}

/** A set of documents, its size known before its ids are listed. */
export interface Pool {
  size: number;
  ids: () => Iterable<string>;
}

/**
 * Scores `query` on `index` as executeQuery() would, then multiplies each document's score by
 * the number of the query's words it matched (as search() does) and by the typo factor of every
 * index word it matched through a typo or a prefix. Null when the query has too many words to
 * score here.
 */
export function scoreQuery(mini: MiniSearch, query: Query, options: SearchOptions, how: ScoreHow): Scored | null {
  const { typoFactor, allowed, passes } = how;
  const index = mini as unknown as Internals;
  const merged: SearchOptions = { ...index._options.searchOptions, ...options };
  const root = compile(index, query, merged);
  const words = new Map<string, number>();
  collectWords(root, words);
  if (words.size > MAX_WORDS) return null;

  const p = pool(index);
  const fields = merged.fields ?? index._options.fields;
  const boosts = fields.map((f) => ({ id: index._fieldIds[f], boost: merged.boost?.[f] || 1 }));
  const { fuzzy: fuzzyWeight, prefix: prefixWeight } = { ...DEFAULTS.weights, ...merged.weights };
  const maxFuzzy = merged.maxFuzzy ?? DEFAULTS.maxFuzzy;
  const { k, b, d } = { ...DEFAULTS.bm25, ...merged.bm25 };
  const total = index._documentCount;
  const ids = index._documentIds;
  const lengths = index._fieldLength;
  const allowedCache = p.allowed;
  const asked: number[] = [];
  /** Every index word a query word reached, for termsOf. */
  const reached = new Map<string, FieldPostings>();
  const factors = new Map<string, number>();

  const isAllowed = (doc: number): boolean => {
    if (!allowed) return true;
    const known = allowedCache[doc];
    if (known !== 0) return known === 1;
    const ok = allowed(ids.get(doc) as string);
    allowedCache[doc] = ok ? 1 : 2;
    asked.push(doc);
    return ok;
  };

  /** The index words a query word reaches, with their weights (exact, then prefixes, then typos). */
  const expand = (spec: Spec): { term: string; weight: number; data: FieldPostings }[] => {
    const out: { term: string; weight: number; data: FieldPostings }[] = [];
    const exact = index._index.get(spec.term);
    if (exact) out.push({ term: spec.term, weight: 1, data: exact });
    let fuzzyMatches: Map<string, [FieldPostings, number]> | undefined;
    if (spec.fuzzy) {
      const f = spec.fuzzy === true ? 0.2 : spec.fuzzy;
      const maxDistance = f < 1 ? Math.min(maxFuzzy, Math.round(spec.term.length * f)) : f;
      if (maxDistance) fuzzyMatches = index._index.fuzzyGet(spec.term, maxDistance);
    }
    if (spec.prefix) {
      for (const [term, data] of index._index.atPrefix(spec.term)) {
        const distance = term.length - spec.term.length;
        if (!distance) continue;
        fuzzyMatches?.delete(term);
        out.push({ term, weight: (prefixWeight * term.length) / (term.length + 0.3 * distance), data });
      }
    }
    if (fuzzyMatches) {
      for (const [term, [data, distance]] of fuzzyMatches) {
        if (!distance) continue;
        out.push({ term, weight: (fuzzyWeight * term.length) / (term.length + distance), data });
      }
    }
    for (const x of out) reached.set(x.term, x.data);
    return out;
  };

  const postingCount = (expansions: { data: FieldPostings }[]): number => {
    let n = 0;
    for (const x of expansions) for (const { id } of boosts) n += x.data.get(id)?.size ?? 0;
    return n;
  };

  /** Scores one query word into a new slot; with `within`, only documents already in it. */
  const scoreWord = (spec: Spec, expansions: { term: string; weight: number; data: FieldPostings }[], within: Slot | null): Slot => {
    const slot = take(p);
    const bit = 1 << words.get(spec.term)!;
    /** `bit` with the top bit set: "the typo factor of this index word is taken" (unsigned, as the array holds it). */
    const taken = (bit | 0x80000000) >>> 0;
    const members = slot.members;
    const probe = within !== null && within.members.length * expansions.length * boosts.length < postingCount(expansions);
    const { score, words: matched, factor: factorOf } = slot;
    const k1 = k + 1;
    for (const { term, weight, data } of expansions) {
      const known = factors.get(term);
      const factor = known ?? typoFactor(term);
      if (known === undefined) factors.set(term, factor);
      const stamp = factor !== 1;
      for (const { id: fieldId, boost } of boosts) {
        const freqs = data.get(fieldId);
        if (!freqs) continue;
        const matching = freqs.size;
        const idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
        const scale = weight * spec.termBoost * boost * idf;
        // BM25+: idf × (d + tf (k + 1) / (tf + k (1 − b + b × length / average))).
        const flat = k * (1 - b);
        const perLength = (k * b) / index._avgFieldLength[fieldId];
        const add = (doc: number, tf: number): void => {
          const length = lengths.get(doc);
          if (length === undefined) return; // discarded, not yet vacuumed
          if (allowed !== null && !isAllowed(doc)) return;
          const w = matched[doc];
          if (w === 0) {
            members.push(doc);
            matched[doc] = bit;
          }
          score[doc] += scale * (d + (tf * k1) / (tf + flat + perLength * length[fieldId]));
          // Once per index word and document, whichever fields it is in.
          if (stamp && w !== taken) {
            factorOf[doc] *= factor;
            matched[doc] = taken;
          }
        };
        if (probe) {
          for (const doc of within.members) {
            const tf = freqs.get(doc);
            if (tf !== undefined) add(doc, tf);
          }
        } else if (within !== null) {
          const inside = within.words;
          freqs.forEach((tf, doc) => {
            if (inside[doc] !== 0) add(doc, tf);
          });
        } else freqs.forEach((tf, doc) => add(doc, tf));
      }
      // The stamp above marks "factor taken for this index word": clear it before the next one.
      if (stamp) for (const doc of members) matched[doc] = bit;
    }
    return slot;
  };

  const evaluate = (node: Spec | Node, within: Slot | null): Slot => {
    if (node.kind === 'term') return scoreWord(node, expand(node), within);
    if (node.children.length === 0) return take(p);
    if (node.combine === 'or') {
      const acc = take(p);
      for (const child of node.children) {
        const s = evaluate(child, within);
        for (const doc of s.members) {
          if (acc.words[doc] === 0) acc.members.push(doc);
          acc.score[doc] += s.score[doc];
          acc.words[doc] |= s.words[doc];
          acc.factor[doc] *= s.factor[doc];
        }
        release(p, s);
      }
      return acc;
    }
    // AND: the rarest word first, the others only over the documents still in the running.
    const order = node.children.map((child) => ({ child, size: estimate(child) })).sort((x, y) => x.size - y.size);
    let acc: Slot | null = null;
    for (const { child } of order) {
      const s = evaluate(child, acc ?? within);
      if (acc === null) {
        acc = s;
        continue;
      }
      const kept: number[] = [];
      for (const doc of acc.members) {
        if (s.words[doc] === 0) {
          clear(acc, doc);
          continue;
        }
        acc.score[doc] += s.score[doc];
        acc.words[doc] |= s.words[doc];
        acc.factor[doc] *= s.factor[doc];
        kept.push(doc);
      }
      acc.members = kept;
      release(p, s);
      if (kept.length === 0) break;
    }
    return acc!;
  };

  const estimate = (node: Spec | Node): number => {
    if (node.kind === 'term') {
      const exact = index._index.get(node.term);
      let n = 0;
      if (exact) for (const docs of exact.values()) n += docs.size;
      // A word with typos or as a prefix reaches more; unknown words are cheap to rule out first.
      return node.fuzzy || node.prefix ? n * 2 + 1 : n;
    }
    return node.children.reduce((sum, c) => (node.combine === 'and' ? Math.min(sum, estimate(c)) : sum + estimate(c)), node.combine === 'and' ? Infinity : 0);
  };

  let result: Slot;
  let pooled: Slot | null = null;
  try {
    if (how.pool && how.pool.size < estimate(root)) {
      pooled = take(p);
      for (const id of how.pool.ids()) {
        const short = index._idToShortId.get(id);
        if (short === undefined || pooled.words[short] !== 0) continue;
        pooled.words[short] = 1;
        pooled.members.push(short);
      }
    }
    result = evaluate(root, pooled);
    if (pooled) release(p, pooled);
  } finally {
    for (const doc of asked) allowedCache[doc] = 0;
  }
  const out: Scored = { shorts: [], scores: [], ids: [], termsOf: (short) => [...reached].filter(([, data]) => [...data.values()].some((docs) => docs.has(short))).map(([term]) => term) };
  for (const doc of result.members) {
    const id = ids.get(doc) as string;
    if (passes && !passes(id)) continue;
    out.shorts.push(doc);
    out.ids.push(id);
    out.scores.push(result.score[doc] * (popcount(result.words[doc]) || 1) * result.factor[doc]);
  }
  release(p, result);
  return out;
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v !== 0; v &= v - 1) n++;
  return n;
}

/** A query as MiniSearch reads it: option inheritance, tokens of each string, per-word options. */
function compile(index: Internals, query: Query, options: SearchOptions): Spec | Node {
  if (typeof query !== 'string') {
    const q = query as { queries: Query[]; combineWith?: string } & SearchOptions;
    const inner: SearchOptions = { ...options, ...q, queries: undefined } as SearchOptions;
    const combine = (inner.combineWith ?? 'or').toLowerCase() === 'and' ? 'and' : 'or';
    return { kind: 'node', combine, children: q.queries.map((sub) => compile(index, sub, inner)) };
  }
  const tokenize = options.tokenize ?? index._options.tokenize;
  const processTerm = options.processTerm ?? index._options.processTerm;
  const terms = tokenize(query)
    .flatMap((t) => processTerm(t) || [])
    .filter((t): t is string => !!t);
  const specs: Spec[] = terms.map((term, i) => ({
    kind: 'term',
    term,
    fuzzy: typeof options.fuzzy === 'function' ? options.fuzzy(term, i, terms) : (options.fuzzy ?? false),
    prefix: typeof options.prefix === 'function' ? options.prefix(term, i, terms) : options.prefix === true,
    termBoost: typeof options.boostTerm === 'function' ? options.boostTerm(term, i, terms) : 1,
  }));
  if (specs.length === 1) return specs[0];
  const combine = (options.combineWith ?? 'or').toLowerCase() === 'and' ? 'and' : 'or';
  return { kind: 'node', combine, children: specs };
}

function collectWords(node: Spec | Node, words: Map<string, number>): void {
  if (node.kind === 'term') {
    if (!words.has(node.term)) words.set(node.term, words.size);
  } else for (const c of node.children) collectWords(c, words);
}

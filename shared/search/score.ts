/**
 * Scores a query on a {@link TermIndex}: BM25+ with field boosts (the formula and constants of
 * MiniSearch, whose ranking the engine had before; a test compares the two on the same documents),
 * all words of an AND required, the words of an OR added up, a document's score multiplied by the
 * number of query words it matched. Scores, matched words and edits live in typed arrays indexed
 * by short document id, reused between queries: a posting costs a few array writes.
 *
 * Each document also gets its edits: for every query word, the fewest edits with which one of its
 * spellings reached the document (0 for the word as typed or a prefix while typing), added up over
 * the words. The engine ranks by edits first, so a document with the words as typed is never
 * buried by typo matches, and the spelling closest to what was typed comes first.
 */
import type { Expansion, TermIndex } from './term-index';

/** A query word and how it may match, or an AND / OR of such. */
export type QueryNode = { kind: 'word'; word: string; typos: number; prefix: boolean } | { kind: 'and' | 'or'; children: QueryNode[] };

/** A set of documents, its size known before its ids are listed. */
export interface Pool {
  size: number;
  ids: () => Iterable<string>;
}

export interface ScoreOptions {
  /** Each field's boost, by its place in the index's fields. */
  boosts: readonly number[];
  /** How much a word reached through typos, or as the start of a longer word, weighs against the word itself. */
  weights: { typo: number; prefix: number };
  /** Asked once per document before it is scored. */
  allowed: ((id: string) => boolean) | null;
  /** Asked once per matching document after. */
  passes: ((id: string) => boolean) | null;
  /** The only documents that may match: when fewer than the query's rarest word reaches, they are probed instead. */
  pool: Pool | null;
  /** Picks, from a query word's spellings in the index, those it may match (the engine's typo rules). */
  choose: (expansions: Expansion[]) => Expansion[];
}

/** What a scored query answers, best not yet first. */
export interface Scored {
  shorts: number[];
  ids: string[];
  scores: number[];
  /** Edits with which the query reached each document (see the module comment). */
  edits: number[];
  /** The index's words that matched in a document (for marking them), asked for the few shown. */
  termsOf(short: number): string[];
}

/** BM25+ as MiniSearch has it. */
const K = 1.2;
const B = 0.7;
const D = 0.5;
/** More distinct words than bits: the rest are not counted in a document's number of words matched. */
const MAX_WORDS = 31;
const NO_EDITS = 255;

interface Slot {
  score: Float64Array;
  /** Bits of the query's words the document matched; 0: not in the slot. */
  words: Uint32Array;
  edits: Uint8Array;
  members: number[];
}

const pools = new WeakMap<TermIndex, { size: number; free: Slot[]; allowed: Int8Array }>();

function poolOf(index: TermIndex) {
  const size = index.capacity + 1;
  let p = pools.get(index);
  if (!p || p.size < size) {
    p = { size: Math.max(size, Math.ceil((p?.size ?? 0) * 1.25)), free: [], allowed: new Int8Array(0) };
    p.allowed = new Int8Array(p.size);
    pools.set(index, p);
  }
  return p;
}

function take(p: { size: number; free: Slot[] }): Slot {
  return p.free.pop() ?? { score: new Float64Array(p.size), words: new Uint32Array(p.size), edits: new Uint8Array(p.size), members: [] };
}

function release(p: { size: number; free: Slot[] }, slot: Slot): void {
  for (const d of slot.members) clear(slot, d);
  slot.members = [];
  if (slot.score.length === p.size) p.free.push(slot);
}

function clear(slot: Slot, d: number): void {
  slot.score[d] = 0;
  slot.words[d] = 0;
  slot.edits[d] = 0;
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v !== 0; v &= v - 1) n++;
  return n;
}

/** Scores `query` on `index` (see the module comment). */
export function scoreQuery(index: TermIndex, query: QueryNode, options: ScoreOptions): Scored {
  const { boosts, allowed, passes } = options;
  const p = poolOf(index);
  const total = index.size;
  const allowedCache = p.allowed;
  const asked: number[] = [];
  const reached = new Map<number, string>();
  const bits = new Map<string, number>();
  const expansions = new Map<QueryNode, Expansion[]>();
  const fieldCount = index.fields.length;
  const average = Array.from({ length: fieldCount }, (_, f) => index.averageLength(f));

  const isAllowed = (doc: number): boolean => {
    const known = allowedCache[doc];
    if (known !== 0) return known === 1;
    const ok = allowed!(index.idOf(doc)!);
    allowedCache[doc] = ok ? 1 : 2;
    asked.push(doc);
    return ok;
  };

  const expand = (node: Extract<QueryNode, { kind: 'word' }>): Expansion[] => {
    let found = expansions.get(node);
    if (!found) {
      found = options.choose(index.expand(node.word, node.typos, node.prefix));
      expansions.set(node, found);
      for (const x of found) reached.set(x.termId, x.term);
    }
    return found;
  };

  const bitOf = (word: string): number => {
    let bit = bits.get(word);
    if (bit === undefined) bits.set(word, (bit = bits.size < MAX_WORDS ? 1 << bits.size : 0));
    return bit;
  };

  const scoreWord = (node: Extract<QueryNode, { kind: 'word' }>, within: Slot | null): Slot => {
    const slot = take(p);
    const bit = bitOf(node.word) || 1 << 31;
    const { score, words, edits, members } = slot;
    const found = expand(node);
    let postings = 0;
    for (const x of found) postings += index.postingCount(x.termId);
    const probe = within !== null && within.members.length * Math.log2(postings + 2) < postings;
    const sortedMembers = probe ? [...within.members].sort((a, b) => a - b) : null;
    for (const x of found) {
      const weight = x.prefix
        ? (options.weights.prefix * x.term.length) / (x.term.length + 0.3 * (x.term.length - node.word.length))
        : x.edits > 0
          ? (options.weights.typo * x.term.length) / (x.term.length + x.edits)
          : 1;
      const scales = boosts.map((boost, f) => {
        const n = index.frequency(x.termId, f);
        return n === 0 ? 0 : weight * boost * Math.log(1 + (total - n + 0.5) / (n + 0.5));
      });
      const visit = (doc: number, field: number, tf: number): void => {
        const scale = scales[field];
        if (!scale || index.idOf(doc) === null) return;
        if (within !== null && within.words[doc] === 0) return;
        if (allowed !== null && !isAllowed(doc)) return;
        if (words[doc] === 0) {
          members.push(doc);
          words[doc] = bit;
          edits[doc] = x.edits;
        } else if (x.edits < edits[doc]) edits[doc] = x.edits;
        const length = index.length(doc, field);
        score[doc] += scale * (D + (tf * (K + 1)) / (tf + K * (1 - B + (B * length) / (average[field] || 1))));
      };
      if (sortedMembers) index.probe(x.termId, sortedMembers, visit);
      else index.walk(x.termId, visit);
    }
    return slot;
  };

  const estimate = (node: QueryNode): number => {
    if (node.kind === 'word') {
      const termId = index.lookup(node.word);
      const n = termId === undefined ? 0 : index.postingCount(termId);
      // A word with typos or as a prefix reaches more; unknown words are cheap to rule out first.
      return node.typos > 0 || node.prefix ? n * 2 + 1 : n;
    }
    return node.children.reduce((sum, c) => (node.kind === 'and' ? Math.min(sum, estimate(c)) : sum + estimate(c)), node.kind === 'and' ? Infinity : 0);
  };

  const evaluate = (node: QueryNode, within: Slot | null): Slot => {
    if (node.kind === 'word') return scoreWord(node, within);
    if (node.children.length === 0) return take(p);
    if (node.kind === 'or') {
      const acc = take(p);
      for (const child of node.children) {
        const s = evaluate(child, within);
        for (const doc of s.members) {
          if (acc.words[doc] === 0) {
            acc.members.push(doc);
            acc.edits[doc] = s.edits[doc];
          } else acc.edits[doc] = Math.min(acc.edits[doc], s.edits[doc]);
          acc.score[doc] += s.score[doc];
          acc.words[doc] |= s.words[doc];
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
        acc.edits[doc] = Math.min(NO_EDITS, acc.edits[doc] + s.edits[doc]);
        kept.push(doc);
      }
      acc.members = kept;
      release(p, s);
      if (kept.length === 0) break;
    }
    return acc!;
  };

  let result: Slot;
  try {
    let pooled: Slot | null = null;
    if (options.pool && options.pool.size < estimate(query)) {
      pooled = take(p);
      for (const id of options.pool.ids()) {
        const short = index.shortOf(id);
        if (short === undefined || pooled.words[short] !== 0) continue;
        pooled.words[short] = 1;
        pooled.members.push(short);
      }
    }
    result = evaluate(query, pooled);
    if (pooled) release(p, pooled);
  } finally {
    for (const doc of asked) allowedCache[doc] = 0;
  }
  const out: Scored = {
    shorts: [],
    ids: [],
    scores: [],
    edits: [],
    termsOf: (short) => {
      const terms: string[] = [];
      for (const [termId, term] of reached) {
        let has = false;
        index.probe(termId, [short], () => (has = true));
        if (has) terms.push(term);
      }
      return terms;
    },
  };
  for (const doc of result.members) {
    const id = index.idOf(doc)!;
    if (passes && !passes(id)) continue;
    out.shorts.push(doc);
    out.ids.push(id);
    out.scores.push(result.score[doc] * (popcount(result.words[doc] & 0x7fffffff) || 1));
    out.edits.push(result.edits[doc]);
  }
  release(p, result);
  return out;
}

/**
 * Runs the words and phrases of a query on one word index and ranks what it finds.
 *
 * Typos: a word the index holds is searched as typed (the notebook has it, so it is what was
 * meant: "whale strandings" does not bring "while … standing"). A word it does not hold matches
 * the index words within its typos (fuzziness, a swap counting as one edit), only those at the
 * fewest edits found: the spelling closest to what was typed wins over a more common one further
 * away. Should nothing match every word that way, words the index holds are also let reach their
 * one-edit neighbours, and the query says so.
 *
 * Ranking: by edits first (a document with every word as typed before any reached through a typo,
 * fewer edits before more), then by BM25 score — encoded in one number, so that results of
 * several workers merge by score alone.
 */
import type { Expansion, TermIndex } from './term-index';
import { scoreQuery, type Pool, type QueryNode, type Scored } from './score';
import { fuzziness } from './typos';

/** A document an index found: its rank (see the module comment) and where to ask for the words it matched. */
export interface Candidate {
  id: string;
  score: number;
  /** The index's words that matched, or where to ask for them (`scored`, by the short id). */
  terms: string[] | null;
  scored: Scored | null;
  short: number;
}

export const termsOf = (c: Candidate): string[] => c.terms ?? c.scored?.termsOf(c.short) ?? [];
export const unscored = (id: string, score: number): Candidate => ({ id, score, terms: [], scored: null, short: 0 });
export const byScoreDesc = (a: Candidate, b: Candidate) => b.score - a.score;

/** One tier per edit: far above any BM25 score (a few hundred at most). */
const TIER = 1e6;
const MAX_EDITS = 64;

/** A document's rank from its edits and BM25 score: fewer edits first, then the higher score. */
export function rankOf(score: number, edits: number): number {
  return (MAX_EDITS - Math.min(edits, MAX_EDITS)) * TIER + Math.min(score, TIER - 1);
}

/** How a word query is run: the words may be typo'd and the last one unfinished; phrase words are exact. */
export interface WordQuery {
  words: string[];
  phrases: string[][];
  /** The last word may be the start of a longer one (search as you type). */
  asYouType: boolean;
  /** Each field's boost, by the index's field order. */
  boosts: readonly number[];
  allowed: ((id: string) => boolean) | null;
  passes: ((id: string) => boolean) | null;
  pool: Pool | null;
}

const WEIGHTS = { typo: 0.25, prefix: 0.5 };

function queryTree(words: string[], phrases: string[][], asYouType: boolean): QueryNode {
  const parts: QueryNode[] = [];
  if (words.length > 0) {
    const wordNode = (terms: string[]): QueryNode => ({
      kind: 'and',
      children: terms.map((word, i) => ({ kind: 'word', word, typos: fuzziness(word), prefix: asYouType && i === terms.length - 1 && phrases.length === 0 && [...word].length >= 2 })),
    });
    // Two words may be one as another outlet writes it: "cyber dome" also finds "Cyberdome".
    const joined = words.slice(0, 4).flatMap((w, i) => (i + 1 < words.length && !/\p{N}/u.test(w + words[i + 1]) ? [[...words.slice(0, i), w + words[i + 1], ...words.slice(i + 2)]] : []));
    parts.push(joined.length === 0 ? wordNode(words) : { kind: 'or', children: [wordNode(words), ...joined.map(wordNode)] });
  }
  for (const p of phrases) parts.push({ kind: 'and', children: p.map((word) => ({ kind: 'word', word, typos: 0, prefix: false })) });
  return { kind: 'and', children: parts };
}

/** The typo rules of the module comment, for one query word's spellings in the index. */
function chooser(expandKnown: boolean) {
  return (found: Expansion[]): Expansion[] => {
    const known = found.some((x) => x.edits === 0 && !x.prefix);
    const typos = found.filter((x) => x.edits > 0);
    const kept = found.filter((x) => x.edits === 0);
    if (typos.length === 0) return kept;
    if (known) return expandKnown ? [...kept, ...typos.filter((x) => x.edits === 1)] : kept;
    const fewest = typos.reduce((m, x) => Math.min(m, x.edits), Infinity);
    return [...kept, ...typos.filter((x) => x.edits === fewest)];
  };
}

/**
 * Runs a word query on an index: the candidates, unordered (see {@link topK}), and whether words
 * the index holds had to be let reach their neighbours to find anything.
 */
export function runWords(index: TermIndex, q: WordQuery): { candidates: Candidate[]; widened: boolean } {
  const tree = queryTree(q.words, q.phrases, q.asYouType);
  const run = (expandKnown: boolean): Candidate[] => {
    const scored = scoreQuery(index, tree, { boosts: q.boosts, weights: WEIGHTS, allowed: q.allowed, passes: q.passes, pool: q.pool, choose: chooser(expandKnown) });
    return scored.ids.map((id, i) => ({ id, score: rankOf(scored.scores[i], scored.edits[i]), terms: null, scored, short: scored.shorts[i] }));
  };
  const found = run(false);
  const canWiden = q.words.some((w) => fuzziness(w) > 0 && index.lookup(w) !== undefined);
  if (found.length > 0 || !canWiden) return { candidates: found, widened: false };
  const wider = run(true);
  return { candidates: wider, widened: wider.length > 0 };
}

/** The k best candidates, best first (ties in the order found), without sorting all of them. */
export function topK(list: Candidate[], k: number): Candidate[] {
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

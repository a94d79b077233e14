/**
 * Anchoring: describing a passage of a text so that it can be found again, and finding it again
 * after the text changed. Pure functions over plain strings.
 *
 * Offsets are UTF-16 code units over the source's normalised text (what JavaScript string indices
 * count). The W3C Web Annotation model counts code points; exports convert.
 *
 * Re-anchoring order:
 * 1. the stored position, if the text there still equals the quote: `exact`;
 * 2. exact occurrences of the quote anywhere, best by prefix/suffix and nearness to the old
 *    position: `moved`;
 * 3. approximate matches (approx-string-match, Myers' bit-parallel search), scored on quote,
 *    prefix, suffix and position similarity: `fuzzy` with the score, if above `minScore`;
 * 4. otherwise `orphan`, with the reason.
 * An approximate match never changes facts: its numbers must be the quote's numbers, in order,
 * and the name of every linked entity must still be there. "268 cases" never lands on
 * "269 cases"; it becomes an orphan for the user to review.
 */
import search, { type Match } from 'approx-string-match';

/** How many characters of context are stored on each side of a quote. */
export const CONTEXT_LENGTH = 32;

/** The W3C TextQuoteSelector, without its `type`. */
export interface QuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

/** The W3C TextPositionSelector, without its `type`; UTF-16 offsets, end exclusive. */
export interface PositionSelector {
  start: number;
  end: number;
}

/** What is stored to find a passage again. */
export interface Selectors {
  quote: QuoteSelector;
  position?: PositionSelector;
}

/** Where a passage was found, if it was. */
export type AnchorState = 'exact' | 'moved' | 'fuzzy' | 'orphan';

export interface AnchorResult {
  state: AnchorState;
  start?: number;
  end?: number;
  /** 0..1; 1 for an exact or moved match with matching context. */
  score?: number;
  /** Why an orphan could not be placed, in words for the user. */
  reason?: string;
}

export interface AnchorOptions {
  /**
   * Names that must survive an approximate match word for word: the names (and aliases) of the
   * entities linked to the annotation.
   */
  protectedTerms?: readonly string[];
  /** Below this combined score an approximate match is not trusted. Default 0.6. */
  minScore?: number;
}

/** Why a passage cannot be described. */
export class AnchorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnchorError';
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Describes the passage text[start, end) by its quote, 32 characters of context on each side,
 * and its position. Throws {@link AnchorError} for an empty, reversed or out-of-range passage, or
 * one that splits a character (a surrogate pair).
 */
export function describe(text: string, start: number, end: number): Required<Selectors> {
  if (!Number.isInteger(start) || !Number.isInteger(end)) throw new AnchorError('The passage’s offsets must be whole numbers.');
  if (start < 0 || end > text.length) throw new AnchorError(`The passage ${start}–${end} lies outside the text (0–${text.length}).`);
  if (end <= start) throw new AnchorError('The passage is empty: select at least one character.');
  if (isHighSurrogate(text.charCodeAt(start - 1)) || isHighSurrogate(text.charCodeAt(end - 1))) {
    throw new AnchorError('The passage would split a character in two.');
  }
  const exact = text.slice(start, end);
  if (exact.trim() === '') throw new AnchorError('The passage holds only spaces.');
  let prefixStart = Math.max(0, start - CONTEXT_LENGTH);
  if (prefixStart > 0 && isHighSurrogate(text.charCodeAt(prefixStart - 1))) prefixStart--;
  let suffixEnd = Math.min(text.length, end + CONTEXT_LENGTH);
  if (suffixEnd < text.length && isHighSurrogate(text.charCodeAt(suffixEnd - 1))) suffixEnd++;
  return {
    quote: { exact, prefix: text.slice(prefixStart, start), suffix: text.slice(end, suffixEnd) },
    position: { start, end },
  };
}

/** 1 minus the fewest edits that turn `pattern` into some substring of `text`, over its length. */
function similarity(text: string, pattern: string): number {
  if (pattern.length === 0 || text.length === 0) return 0;
  const matches = search(text, pattern, pattern.length);
  if (matches.length === 0) return 0;
  return 1 - Math.min(...matches.map((m) => m.errors)) / pattern.length;
}

const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 };
const TOTAL_WEIGHT = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;

function scoreCandidate(text: string, sel: Selectors, start: number, end: number, quoteScore: number): number {
  const { prefix, suffix } = sel.quote;
  const prefixScore = prefix ? similarity(text.slice(Math.max(0, start - prefix.length), start), prefix) : 1;
  const suffixScore = suffix ? similarity(text.slice(end, end + suffix.length), suffix) : 1;
  const hint = sel.position?.start;
  const positionScore = hint === undefined ? 1 : 1 - Math.abs(start - hint) / Math.max(1, text.length);
  return (WEIGHTS.quote * quoteScore + WEIGHTS.prefix * prefixScore + WEIGHTS.suffix * suffixScore + WEIGHTS.position * positionScore) / TOTAL_WEIGHT;
}

const NUMBER = /\p{N}+(?:[.,]\p{N}+)*/gu;

/** The numbers of a text, in order ("268", "10", "1,000"). */
export function numbersIn(text: string): string[] {
  return text.match(NUMBER) ?? [];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `term` occurs in `text` as whole words (ignoring case), not inside a longer word. */
export function containsTerm(text: string, term: string): boolean {
  const trimmed = term.trim();
  if (trimmed === '') return true;
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(trimmed)}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

/** Why a candidate would change the facts of the quote, or null if it keeps them. */
function factChange(quote: string, candidate: string, protectedTerms: readonly string[]): string | null {
  const before = numbersIn(quote);
  const after = numbersIn(candidate);
  if (before.join('\u0000') !== after.join('\u0000')) {
    const missing = before.find((n) => !after.includes(n));
    return missing
      ? `The text no longer says “${missing}” where this passage was.`
      : `The nearest passage has different figures (${after.join(', ') || 'none'} instead of ${before.join(', ') || 'none'}).`;
  }
  for (const term of protectedTerms) {
    if (containsTerm(quote, term) && !containsTerm(candidate, term)) return `The text no longer names “${term.trim()}” where this passage was.`;
  }
  return null;
}

const DIGIT = /\p{N}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Whether the text at [start, end) holds the quote's characters but cuts into something that grew
 * around it: a number ("268" now the start of "2680") or a linked name ("Abraham" now the start of
 * "Abrahams"). Such a place does not say what the passage said.
 */
function cutsIntoChange(text: string, sel: Selectors, start: number, end: number, protectedTerms: readonly string[]): boolean {
  const { exact, prefix, suffix } = sel.quote;
  const before = text[start - 1] ?? '';
  const after = text[end] ?? '';
  const grewBefore = (re: RegExp) => re.test(exact[0]) && re.test(before) && !re.test(prefix.at(-1) ?? '');
  const grewAfter = (re: RegExp) => re.test(exact.at(-1)!) && re.test(after) && !re.test(suffix[0] ?? '');
  if (grewBefore(DIGIT) || grewAfter(DIGIT)) return true;
  const touches = protectedTerms.some((t) => {
    const term = t.trim().toLowerCase();
    const q = exact.toLowerCase();
    return term !== '' && (q.startsWith(term) || q.endsWith(term) || q.includes(term));
  });
  return touches && (grewBefore(WORD_CHAR) || grewAfter(WORD_CHAR));
}

/** The text of [start, end) widened to whole words, so a fact check sees "2680", not "268". */
function wholeWords(text: string, start: number, end: number): string {
  let s = start;
  let e = end;
  while (s > 0 && WORD_CHAR.test(text[s - 1]) && WORD_CHAR.test(text[s])) s--;
  while (e < text.length && WORD_CHAR.test(text[e]) && WORD_CHAR.test(text[e - 1])) e++;
  return text.slice(s, e);
}

/**
 * A fuzzy match widened to whole words where the stored passage began or ended on a word's edge
 * (a selection of whole words): a highlight never starts in the middle of a word the reader did not
 * select part of ("cording to officials" for "according to officials").
 */
function onWordEdges(text: string, sel: Selectors, found: { start: number; end: number; score: number }): { start: number; end: number; score: number } {
  const { exact, prefix, suffix } = sel.quote;
  let { start, end } = found;
  if (WORD_CHAR.test(exact[0]) && !WORD_CHAR.test(prefix.slice(-1) || ' ')) while (start > 0 && WORD_CHAR.test(text[start - 1]) && WORD_CHAR.test(text[start])) start--;
  if (WORD_CHAR.test(exact[exact.length - 1]) && !WORD_CHAR.test(suffix[0] || ' ')) while (end < text.length && WORD_CHAR.test(text[end]) && WORD_CHAR.test(text[end - 1])) end++;
  return { start, end, score: found.score };
}

/**
 * Finds a described passage in `text` (see the module comment for the order). Never throws: a
 * passage that cannot be placed, or an empty quote, is an orphan with a reason.
 */
export function anchor(text: string, sel: Selectors, options: AnchorOptions = {}): AnchorResult {
  const { exact } = sel.quote;
  if (!exact) return { state: 'orphan', reason: 'The annotation has no stored quote.' };
  if (!text) return { state: 'orphan', reason: 'The source has no text.' };
  const protectedTerms = options.protectedTerms ?? [];
  const pos = sel.position;
  if (pos && pos.end - pos.start === exact.length && text.slice(pos.start, pos.end) === exact && !cutsIntoChange(text, sel, pos.start, pos.end, protectedTerms)) {
    return { state: 'exact', start: pos.start, end: pos.end, score: 1 };
  }

  let best: { start: number; end: number; score: number } | null = null;
  for (let i = text.indexOf(exact); i !== -1; i = text.indexOf(exact, i + 1)) {
    if (cutsIntoChange(text, sel, i, i + exact.length, protectedTerms)) continue;
    const score = scoreCandidate(text, sel, i, i + exact.length, 1);
    if (!best || score > best.score) best = { start: i, end: i + exact.length, score };
  }
  if (best) return { state: 'moved', ...best };

  const minScore = options.minScore ?? 0.6;
  // Near its old place first (most edits move a passage by a paragraph or two): a strong match
  // there stands; otherwise, or when nothing near is good enough, the whole text is searched.
  let found: Fuzzy | null = null;
  if (pos && text.length > 4 * NEAR) {
    const from = Math.max(0, pos.start - NEAR - exact.length);
    found = fuzzyIn(text, sel, from, Math.min(text.length, pos.end + NEAR + exact.length), protectedTerms, minScore);
    // Strongly there, but with a figure or a name changed: an orphan for that reason, wherever else it may be.
    if (!found.best && found.refusedScore >= STRONG) return { state: 'orphan', reason: found.refused! };
    if (!found.best || found.best.score < STRONG) found = null;
  }
  found ??= fuzzyIn(text, sel, 0, text.length, protectedTerms, minScore);
  if (found.best) return { state: 'fuzzy', ...onWordEdges(text, sel, found.best) };
  if (!found.any) return { state: 'orphan', reason: 'The passage is no longer in the text, not even approximately.' };
  return { state: 'orphan', reason: found.refused ?? 'Only passages too different from the stored quote remain in the text.' };
}

/** How far from its old place a passage is first looked for approximately, and the score that settles it there. */
const NEAR = 3000;
const STRONG = 0.8;

interface Fuzzy {
  best: { start: number; end: number; score: number } | null;
  /** Why the best refused candidate was refused (it changed a figure or a name), for the user, and its score. */
  refused: string | null;
  refusedScore: number;
  /** Whether anything approximately like the quote was there at all. */
  any: boolean;
}

/** The best approximate match of the quote in text[from, to), scored in the whole text. */
function fuzzyIn(text: string, sel: Selectors, from: number, to: number, protectedTerms: readonly string[], minScore: number): Fuzzy {
  const { exact } = sel.quote;
  const maxErrors = Math.min(256, Math.floor(exact.length / 2));
  const matches: Match[] = search(from === 0 && to === text.length ? text : text.slice(from, to), exact, maxErrors);
  let best: Fuzzy['best'] = null;
  let refused: { reason: string; score: number } | null = null;
  // Fewest errors first: a candidate scores at most as if its context and place were perfect, so
  // once that bound cannot beat the best found (or the minimum), no later candidate can either.
  matches.sort((a, b) => a.errors - b.errors || a.start - b.start);
  for (const match of matches) {
    const m = { start: match.start + from, end: match.end + from, errors: match.errors };
    const bound = (WEIGHTS.quote * (1 - m.errors / exact.length) + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position) / TOTAL_WEIGHT;
    if (bound < minScore || (best && bound <= best.score)) break;
    const candidate = wholeWords(text, m.start, m.end);
    const score = scoreCandidate(text, sel, m.start, m.end, 1 - m.errors / exact.length);
    if (score < minScore || (best && score <= best.score)) continue;
    const change = factChange(exact, candidate, protectedTerms);
    if (change) {
      if (!refused || score > refused.score) refused = { reason: change, score };
      continue;
    }
    best = { start: m.start, end: m.end, score };
  }
  return { best, refused: refused?.reason ?? null, refusedScore: refused?.score ?? 0, any: matches.length > 0 };
}

/**
 * The search syntax: free words (all must match, typo-tolerant), "exact phrases", -word and
 * -"phrase" to exclude, and filters: entity:, tag:, kind:, source:, outlet:, before:, after:.
 * Parsing never fails: what cannot be understood is searched as typed (or dropped when it would
 * match nothing sensible) and explained in `problems`, one plain sentence each.
 */
import { type AnnotationKind } from '../domain/annotation';
import { partialDatePrecision } from '../domain/dates';

export const FILTERS = ['entity', 'tag', 'kind', 'source', 'outlet', 'before', 'after'] as const;
export type FilterName = (typeof FILTERS)[number];

export interface ParsedQuery {
  /** Free words as typed (each must match, fuzzily). */
  words: string[];
  /** Exact phrases (their words in this order, no typos). */
  phrases: string[];
  /** Words and phrases no result may contain. */
  excluded: string[];
  /** Filter values as typed; `kind` checked against the kinds, dates against the calendar. */
  filters: {
    entity: string[];
    tag: string[];
    kind: AnnotationKind[];
    source: string[];
    outlet: string[];
    before: string | null;
    after: string | null;
  };
  /** What could not be understood and what was done instead. */
  problems: string[];
}

/** The syntax in short, for the palette's help and the CLI. */
export const QUERY_HELP: readonly { syntax: string; means: string }[] = [
  { syntax: 'abraham cyberdome', means: 'all words must match; small typos are forgiven' },
  { syntax: '"child sexual abuse"', means: 'the exact phrase' },
  { syntax: '-facebook', means: 'leave out results containing the word (or -"a phrase")' },
  { syntax: 'entity:"P-Hunt 20.2"', means: 'linked to, or mentioning, an entity (any of its spellings)' },
  { syntax: 'tag:to-verify', means: 'annotations with the tag' },
  { syntax: 'kind:figure', means: 'annotations of a kind: passage, figure, quote, question, event' },
  { syntax: 'source:hindu', means: 'in sources whose title contains the words' },
  { syntax: 'outlet:"The Hindu"', means: 'in sources from the outlet' },
  { syntax: 'after:2020 before:2023-03', means: 'sources published after / before a year, month or day' },
];

/** A Map: looked up by what the reporter typed ("kind:constructor" must be no kind at all). */
const KIND_ALIASES = new Map<string, AnnotationKind>(
  Object.entries({
    passage: 'passage',
    passages: 'passage',
    highlight: 'passage',
    highlights: 'passage',
    figure: 'figure',
    figures: 'figure',
    quote: 'quote',
    quotes: 'quote',
    question: 'question',
    questions: 'question',
    event: 'event',
    events: 'event',
  }),
);

const OPEN_QUOTES = '"“”„«»';

/** One piece of a query as typed: a word, a "phrase", either possibly negated or behind a filter. */
interface Piece {
  negated: boolean;
  key: string | null;
  value: string;
  quoted: boolean;
}

/** Splits a query into pieces, honouring quotes (straight or curly); an unclosed quote runs to the end. */
function pieces(input: string, problems: string[]): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    while (i < n && /\s/.test(input[i])) i++;
    if (i >= n) break;
    let negated = false;
    if (input[i] === '-' && i + 1 < n && !/\s/.test(input[i + 1])) {
      negated = true;
      i++;
    }
    let key: string | null = null;
    const keyMatch = /^([A-Za-z]+):/.exec(input.slice(i));
    if (keyMatch) {
      key = keyMatch[1].toLowerCase();
      i += keyMatch[0].length;
    }
    if (i < n && OPEN_QUOTES.includes(input[i])) {
      const close = input.slice(i + 1).search(/["“”„«»]/);
      if (close < 0) {
        problems.push('A quote is not closed, so the phrase runs to the end of the search.');
        out.push({ negated, key, value: input.slice(i + 1).trim(), quoted: true });
        break;
      }
      out.push({ negated, key, value: input.slice(i + 1, i + 1 + close).trim(), quoted: true });
      i += close + 2;
      continue;
    }
    let end = i;
    while (end < n && !/\s/.test(input[end])) end++;
    out.push({ negated, key, value: input.slice(i, end), quoted: false });
    i = end;
  }
  return out;
}

/** Parses a query. Never throws. */
export function parseQuery(input: string): ParsedQuery {
  const problems: string[] = [];
  const q: ParsedQuery = {
    words: [],
    phrases: [],
    excluded: [],
    filters: { entity: [], tag: [], kind: [], source: [], outlet: [], before: null, after: null },
    problems,
  };
  for (const piece of pieces(input.normalize('NFC').slice(0, 2000), problems)) {
    const { key, value, negated, quoted } = piece;
    if (key !== null && !(FILTERS as readonly string[]).includes(key)) {
      // "author:abraham" searches abraham; "javascript:" alone searches the word before the colon.
      const text = value.trim() === '' ? key : value;
      problems.push(`There is no filter “${key}:”, so “${text}” was searched as words. Filters: ${FILTERS.map((f) => `${f}:`).join(' ')}.`);
      addText(q, text, negated, quoted);
      continue;
    }
    if (key === null) {
      addText(q, value, negated, quoted);
      continue;
    }
    const filter = key as FilterName;
    if (value === '') {
      problems.push(`“${filter}:” needs a value, for example ${QUERY_HELP.find((h) => h.syntax.includes(`${filter}:`))?.syntax ?? `${filter}:…`}; it was left out.`);
      continue;
    }
    if (negated) problems.push(`A filter cannot be negated; “-${filter}:${value}” was used as “${filter}:${value}”.`);
    if (filter === 'kind') {
      const kind = KIND_ALIASES.get(value.toLowerCase());
      if (kind) {
        if (!q.filters.kind.includes(kind)) q.filters.kind.push(kind);
      } else problems.push(`“${value}” is not a kind of annotation (passage, figure, quote, question, event); that filter was left out.`);
    } else if (filter === 'before' || filter === 'after') {
      if (partialDatePrecision(value) === null) problems.push(`“${filter}:${value}” is not a date; write a year, a month or a day: 2021, 2021-03 or 2021-03-05. That filter was left out.`);
      else {
        if (q.filters[filter] !== null) problems.push(`“${filter}:” was given twice; the last one counts.`);
        q.filters[filter] = value;
      }
    } else {
      q.filters[filter].push(value);
    }
  }
  if (q.filters.before && q.filters.after && endOf(q.filters.after) >= startOf(q.filters.before)) {
    problems.push(`Nothing can be after ${q.filters.after} and before ${q.filters.before}.`);
  }
  return q;
}

function addText(q: ParsedQuery, value: string, negated: boolean, quoted: boolean): void {
  if (value === '') return;
  if (negated) q.excluded.push(value);
  else if (quoted) q.phrases.push(value);
  else q.words.push(value);
}

/** The first day of a partial date's period, as YYYY-MM-DD. */
export function startOf(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/** The last day of a partial date's period, as a string that sorts like YYYY-MM-DD. */
export function endOf(date: string): string {
  return date.length === 4 ? `${date}-12-31` : date.length === 7 ? `${date}-31` : date;
}

/**
 * Whether a source date passes before:/after: — the whole period of the date (a year, a month, a
 * day) must lie before or after the filter's period. Undated sources never pass a date filter.
 */
export function passesDates(published: string | null, before: string | null, after: string | null): boolean {
  if (before === null && after === null) return true;
  if (published === null) return false;
  if (before !== null && !(endOf(published) < startOf(before))) return false;
  if (after !== null && !(startOf(published) > endOf(after))) return false;
  return true;
}

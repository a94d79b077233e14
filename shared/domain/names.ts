/**
 * Matching names the way outlets spell them. "P Hunt 20.2", "P-Hunt 20.2", "P-HUNT_20.2" and
 * "p hunt 20.2" are one name; "P-Hunt 20.2" and "P-Hunt 20.3" are not. Case, Latin accents,
 * punctuation and the separators outlets use (spaces, hyphens, underscores, slashes, quotes,
 * brackets) are ignored; a dot or comma between two digits is part of the number.
 */

const LETTER_OR_DIGIT = /[\p{L}\p{M}\p{N}]/u;
const DIGIT = /\p{N}/u;

/** One token of a normalised text and where it came from in the original. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

function isAsciiAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isDigitAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code < 128 ? code >= 48 && code <= 57 : DIGIT.test(text[i] ?? '');
}

/** Whether text[i] belongs to a token: a letter, mark or digit (astral characters never do). */
function isTokenChar(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code < 128 ? isAsciiAlnum(code) : LETTER_OR_DIGIT.test(text[i]);
}

/** The key of one raw token: lowercased, Latin accents dropped, "10,000" as "10.000". */
function tokenKey(raw: string): string {
  let key = raw.toLowerCase();
  // eslint-disable-next-line no-control-regex -- a fast test for "all ASCII"
  if (!/^[\x00-\x7f]*$/.test(key))
    key = key
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .normalize('NFC');
  return key.includes(',') ? key.replaceAll(',', '.') : key;
}

/**
 * Splits text into normalised tokens with their offsets in the original: runs of letters, marks
 * and digits, lowercased and without Latin accents, where "20.2" stays one token. Everything else
 * separates tokens. Boundaries are found character by character with an ASCII fast path; the
 * Unicode work is done once per token.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let start = -1;
  // Whether the run holds a character at or above Thai's block: only such a run may need the segmenter.
  let high = false;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && isTokenChar(text, i)) {
      if (start < 0) {
        start = i;
        high = false;
      }
      if (text.charCodeAt(i) >= 0x0e00) high = true;
      continue;
    }
    const ch = text[i];
    if (start >= 0 && (ch === '.' || ch === ',') && isDigitAt(text, i - 1) && i + 1 < text.length && isDigitAt(text, i + 1)) continue;
    if (start >= 0) {
      if (high && start + 1 < i && UNSPACED.test(text.slice(start, i))) pushWords(tokens, text, start, i);
      else tokens.push({ text: tokenKey(text.slice(start, i)), start, end: i });
    }
    start = -1;
  }
  return tokens;
}

/**
 * Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Myanmar): a
 * run of their letters is many words. A run that holds any of them is split at word boundaries by
 * Intl.Segmenter (ICU's dictionaries), so 火星 is found in 火星是太阳系, and 飛び降りる in a
 * Japanese sentence.
 */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const wordSegmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** The words of text[start, end) by Intl.Segmenter, each a token with its offsets; nothing of the run is dropped. */
function pushWords(tokens: Token[], text: string, start: number, end: number): void {
  for (const segment of wordSegmenter.segment(text.slice(start, end))) {
    // Inside a run of letters every segment is word-like; one that is not (a lone mark) is kept all the same.
    const from = start + segment.index;
    tokens.push({ text: tokenKey(segment.segment), start: from, end: from + segment.segment.length });
  }
}

/** Whether a word is of a script written without spaces (its words are found inside longer index words too). */
export function isUnspaced(word: string): boolean {
  return UNSPACED.test(word);
}

/**
 * The matching key of a name: lowercased, without Latin accents, punctuation and separators,
 * words joined by single spaces ("P-HUNT_20.2" -> "p hunt 20.2"). Marks of other scripts (the
 * vowel signs of Malayalam or Devanagari) are letters and are kept.
 */
export function normalizeName(s: string): string {
  return tokenize(s.normalize('NFC'))
    .map((t) => t.text)
    .join(' ');
}

/** What findMentions needs of an entity. */
export interface NamedEntity {
  id: string;
  name: string;
  aliases: readonly string[];
}

/** One place where an entity's name or alias occurs. */
export interface Mention {
  entityId: string;
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  /** The name or alias that matched, as the entity spells it. */
  alias: string;
}

interface CompiledName {
  tokens: string[];
  entityId: string;
  alias: string;
}

/**
 * Names compiled for matching, looked up by their first two tokens (one-word names by their
 * only token), each list longest first: a token of the text is compared with only the few names
 * that can start there.
 */
export interface NameIndex {
  byFirstToken: Map<string, { single: CompiledName[]; bySecond: Map<string, CompiledName[]> }>;
}

/** Compiles entities' names and aliases for {@link findMentions}; reuse it across many texts. */
export function indexNames(entities: readonly NamedEntity[]): NameIndex {
  const byFirstToken: NameIndex['byFirstToken'] = new Map();
  for (const e of entities) {
    for (const alias of [e.name, ...e.aliases]) {
      const tokens = normalizeName(alias).split(' ').filter(Boolean);
      if (tokens.length === 0) continue;
      let entry = byFirstToken.get(tokens[0]);
      if (!entry) byFirstToken.set(tokens[0], (entry = { single: [], bySecond: new Map() }));
      const compiled = { tokens, entityId: e.id, alias };
      if (tokens.length === 1) entry.single.push(compiled);
      else entry.bySecond.set(tokens[1], [...(entry.bySecond.get(tokens[1]) ?? []), compiled]);
    }
  }
  for (const entry of byFirstToken.values()) for (const list of entry.bySecond.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return { byFirstToken };
}

/**
 * Every occurrence in `text` of an entity's name or alias, in text order and non-overlapping:
 * where matches overlap, the longest wins ("Operation P-Hunt" over "P-Hunt"); between equally long
 * ones the one with a number ("the operation P Hunt 20.2" is the round, not the operation). Matches are whole tokens, so "20.2" never
 * matches inside "20.25" and "Abraham" never inside "Abrahams".
 */
export function findMentions(text: string, entities: readonly NamedEntity[] | NameIndex): Mention[] {
  const index = 'byFirstToken' in entities ? entities : indexNames(entities);
  const tokens = tokenize(text);
  const found: { first: number; last: number; numbers: number; mention: Mention }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const entry = index.byFirstToken.get(tokens[i].text);
    if (!entry) continue;
    const longer = i + 1 < tokens.length ? entry.bySecond.get(tokens[i + 1].text) : undefined;
    const hit = longer?.find((c) => c.tokens.every((t, k) => tokens[i + k]?.text === t)) ?? entry.single[0];
    if (!hit) continue;
    const last = i + hit.tokens.length - 1;
    const numbers = hit.tokens.filter((t) => DIGIT.test(t)).length;
    found.push({ first: i, last, numbers, mention: { entityId: hit.entityId, start: tokens[i].start, end: tokens[last].end, alias: hit.alias } });
  }
  // Most tokens first; among equals the more specific (more numbers: a round over its
  // operation), then the longer in characters, then the earlier. Keep each that overlaps nothing
  // already kept.
  const size = (f: (typeof found)[number]) => f.last - f.first;
  found.sort((a, b) => size(b) - size(a) || b.numbers - a.numbers || b.mention.end - b.mention.start - (a.mention.end - a.mention.start) || a.first - b.first);
  const taken = new Uint8Array(tokens.length);
  const kept: Mention[] = [];
  for (const f of found) {
    let free = true;
    for (let k = f.first; k <= f.last && free; k++) free = taken[k] === 0;
    if (!free) continue;
    taken.fill(1, f.first, f.last + 1);
    kept.push(f.mention);
  }
  return kept.sort((a, b) => a.start - b.start);
}

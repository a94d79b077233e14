/**
 * Matching names the way outlets spell them. "P Hunt 20.2", "P-Hunt 20.2", "P-HUNT_20.2" and
 * "p hunt 20.2" are one name; "P-Hunt 20.2" and "P-Hunt 20.3" are not. Case, Latin accents,
 * punctuation and the separators outlets use (spaces, hyphens, underscores, slashes, quotes,
 * brackets) are ignored; a dot or comma between two digits is part of the number.
 */

const LATIN_ACCENT = /[\u0300-\u036f]/;
const LETTER_OR_DIGIT = /[\p{L}\p{M}\p{N}]/u;
const DIGIT = /\p{N}/u;

/** One token of a normalised text and where it came from in the original. */
interface Token {
  text: string;
  start: number;
  end: number;
}

/**
 * Splits text into normalised tokens with their offsets in the original: runs of letters, marks
 * and digits, lowercased and without Latin accents, where "20.2" stays one token. Everything else
 * separates tokens.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let current = '';
  let start = -1;
  const flush = (end: number) => {
    // Decomposed to drop Latin accents, recomposed so other scripts compare as written.
    if (current) tokens.push({ text: current.normalize('NFC'), start, end });
    current = '';
    start = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const joinsNumber = (ch === '.' || ch === ',') && DIGIT.test(text[i - 1] ?? '') && DIGIT.test(text[i + 1] ?? '');
    if (joinsNumber) {
      current += '.';
      continue;
    }
    // Astral characters (emoji) are separators; they are not letters of a name.
    if (!LETTER_OR_DIGIT.test(ch)) {
      flush(i);
      continue;
    }
    if (start < 0) start = i;
    for (const c of ch.normalize('NFKD').toLowerCase()) if (!LATIN_ACCENT.test(c)) current += c;
  }
  flush(text.length);
  return tokens;
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

/** Names compiled for matching: by first token, longest first. */
export interface NameIndex {
  byFirstToken: Map<string, { tokens: string[]; entityId: string; alias: string; length: number }[]>;
}

/** Compiles entities' names and aliases for {@link findMentions}; reuse it across many texts. */
export function indexNames(entities: readonly NamedEntity[]): NameIndex {
  const byFirstToken: NameIndex['byFirstToken'] = new Map();
  for (const e of entities) {
    for (const alias of [e.name, ...e.aliases]) {
      const tokens = normalizeName(alias).split(' ').filter(Boolean);
      if (tokens.length === 0) continue;
      const list = byFirstToken.get(tokens[0]) ?? [];
      list.push({ tokens, entityId: e.id, alias, length: tokens.join(' ').length });
      byFirstToken.set(tokens[0], list);
    }
  }
  for (const list of byFirstToken.values()) list.sort((a, b) => b.tokens.length - a.tokens.length || b.length - a.length);
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
    const candidates = index.byFirstToken.get(tokens[i].text);
    const hit = candidates?.find((c) => c.tokens.every((t, k) => tokens[i + k]?.text === t));
    if (!hit) continue;
    const last = i + hit.tokens.length - 1;
    const numbers = hit.tokens.filter((t) => DIGIT.test(t)).length;
    found.push({ first: i, last, numbers, mention: { entityId: hit.entityId, start: tokens[i].start, end: tokens[last].end, alias: hit.alias } });
  }
  // Most tokens first; among equals the more specific (more numbers: a round over its
  // operation), then the longer in characters, then the earlier. Keep each that overlaps nothing
  // already kept.
  const size = (f: (typeof found)[number]) => f.last - f.first;
  found.sort(
    (a, b) =>
      size(b) - size(a) || b.numbers - a.numbers || b.mention.end - b.mention.start - (a.mention.end - a.mention.start) || a.first - b.first,
  );
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

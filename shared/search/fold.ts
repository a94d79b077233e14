/**
 * Folding for search: lowercase and without Latin accents, character by character, so that the
 * folded text has exactly the length of the original and every offset found in it is an offset in
 * the original (for highlights and for opening the reader at a hit). Marks of other scripts (the
 * vowel signs of Malayalam or Devanagari) are letters and are kept, as in normalizeName.
 */
import { isUnspaced } from '../domain/names';

const cache = new Map<string, string>();

function foldChar(ch: string): string {
  let folded = cache.get(ch);
  if (folded !== undefined) return folded;
  const lower = ch.toLowerCase();
  folded = lower.length === ch.length ? lower : ch;
  const stripped = folded.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  if (stripped.length === folded.length) folded = stripped;
  cache.set(ch, folded);
  return folded;
}

// A pair of surrogates (kept as it is), or one other character outside ASCII.
// eslint-disable-next-line no-control-regex -- "not ASCII" is the range from \x00 to \x7f, negated
const NON_ASCII = /[\ud800-\udbff][\udc00-\udfff]|[^\x00-\x7f]/g;

/**
 * Folds a text: same length, lowercase, Latin accents dropped. Built by two replace() passes, each
 * making one flat string: adding character by character (as this once did) left V8 a rope of
 * millions of pieces, about 30 bytes a character, which held most of the search index's memory.
 */
export function foldText(text: string): string {
  // eslint-disable-next-line no-control-regex -- a fast test for "all ASCII"
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  return text.replace(NON_ASCII, (ch) => (ch.length === 2 ? ch : foldChar(ch))).replace(/[A-Z]+/g, (upper) => upper.toLowerCase());
}

const TOKEN_CHAR = '[\\p{L}\\p{M}\\p{N}]';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A token key as a pattern: "10.000" also matches "10,000" as written. */
function tokenPattern(key: string): string {
  return escape(key).replaceAll('\\.', '[.,]');
}

/**
 * A pattern for whole tokens of a folded text: any of `keys` (alternatives), or, with `sequence`,
 * the keys in order separated by anything that is not a letter or digit (a phrase). A key of a
 * script written without spaces (Chinese, Japanese, Thai) is found inside a run of letters too, as
 * its words are, and its phrase's words may touch.
 */
export function tokenRegex(keys: readonly string[], sequence = false): RegExp {
  const whole = (body: string) => `(?<!${TOKEN_CHAR})${body}(?!${TOKEN_CHAR})`;
  if (sequence) {
    const unspaced = keys.some(isUnspaced);
    const body = keys.map(tokenPattern).join(`(?:(?!${TOKEN_CHAR}).)${unspaced ? '*' : '+'}`);
    return new RegExp(unspaced ? body : whole(body), 'gsu');
  }
  const byLength = [...keys].sort((a, b) => b.length - a.length);
  const spaced = byLength.filter((k) => !isUnspaced(k)).map(tokenPattern);
  const unspaced = byLength.filter(isUnspaced).map(tokenPattern);
  const parts = [...(spaced.length > 0 ? [whole(`(?:${spaced.join('|')})`)] : []), ...(unspaced.length > 0 ? [`(?:${unspaced.join('|')})`] : [])];
  return new RegExp(parts.length > 0 ? parts.join('|') : whole('(?:)'), 'gsu');
}

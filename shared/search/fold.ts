/**
 * Folding for search: lowercase and without Latin accents, character by character, so that the
 * folded text has exactly the length of the original and every offset found in it is an offset in
 * the original (for highlights and for opening the reader at a hit). Marks of other scripts (the
 * vowel signs of Malayalam or Devanagari) are letters and are kept, as in normalizeName.
 */

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

/** Folds a text: same length, lowercase, Latin accents dropped. */
export function foldText(text: string): string {
  // eslint-disable-next-line no-control-regex -- a fast test for "all ASCII"
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) out += text[i].toLowerCase();
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      out += text[i] + text[i + 1];
      i++;
    } else out += foldChar(text[i]);
  }
  return out;
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
 * the keys in order separated by anything that is not a letter or digit (a phrase).
 */
export function tokenRegex(keys: readonly string[], sequence = false): RegExp {
  const body = sequence ? keys.map(tokenPattern).join(`(?:(?!${TOKEN_CHAR}).)+`) : `(?:${[...keys].sort((a, b) => b.length - a.length).map(tokenPattern).join('|')})`;
  return new RegExp(`(?<!${TOKEN_CHAR})${body}(?!${TOKEN_CHAR})`, 'gsu');
}

/**
 * The parts of a hit that show the words found: ranges of matches in a folded text, a window of
 * text around a hit (cut at spaces, whitespace shown as one space), and notes as plain text.
 */
import { tokenRegex } from './fold';
import type { Highlighted } from './types';

const SNIPPET_BEFORE = 70;
const SNIPPET_AFTER = 130;

/** Ranges of all regex matches in a folded text (same offsets as the original). */
export function rangesOf(folded: string, regex: RegExp, from = 0, to = folded.length): [number, number][] {
  const out: [number, number][] = [];
  regex.lastIndex = from;
  for (let m = regex.exec(folded); m && m.index < to; m = regex.exec(folded)) {
    out.push([m.index, m.index + m[0].length]);
    if (m[0].length === 0) regex.lastIndex++;
  }
  return out;
}

/** A window of a text around [start, end), cut at spaces, with ranges moved into it. */
export function window(text: string, folded: string, start: number, end: number, marks: RegExp): Highlighted {
  let from = Math.max(0, start - SNIPPET_BEFORE);
  let to = Math.min(text.length, end + SNIPPET_AFTER);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space >= 0 && space < start) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > end) to = space;
  }
  const prefix = from > 0 ? '… ' : '';
  const suffix = to < text.length ? ' …' : '';
  const ranges = rangesOf(folded, marks, from, to)
    .filter(([, e]) => e <= to)
    .map(([s, e]): [number, number] => [s - from + prefix.length, e - from + prefix.length]);
  return { text: `${prefix}${text.slice(from, to).replace(/\s+/g, ' ')}${suffix}`, ranges: collapseRanges(text.slice(from, to), ranges, prefix.length) };
}

/**
 * Whitespace runs in a snippet are shown as one space: ranges are moved to match. (The snippet's
 * text is `prefix + collapsed(raw)`.)
 */
function collapseRanges(raw: string, ranges: [number, number][], shift: number): [number, number][] {
  if (!/\s\s|[\n\t\r]/.test(raw)) return ranges;
  const map: number[] = [];
  let j = 0;
  for (let i = 0; i < raw.length; i++) {
    map.push(j);
    const isSpace = /\s/.test(raw[i]);
    if (!isSpace || !/\s/.test(raw[i - 1] ?? '')) j++;
  }
  map.push(j);
  return ranges.map(([s, e]) => [map[s - shift] + shift, map[e - shift] + shift]);
}

/** A note's Markdown as plain text: emphasis, code and heading marks dropped, links as their text. */
export function plainMarkdown(note: string): string {
  return (
    note
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/(\*\*|\*|`)(?=\S)([\s\S]*?\S)\1/g, '$2')
      // Underscores mark emphasis only at word edges ("P-Hunt_20.3" keeps its underscore).
      .replace(/(?<![\p{L}\p{N}])(__|_)(?=\S)([\s\S]*?\S)\1(?![\p{L}\p{N}])/gu, '$2')
      .replace(/^\s{0,3}(#{1,6}|>|[-*+])\s+/gm, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

export function highlightAll(text: string, folded: string, marks: RegExp | null): Highlighted {
  return { text, ranges: marks ? rangesOf(folded, marks) : [] };
}

const phraseCache = new Map<string, RegExp>();

/** Whether a folded text contains the tokens in sequence, as whole tokens. */
export function hasPhrase(folded: string, tokens: string[]): boolean {
  const key = tokens.join('\u0000');
  let regex = phraseCache.get(key);
  if (!regex) {
    if (phraseCache.size > 2000) phraseCache.clear();
    phraseCache.set(key, (regex = tokenRegex(tokens, true)));
  }
  return matches(regex, folded);
}

/** Whether a pattern (global) matches a folded text anywhere. */
export function matches(regex: RegExp, folded: string): boolean {
  regex.lastIndex = 0;
  return regex.test(folded);
}

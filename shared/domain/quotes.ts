/**
 * Quotation marks in a passage: which ones open without closing or close without opening, and the
 * nearest balanced passage to offer instead (extended to the partner mark, or trimmed before it).
 * A quote shown with an unmatched mark — or with one the display added — is a misquote in a
 * document an editor trusts, so the reader offers the fix and the fact sheet warns; nothing is
 * changed without the reporter choosing it.
 *
 * Curly double marks (“ ”), guillemets (« ») and straight double marks (") pair strictly. Single
 * marks are weaker evidence: ’ is also the apostrophe (police’s, officers’), so a ’ closes an open ‘
 * but is never reported on its own, and ‘ between letters is a mistyped apostrophe, not an opener.
 */

export interface Mark {
  /** Offset of the mark in the text scanned. */
  at: number;
  mark: string;
}

export interface MarkBalance {
  /** Marks that open a quotation the text does not close. */
  unclosed: Mark[];
  /** Marks that close a quotation the text did not open. */
  unopened: Mark[];
  /** Opening offset → closing offset of every pair found. */
  pairs: Map<number, number>;
}

const CLOSER: Record<string, string> = { '“': '”', '«': '»', '‘': '’' };
const OPENER: Record<string, string> = { '”': '“', '»': '«', '’': '‘' };
const isLetter = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Scans `text` for quotation marks and pairs them (nested pairs close innermost first). */
export function markBalance(text: string): MarkBalance {
  const stack: Mark[] = [];
  const unopened: Mark[] = [];
  const pairs = new Map<number, number>();
  const unclosed: Mark[] = [];
  const closeTo = (opener: string, at: number): boolean => {
    const i = stack.map((m) => m.mark).lastIndexOf(opener);
    if (i < 0) return false;
    // Openers above the partner were never closed (a single mark may be an apostrophe: dropped quietly).
    for (const m of stack.splice(i + 1)) if (m.mark !== '‘') unclosed.push(m);
    pairs.set(stack.pop()!.at, at);
    return true;
  };
  for (let at = 0; at < text.length; at++) {
    const c = text[at];
    if (c === '“' || c === '«') stack.push({ at, mark: c });
    else if (c === '‘') {
      if (!isLetter(text[at - 1])) stack.push({ at, mark: c });
    } else if (c === '”' || c === '»') {
      if (!closeTo(c === '”' ? '“' : '«', at)) unopened.push({ at, mark: c });
    } else if (c === '’') {
      if (isLetter(text[at - 1]) && isLetter(text[at + 1])) continue;
      if (stack.at(-1)?.mark === '‘') pairs.set(stack.pop()!.at, at);
    } else if (c === '"') {
      if (stack.at(-1)?.mark === '"') pairs.set(stack.pop()!.at, at);
      else if (stack.some((m) => m.mark === '"')) closeTo('"', at);
      else stack.push({ at, mark: c });
    }
  }
  // A ‘ left open may be a mistyped apostrophe (‘90s): not reported, for the same reason as ’.
  for (const m of stack) if (m.mark !== '‘') unclosed.push(m);
  unclosed.sort((a, b) => a.at - b.at);
  return { unclosed, unopened, pairs };
}

export const isBalanced = (text: string): boolean => {
  const b = markBalance(text);
  return b.unclosed.length === 0 && b.unopened.length === 0;
};

/** What is wrong with a passage's quotation marks, in words, or null when they balance. */
export function describeMarks(text: string): string | null {
  const { unclosed, unopened } = markBalance(text);
  const parts: string[] = [];
  if (unclosed.length) parts.push(`opens ${unclosed.map((m) => m.mark).join(' ')} without closing it`);
  if (unopened.length) parts.push(`closes ${unopened.map((m) => m.mark).join(' ')} without opening it`);
  return parts.length ? `The passage ${parts.join(' and ')}.` : null;
}

/** True when the whole passage is one quotation: it opens with a mark and ends with that mark's partner. */
export function isEnclosed(text: string): boolean {
  const { pairs, unclosed, unopened } = markBalance(text);
  if (unclosed.length || unopened.length) return false;
  return pairs.get(0) === text.length - 1 && text.length > 1;
}

/**
 * A passage as shown in quotation marks. A passage that is one quotation is shown as it is; one
 * without marks is put in “ ”; one that contains a balanced quotation is put in ‘ ’ so the marks
 * it has stay as the source prints them (the nesting style guides use). A passage whose marks do
 * not balance is shown exactly, with no mark added — adding one would misquote it — and is flagged
 * where it is cited (describeMarks).
 */
export function inQuotes(words: string): string {
  const [open, close] = quoteMarksFor(words);
  return `${open}${words}${close}`;
}

/** The marks inQuotes puts around `words`: none, ‘ ’ or “ ”. */
export function quoteMarksFor(words: string): [string, string] {
  const { unclosed, unopened } = markBalance(words);
  if (unclosed.length || unopened.length || isEnclosed(words)) return ['', ''];
  return /[“”"«»]/.test(words) ? ['‘', '’'] : ['“', '”'];
}

export interface Span {
  start: number;
  end: number;
}

export interface BalanceOffer {
  /** What is wrong, in words. */
  problem: string;
  /** The offers as a button says them: "Take in the closing ”", "Leave out the “". */
  extendLabel: string;
  trimLabel: string;
  /** The passage grown to take in the partner of each unmatched mark (in the same paragraph), or null. */
  extend: Span | null;
  /** The passage shrunk to leave out each unmatched mark, or null when nothing would be left. */
  trim: Span | null;
}

const paragraphAround = (text: string, start: number, end: number): Span => {
  const from = text.lastIndexOf('\n', Math.max(0, start - 1));
  const to = text.indexOf('\n', end);
  return { start: from < 0 ? 0 : from + 1, end: to < 0 ? text.length : to };
};

/** Cuts spaces off both ends of a span. */
function tight(text: string, s: Span): Span | null {
  let { start, end } = s;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end > start ? { start, end } : null;
}

/**
 * For a selection of `text` whose quotation marks do not balance, the balanced passages to offer;
 * null when they balance. Partners are looked for in the selection's paragraph only.
 */
export function balanceOffer(text: string, start: number, end: number): BalanceOffer | null {
  const problem = describeMarks(text.slice(start, end));
  if (!problem) return null;
  const found = markBalance(text.slice(start, end));
  const marks = [...found.unclosed, ...found.unopened];
  const extendLabel =
    marks.length > 1
      ? 'Take in the matching marks'
      : found.unclosed.length
        ? `Take in the closing ${CLOSER[marks[0].mark] ?? marks[0].mark}`
        : `Take in the opening ${OPENER[marks[0].mark] ?? marks[0].mark}`;
  const trimLabel = marks.length > 1 ? 'Leave out the unmatched marks' : `Leave out the ${marks[0].mark}`;
  const para = paragraphAround(text, start, end);
  const { pairs } = markBalance(text.slice(para.start, para.end));
  const partner = new Map<number, number>();
  for (const [o, c] of pairs) {
    partner.set(o + para.start, c + para.start);
    partner.set(c + para.start, o + para.start);
  }

  // Extend: take in each crossing mark's partner until nothing crosses the edges.
  let extend: Span | null = { start, end };
  for (let changed = true; changed && extend;) {
    changed = false;
    const b = markBalance(text.slice(extend.start, extend.end));
    for (const m of [...b.unclosed, ...b.unopened]) {
      const at = m.at + extend.start;
      const other = partner.get(at);
      if (other === undefined) {
        extend = null;
        break;
      }
      if (other < extend.start) extend = { start: other, end: extend.end };
      else if (other >= extend.end) extend = { start: extend.start, end: other + 1 };
      else continue;
      changed = true;
      break;
    }
  }
  if (extend && !isBalanced(text.slice(extend.start, extend.end))) extend = null;

  // Trim: drop each unmatched mark with whichever side of it is shorter.
  let trim: Span | null = { start, end };
  for (let guard = 0; trim && guard < 50; guard++) {
    const b = markBalance(text.slice(trim.start, trim.end));
    const m = b.unclosed[0] ?? b.unopened[0];
    if (!m) break;
    const at = m.at + trim.start;
    const before = at - trim.start;
    const after = trim.end - (at + 1);
    trim = tight(text, after >= before ? { start: at + 1, end: trim.end } : { start: trim.start, end: at });
  }
  if (trim && !isBalanced(text.slice(trim.start, trim.end))) trim = null;
  return { problem, extendLabel, trimLabel, extend, trim };
}
